"""The archive seal: an Ed25519 signature, kept in the ZIP comment, over every byte of the ZIP before it.

The BagIt manifests and the signature over the tag manifest protect the *content* of a package: every
file's bytes and name. The ZIP structure around that content — local headers, file times, attributes,
the central directory, the end record — is not content, and one changed byte there can leave every
file readable and every hash right (a file time, a "version made by" byte, an unused flag bit). The
seal closes that gap for a package as our writer made it, so that *any* one-byte change anywhere in
the file is caught:

    ZIP comment = b"FAZHI-SEAL-1 " + base64(Ed25519 signature)          (101 ASCII bytes, last in the file)
    signed message = SHA-256 (32 raw bytes) of the file up to the comment (everything but the seal)

The key is the unit key that signs the tag manifest (its public half is `unit-public-key.pem` in the
bag). A ZIP re-made by another tool (unpacked and re-zipped on Windows) has no seal: its content is
still checked in full and the verifier only warns. By hand (docs/verify-by-hand.md)::

    tail -c 88 PKG.zip | base64 -d > seal.sig
    head -c $(( $(stat -c %s PKG.zip) - 101 )) PKG.zip | openssl dgst -sha256 -binary > sealed.sha256
    openssl pkeyutl -verify -pubin -inkey unit-public-key.pem -rawin -in sealed.sha256 -sigfile seal.sig
"""

from __future__ import annotations

import base64
import binascii
import struct
from dataclasses import dataclass
from typing import BinaryIO

SEAL_TAG = b"FAZHI-SEAL-1 "
SEAL_LEN = len(SEAL_TAG) + 88  # base64 of 64 bytes is 88 characters
PLACEHOLDER = bytes(SEAL_LEN)  # written first, replaced by the seal once the bytes before it are final

_EOCD = struct.Struct("<4s4H2LH")  # end of central directory record (APPNOTE 4.3.16)
_EOCD_MAGIC = b"PK\x05\x06"
_LOCATOR = struct.Struct("<4sLQL")  # ZIP64 end of central directory locator (4.3.15)
_LOCATOR_MAGIC = b"PK\x06\x07"
_EOCD64 = struct.Struct("<4sQ2H2L4Q")  # ZIP64 end of central directory record (4.3.14)
_EOCD64_MAGIC = b"PK\x06\x06"
_MAX_COMMENT = 0xFFFF


@dataclass(frozen=True)
class Tail:
    """What the end record of a ZIP declares, found the way zipfile finds it (the last signature)."""

    eocd_offset: int
    entries: int  # total entries the archive declares (ZIP64 value when present)
    cd_size: int
    comment: bytes  # the comment as the end record declares it (cut short if the file ends first)
    trailing: int  # bytes after the declared comment; negative when the file ends inside it
    misplaced: int  # where the directory ends minus where it says it starts plus its size: 0 when sound

    @property
    def sealed_end(self) -> int:
        """Offset where the seal starts: the signed bytes are [0, sealed_end)."""
        return self.eocd_offset + _EOCD.size


def read_tail(fh: BinaryIO, size: int) -> Tail | None:
    """The end record of the ZIP in `fh` (`size` bytes long), or None when there is none."""
    span = min(size, _EOCD.size + _MAX_COMMENT)
    fh.seek(size - span)
    data = fh.read(span)
    pos = data.rfind(_EOCD_MAGIC)
    if pos < 0 or len(data) - pos < _EOCD.size:
        return None
    _, _, _, _, entries, cd_size, _, comment_len = _EOCD.unpack(data[pos : pos + _EOCD.size])
    eocd_offset = size - span + pos
    comment = data[pos + _EOCD.size : pos + _EOCD.size + comment_len]
    trailing = size - (eocd_offset + _EOCD.size + comment_len)
    cd_offset = struct.unpack("<L", data[pos + 16 : pos + 20])[0]
    directory_end = eocd_offset
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF:
        entries, cd_size, cd_offset, directory_end = _zip64(fh, eocd_offset, entries, cd_size, cd_offset)
    # In a sound ZIP the directory ends where the end record (or the ZIP64 record) starts. A file cut
    # short whose last "end record" belongs to a ZIP stored inside it (the workbook is one), or one with
    # data put in front, fails this.
    misplaced = directory_end - cd_size - cd_offset
    return Tail(eocd_offset, entries, cd_size, comment, trailing, misplaced)


def _zip64(
    fh: BinaryIO, eocd_offset: int, entries: int, cd_size: int, cd_offset: int
) -> tuple[int, int, int, int]:
    """Entry count, directory size and offset, and where the directory ends, from the ZIP64 record."""
    unchanged = entries, cd_size, cd_offset, eocd_offset
    if eocd_offset < _LOCATOR.size:
        return unchanged
    fh.seek(eocd_offset - _LOCATOR.size)
    magic, _, record_offset, _ = _LOCATOR.unpack(fh.read(_LOCATOR.size))
    if magic != _LOCATOR_MAGIC or record_offset > eocd_offset:
        return unchanged
    fh.seek(record_offset)
    raw = fh.read(_EOCD64.size)
    if len(raw) != _EOCD64.size or raw[:4] != _EOCD64_MAGIC:
        return unchanged
    fields = _EOCD64.unpack(raw)
    return fields[7], fields[8], fields[9], record_offset


def make_seal(signature: bytes) -> bytes:
    """The comment bytes for a 64-byte Ed25519 signature."""
    seal = SEAL_TAG + base64.b64encode(signature)
    assert len(seal) == SEAL_LEN
    return seal


def is_foreign_comment(comment: bytes) -> bool:
    """Whether a ZIP comment that is not a valid seal was written by another tool (`zip -z`, an
    archiver's note) rather than being our seal damaged: a damaged seal keeps the seal's length (one
    changed byte) or its tag; a change of the comment's length is caught as trailing data already."""
    return bool(comment) and len(comment) != SEAL_LEN and not comment.startswith(SEAL_TAG[:6])


def parse_seal(comment: bytes) -> bytes | None:
    """The signature in a seal comment, or None when the comment is not exactly a seal."""
    if len(comment) != SEAL_LEN or not comment.startswith(SEAL_TAG):
        return None
    text = comment[len(SEAL_TAG) :]
    try:
        signature = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    # Base64 leaves spare bits in its last character; demand the one canonical spelling so that a
    # changed spare bit is a changed seal, not the same signature written differently.
    if len(signature) != 64 or base64.b64encode(signature) != text:
        return None
    return signature
