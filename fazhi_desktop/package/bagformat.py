"""The text files of a BagIt bag (RFC 8493), written and read exactly as the standard says.

Only sha256 manifests. Manifest lines are ``<hex>  <path>`` (two spaces) so that `sha256sum -c` reads
them too; paths are sorted by code point, so the same payload always gives byte-identical manifests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

BAGIT = "bagit.txt"
BAG_INFO = "bag-info.txt"
MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"
SIGNATURE = "signature.ed25519"
PUBLIC_KEY = "unit-public-key.pem"
# Files in the bag root that the tag manifest deliberately leaves out: the signature signs the tag
# manifest, so neither it nor the key that checks it can be listed inside it.
UNLISTED_TAG_FILES = (SIGNATURE, PUBLIC_KEY)

BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")
_LINES = re.compile(r"\r\n|\r|\n")


class BagFormatError(ValueError):
    """A tag file that does not follow RFC 8493; the message is Chinese and names the line."""


def render_bag_info(fields: Iterable[tuple[str, str]]) -> bytes:
    """bag-info.txt bytes; values are made single-line because a stray newline would end the field."""
    lines = []
    for label, value in fields:
        value = " ".join(str(value).split())
        lines.append(f"{label}: {value}\n")
    return "".join(lines).encode("utf-8")


def parse_tag_file(data: bytes) -> list[tuple[str, str]]:
    """Labels and values of bag-info.txt, in order, with folded lines joined (RFC 8493 §2.2.2)."""
    text = _decode(data)
    fields: list[tuple[str, str]] = []
    for num, line in enumerate(_LINES.split(text), 1):
        if not line.strip():
            continue
        if line[0] in " \t":
            if not fields:
                raise BagFormatError(f"第 {num} 行是续行，但前面没有标签")
            label, value = fields[-1]
            fields[-1] = (label, f"{value} {line.strip()}")
            continue
        label, colon, value = line.partition(":")
        if not colon or not label.strip() or label != label.strip():
            raise BagFormatError(f"第 {num} 行不是“标签: 值”的格式")
        fields.append((label, value.strip()))
    return fields


def render_manifest(digests: Iterable[tuple[str, str]]) -> bytes:
    """Manifest bytes from (path, sha256 hex) pairs, sorted by path."""
    return "".join(f"{digest.lower()}  {encode_path(path)}\n" for path, digest in sorted(digests)).encode(
        "utf-8"
    )


def parse_manifest(data: bytes) -> dict[str, str]:
    """Path → lowercase sha256 hex from a manifest; BagFormatError on a bad line or a repeated path."""
    text = _decode(data)
    out: dict[str, str] = {}
    lines = _LINES.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line
    for num, line in enumerate(lines, 1):
        parts = line.split(None, 1)
        if len(parts) != 2 or not _HEX64.fullmatch(parts[0]):
            raise BagFormatError(f"第 {num} 行不是“校验值 路径”的格式")
        path = decode_path(parts[1])
        if path in out:
            raise BagFormatError(f"第 {num} 行重复列出了 {path}")
        out[path] = parts[0].lower()
    return out


def check_bagit_txt(data: bytes) -> str | None:
    """Why bagit.txt is not a valid BagIt declaration, or None."""
    try:
        fields = parse_tag_file(data)
    except BagFormatError as exc:
        return str(exc)
    labels = [label for label, _ in fields]
    if labels != ["BagIt-Version", "Tag-File-Character-Encoding"]:
        return "应当恰好有 BagIt-Version 和 Tag-File-Character-Encoding 两行"
    version, encoding = fields[0][1], fields[1][1]
    if not re.fullmatch(r"\d+\.\d+", version):
        return f"BagIt-Version 的值“{version}”无效"
    if encoding.upper() not in ("UTF-8", "UTF8"):
        return f"本程序只接受 UTF-8 编码的标签文件（声明为 {encoding}）"
    return None


def oxum(total_bytes: int, count: int) -> str:
    """The Payload-Oxum value: octets '.' file count."""
    return f"{total_bytes}.{count}"


def parse_oxum(value: str) -> tuple[int, int] | None:
    """(bytes, count) from a Payload-Oxum value, or None if malformed.

    At most 20 digits each (2^64 has 20): Python refuses to convert more than 4,300 digits, and no
    real package needs more than a handful."""
    m = re.fullmatch(r"(\d{1,20})\.(\d{1,20})", value.strip())
    return (int(m.group(1)), int(m.group(2))) if m else None


def quoted(value: str, limit: int = 60) -> str:
    """A value from a package for a message: at most `limit` characters, the rest elided."""
    return value if len(value) <= limit else f"{value[:limit]}…（共 {len(value)} 个字符）"


def encode_path(path: str) -> str:
    """Percent-encode what RFC 8493 requires in manifest paths (our own names never need it)."""
    return path.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D")


def decode_path(text: str) -> str:
    """Undo `encode_path`."""
    return re.sub(r"%(0[aAdD]|25)", lambda m: chr(int(m.group(1), 16)), text)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        raise BagFormatError("文件以 BOM 开头，RFC 8493 不允许")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BagFormatError(f"不是有效的 UTF-8（第 {exc.start} 字节）") from None
