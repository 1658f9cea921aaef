"""One sequential pass over a ZIP: the whole file's SHA-256 and every stored entry's SHA-256 and CRC-32.

A stored ZIP as our writer makes it can be read front to back — local header, name, extra field,
data, the next local header, …, then the central directory and the end record — so every byte is
read from the disk once: each block feeds the file's hash (and, where the seal starts, a copy of it
is taken for the seal), and the data of each stored entry also feeds that entry's SHA-256 and CRC-32.
The two hashes are computed side by side: hashlib lets go of the interpreter lock on large blocks, so
the file's hash runs on a helper thread (`_Lane`) while this one hashes the entry, and on a machine with
two cores the pass takes about as long as one SHA-256 over the file. The CRC is computed here with the
entry's hash: ISA-L's (package/crc.py) takes 0.02 s a gigabyte. With zlib's (0.25 s) it had a lane of
its own, and three busy threads on two cores made the pass 1.4× one SHA-256; two take 1.0×.

What the walk found is trusted only per entry and only once it agrees with the central directory
(`Scan.result_for`): the same offset, name bytes, flags, method, CRC and sizes, stored, no data
descriptor, no flag bits but UTF-8. Anything else — an entry that disagrees, a compressed entry, a
data descriptor, a truncated file, an archive re-zipped by another tool — is simply not in the
result, and the verifier reads that entry through zipfile as it always did (zipread.read_entry), with
the same problem codes. The walk itself never reports a problem: it only saves a second read.
"""

from __future__ import annotations

import hashlib
import struct
import zipfile
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from fazhi_desktop.package.crc import crc32
from fazhi_desktop.package.zipread import (
    BLOCK,
    LOCAL_HEADER,
    LOCAL_MAGIC,
    ZIP64_MARK,
    Entry,
    ReadResult,
    entry_result,
)
from fazhi_desktop.package.zipsafe import UTF8_FLAG

if TYPE_CHECKING:
    from hashlib import _Hash

_DATA_DESCRIPTOR = 0x08
_ZIP64_EXTRA = 0x0001


@dataclass
class Local:
    """One entry as its local header declares it, with what reading its data gave (stored entries)."""

    flags: int
    method: int
    crc_declared: int
    csize: int
    usize: int
    raw_name: bytes
    sha256: str | None = None  # set when the data was read to its declared end (stored entries only)
    crc: int | None = None  # the CRC-32 of what was read (stored entries only)
    data: bytes | None = None  # the bytes, for the entries asked to be kept


@dataclass
class Scan:
    """What one pass gave: the sealed part's digest, the file's SHA-256 and the entries walked."""

    sealed_digest: bytes | None
    whole: _Hash
    locals: dict[int, Local] = field(default_factory=dict)  # by header offset

    @property
    def sha256(self) -> str:
        """The SHA-256 (hex) of everything the pass read."""
        return self.whole.hexdigest()

    def result_for(self, entry: Entry) -> tuple[ReadResult, bytes | None] | None:
        """What reading `entry` through zipfile would give, when the walk read exactly those bytes;
        None when the entry must be read through zipfile (see the module docstring)."""
        info = entry.info
        local = self.locals.get(info.header_offset)
        if local is None or local.sha256 is None or not fits_walk(info):
            return None
        if (
            local.method != info.compress_type
            or local.flags != info.flag_bits
            or local.raw_name != raw_name(info)
            or local.crc_declared != info.CRC
            or local.crc is None
            or not local.csize == local.usize == info.file_size
        ):
            return None
        return entry_result(local.sha256, local.csize, local.crc, info), local.data


def fits_walk(info: zipfile.ZipInfo) -> bool:
    """Whether the central directory describes an entry the walk can stand in for (stored, plain)."""
    return (
        info.compress_type == zipfile.ZIP_STORED
        and not info.flag_bits & ~UTF8_FLAG
        and info.compress_size == info.file_size
    )


def raw_name(info: zipfile.ZipInfo) -> bytes:
    """The name's bytes as the central directory holds them (the archive was opened with cp437)."""
    return info.orig_filename.encode("utf-8" if info.flag_bits & UTF8_FLAG else "cp437")


def scan_zip(
    fh: BinaryIO,
    length: int,
    *,
    on_block: Callable[[int], None],
    sealed_end: int | None = None,
    walk_end: int | None = None,
    keep: Mapping[int, int] | None = None,
    on_entry: Callable[[int], None] | None = None,
) -> Scan:
    """Read the first `length` bytes of `fh` once, front to back (see the module docstring).

    `sealed_end`: where the seal starts (a copy of the running hash is taken there); `walk_end`: where
    the local entries end (the central directory's offset); `keep`: header offset → size limit of the
    entries whose bytes are kept; `on_block(n)` after each block read, `on_entry(offset)` as an
    entry's data starts.
    """
    threaded = length > BLOCK  # a small file is hashed faster than a thread starts
    whole_lane = _Lane(threaded)
    try:
        source = _Source(fh, length, sealed_end, on_block, whole_lane)
        keep = keep or {}
        found: dict[int, Local] = {}
        while walk_end is None or source.tell() < walk_end:
            offset = source.tell()
            local = _walk_one(source, keep.get(offset, -1), offset, on_entry)
            if local is None:
                break
            found[offset] = local
        source.drain()
        whole_lane.wait()
    finally:
        whole_lane.close()
    return Scan(source.sealed_digest, source.whole, found)


def _walk_one(source: _Source, cap: int, offset: int, on_entry: Callable[[int], None] | None) -> Local | None:
    """The entry whose local header starts here; None where the walk has to stop."""
    raw = source.take(LOCAL_HEADER.size)
    if len(raw) != LOCAL_HEADER.size or raw[:4] != LOCAL_MAGIC:
        return None  # the central directory (or something that is not ours)
    _, _, _, flags, method, _, _, crc, csize, usize, name_len, extra_len = LOCAL_HEADER.unpack(raw)
    name = source.take(name_len)
    extra = source.take(extra_len)
    if len(name) != name_len or len(extra) != extra_len or flags & _DATA_DESCRIPTOR:
        return None  # cut short, or the sizes come after the data: the length is not known here
    if ZIP64_MARK in (csize, usize):
        sizes = _zip64_sizes(extra, usize, csize)
        if sizes is None:
            return None
        usize, csize = sizes
    local = Local(flags, method, crc, csize, usize, name)
    if on_entry is not None:
        on_entry(offset)
    stored = method == zipfile.ZIP_STORED and csize == usize
    digest = hashlib.sha256()
    crc = 0
    kept = bytearray() if stored and csize <= cap else None
    n = 0
    for piece in source.pieces(csize):
        n += len(piece)
        if stored:
            crc = crc32(piece, crc)
            digest.update(piece)
            if kept is not None:
                kept += piece
    if n != csize:
        return None  # the file ends inside the data
    if stored:
        local.sha256 = digest.hexdigest()
        local.crc = crc
        local.data = bytes(kept) if kept is not None else None
    return local


def _zip64_sizes(extra: bytes, usize: int, csize: int) -> tuple[int, int] | None:
    """(uncompressed, compressed) from the ZIP64 extra field, for the sizes marked 0xFFFFFFFF."""
    at = 0
    while at + 4 <= len(extra):
        tag, size = struct.unpack_from("<2H", extra, at)
        body = extra[at + 4 : at + 4 + size]
        if tag == _ZIP64_EXTRA:
            values = [struct.unpack_from("<Q", body, i)[0] for i in range(0, len(body) - 7, 8)]
            if usize == ZIP64_MARK:
                if not values:
                    return None
                usize = values.pop(0)
            if csize == ZIP64_MARK:
                if not values:
                    return None
                csize = values.pop(0)
            return usize, csize
        at += 4 + size
    return None


class _Lane:
    """Work done in order on one helper thread, at most a few pieces behind; inline when not threaded."""

    _AHEAD = 2  # pending pieces (each at most one block): bounds the memory held for the helper

    def __init__(self, threaded: bool) -> None:
        self.pool = ThreadPoolExecutor(1) if threaded else None
        self.pending: deque[Future[None]] = deque()

    def submit(self, work: Callable[[bytes | memoryview], None], data: bytes | memoryview) -> None:
        if self.pool is None:
            work(data)
            return
        self.pending.append(self.pool.submit(work, data))
        self.wait(self._AHEAD)

    def wait(self, ahead: int = 0) -> None:
        """Until at most `ahead` pieces are still pending."""
        while len(self.pending) > ahead:
            self.pending.popleft().result()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class _Source:
    """The file read front to back in blocks; every block feeds the whole file's hash as it is read."""

    fh: BinaryIO
    left: int  # bytes still to read
    sealed_end: int | None
    on_block: Callable[[int], None]
    lane: _Lane  # where the whole file's hash is updated
    whole: _Hash = field(default_factory=hashlib.sha256)
    sealed_digest: bytes | None = None
    block: memoryview = field(default_factory=lambda: memoryview(b""))
    start: int = 0  # file offset of self.block[0]
    at: int = 0  # read position inside self.block

    def __post_init__(self) -> None:
        self.fh.seek(0)
        if self.sealed_end == 0:
            self.sealed_digest = self.whole.digest()

    def tell(self) -> int:
        return self.start + self.at

    def _next(self) -> bool:
        """Read the next block; False at the end."""
        if self.left <= 0:
            return False
        data = self.fh.read(min(BLOCK, self.left))
        if not data:
            self.left = 0
            return False
        start = self.start + len(self.block)
        end = start + len(data)
        split = self.sealed_end
        if split is not None and start < split <= end:
            self.lane.submit(self.whole.update, data[: split - start])
            self.lane.submit(self._take_sealed_digest, b"")
            self.lane.submit(self.whole.update, data[split - start :])
        else:
            self.lane.submit(self.whole.update, data)
        self.block, self.start, self.at = memoryview(data), start, 0
        self.left -= len(data)
        self.on_block(len(data))
        return True

    def _take_sealed_digest(self, _: bytes | memoryview) -> None:
        self.sealed_digest = self.whole.digest()

    def pieces(self, n: int) -> Iterator[memoryview]:
        """The next `n` bytes (fewer at the end of the file), as views into the blocks read."""
        while n > 0:
            if self.at == len(self.block) and not self._next():
                return
            piece = self.block[self.at : self.at + n]
            self.at += len(piece)
            n -= len(piece)
            yield piece

    def take(self, n: int) -> bytes:
        """The next `n` bytes as a copy (headers, names)."""
        return b"".join(bytes(piece) for piece in self.pieces(n))

    def drain(self) -> None:
        """Read (and hash) the rest."""
        self.at = len(self.block)
        while self._next():
            self.at = len(self.block)
