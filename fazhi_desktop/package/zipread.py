"""Reading a ZIP we do not trust: open it, list its entries under checked names, stream their bytes.

Nothing is extracted: every entry is read straight from the archive in fixed blocks, hashed as it
goes, and never held whole in memory (except tag files, which are size-capped).
"""

from __future__ import annotations

import hashlib
import lzma
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from fazhi_desktop.package.crc import crc32
from fazhi_desktop.package.zipsafe import (
    ZipLimits,
    collisions,
    decode_name,
    entry_kind_problem,
    name_problems,
    path_conflicts,
    ratio_problem,
)

BLOCK = 1024 * 1024
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
LOCAL_MAGIC = b"PK\x03\x04"
ZIP64_MARK = 0xFFFFFFFF

Found = Callable[[str, str | None, str], None]  # (code, file, message)


@dataclass
class Entry:
    """One ZIP member under its decoded name; `readable` is False when reading it would be unsafe."""

    name: str
    info: zipfile.ZipInfo
    readable: bool = True

    @property
    def is_dir(self) -> bool:
        """True for a folder entry."""
        return self.name.endswith("/")


class OpenFailed(Exception):
    """The file is not a ZIP we can list; carries the problem code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def open_zip(fh: BinaryIO) -> zipfile.ZipFile:
    """Open with cp437 names (so raw bytes can be recovered) or raise OpenFailed naming why."""
    fh.seek(0)
    head = fh.read(4)
    fh.seek(0)
    try:
        return zipfile.ZipFile(fh)
    except zipfile.BadZipFile:
        if head == LOCAL_MAGIC:
            raise OpenFailed(
                "truncated_zip", "ZIP 文件不完整（可能拷贝中断），或末尾的目录区已损坏"
            ) from None
        raise OpenFailed("not_zip", "不是 ZIP 文件") from None
    except UnicodeDecodeError:
        raise OpenFailed("bad_name_encoding", "ZIP 中有标记为 UTF-8 却无法按 UTF-8 解码的文件名") from None
    except (OSError, EOFError, ValueError, NotImplementedError, struct.error) as exc:
        raise OpenFailed(
            "truncated_zip", f"ZIP 目录区无法读取（{_why(exc)}），文件可能不完整或已损坏"
        ) from None


def list_entries(
    zf: zipfile.ZipFile, fh: BinaryIO, limits: ZipLimits, found: Found, warn: Found
) -> list[Entry] | None:
    """Check every name and size; None when the archive is too big or too crowded to go on."""
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        found("too_many_entries", None, f"ZIP 中有 {len(infos)} 个条目，超过上限 {limits.max_entries}")
        return None
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_total_bytes:
        found("too_large", None, f"解压后共 {declared} 字节，超过上限 {limits.max_total_bytes}，疑似压缩炸弹")
        return None
    entries: list[Entry] = []
    encodings: set[str] = set()
    for info in infos:
        name, enc = decode_name(info)
        encodings.add(enc)
        if name is None:
            found(
                "bad_name_encoding",
                repr(info.orig_filename.encode("cp437")),
                "文件名既不是 UTF-8 也不是 GBK 编码",
            )
            continue
        entry = Entry(name, info)
        for code, msg in name_problems(name):
            found(code, name, msg)
            entry.readable = False
        kind = entry_kind_problem(info)
        if kind:
            found(kind[0], name, kind[1])
            entry.readable = False
        ratio = ratio_problem(info, limits)
        if ratio:
            found("compression_ratio", name, ratio)
            entry.readable = False
        if not unicodedata.is_normalized("NFC", name):
            warn("name_not_nfc", name, "文件名不是 NFC 规范形式（可能来自 macOS），与清单比对时按原样处理")
        entries.append(entry)
    if "gbk" in encodings:
        warn(
            "gbk_names",
            None,
            "ZIP 中的文件名是 GBK 编码且未标记 UTF-8（Windows 压缩工具所为），已按 GBK 读取",
        )
    if "utf8-noflag" in encodings:
        warn("utf8_names_without_flag", None, "ZIP 中有 UTF-8 文件名未设置 UTF-8 标记，已按 UTF-8 读取")
    for code, name, other in collisions(e.name for e in entries):
        msg = {
            "duplicate_name": "ZIP 中有两个同名条目",
            "nfc_collision": f"与“{other}”仅 Unicode 规范形式不同，解压后会互相覆盖",
            "case_collision": f"与“{other}”仅大小写不同，在 Windows 上会互相覆盖",
        }[code]
        found(code, name, msg)
    for name, parent in path_conflicts(e.name for e in entries if not e.is_dir):
        found("path_conflict", name, f"“{parent}”既是文件又是文件夹")
    _check_layout(entries, fh, getattr(zf, "start_dir", None), found)
    return entries


def _check_layout(entries: list[Entry], fh: BinaryIO, start_dir: int | None, found: Found) -> None:
    """Local headers must agree with the central directory, and entries must not overlap each other
    or the central directory (the 'overlapping files' ZIP bomb, and a sign of a spliced archive)."""
    ordered = sorted(entries, key=lambda e: e.info.header_offset)
    for n, entry in enumerate(ordered):
        info = entry.info
        fh.seek(info.header_offset)
        raw = fh.read(LOCAL_HEADER.size)
        if len(raw) != LOCAL_HEADER.size or raw[:4] != LOCAL_MAGIC:
            found("bad_local_header", entry.name, "条目的本地文件头损坏")
            entry.readable = False
            continue
        _, _, _, flags, method, _, _, crc, csize, usize, name_len, extra_len = LOCAL_HEADER.unpack(raw)
        # With a data descriptor (bit 3) the local CRC and sizes are zero; 0xFFFFFFFF defers to ZIP64.
        agrees = method == info.compress_type and (
            flags & 0x08
            or (
                crc == info.CRC
                and csize in (info.compress_size, ZIP64_MARK)
                and usize in (info.file_size, ZIP64_MARK)
            )
        )
        if not agrees:
            found("bad_local_header", entry.name, "本地文件头与中央目录记录的校验值或大小不一致")
            entry.readable = False
        elif method == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            found("size_mismatch", entry.name, "未压缩条目的声明大小与实际存储的大小不一致")
            entry.readable = False
        data_end = info.header_offset + LOCAL_HEADER.size + name_len + extra_len + info.compress_size
        limit = ordered[n + 1].info.header_offset if n + 1 < len(ordered) else start_dir
        if limit is not None and data_end > limit:
            found("overlapping_entries", entry.name, "条目数据与其他条目或目录区重叠，疑似压缩炸弹或伪造")
            entry.readable = False


@dataclass
class ReadResult:
    """What streaming one entry gave: its sha256, the byte count, and a problem if reading failed."""

    sha256: str
    size: int
    code: str | None = None
    message: str = ""


def read_entry(
    zf: zipfile.ZipFile,
    entry: Entry,
    on_block: Callable[[int], None],
    keep: bool = False,
    on_data: Callable[[bytes], None] | None = None,
) -> tuple[ReadResult, bytes]:
    """Stream one entry, hashing it and checking its CRC; on failure the entry is marked unreadable.

    `keep` returns the bytes too (small tag files only); `on_data` sees every block as it passes.
    """
    h = hashlib.sha256()
    crc = 0
    kept = bytearray()
    n = 0
    try:
        with zf.open(entry.info) as src:
            # zipfile raises on a bad CRC *before* handing over the last block, which would hide the
            # content; switch its check off (private attribute, absent → its own check stays) and do ours.
            if hasattr(src, "_expected_crc"):
                src._expected_crc = None
            while block := src.read(BLOCK):
                n += len(block)
                h.update(block)
                crc = crc32(block, crc)
                if keep:
                    kept += block
                if on_data is not None:
                    on_data(block)
                on_block(len(block))
    except (zipfile.BadZipFile, UnicodeDecodeError) as exc:
        # zipfile compares the local header's name with the directory's (and decodes it first).
        entry.readable = False
        return ReadResult(h.hexdigest(), n, "bad_local_header", f"条目的本地文件头损坏：{_why(exc)}"), b""
    except (
        zlib.error,
        lzma.LZMAError,
        EOFError,
        OSError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ) as exc:
        entry.readable = False
        return ReadResult(h.hexdigest(), n, "damaged_entry", f"条目无法读取：{_why(exc)}"), b""
    return entry_result(h.hexdigest(), n, crc, entry.info), bytes(kept)


def entry_result(sha256: str, n: int, crc: int, info: zipfile.ZipInfo) -> ReadResult:
    """The result of having read `n` bytes of an entry, hashing to `sha256` with CRC-32 `crc`."""
    if n != info.file_size:
        return ReadResult(sha256, n, "size_mismatch", f"实际 {n} 字节，与声明的 {info.file_size} 字节不符")
    if crc != info.CRC:
        return ReadResult(sha256, n, "crc_error", "ZIP 的 CRC 校验失败：内容被改动或损坏")
    return ReadResult(sha256, n)


def _why(exc: BaseException) -> str:
    """A Chinese reason for zipfile's, zlib's and lzma's (English) exceptions."""
    text = str(exc)
    if isinstance(exc, UnicodeDecodeError) or "differ" in text:
        return "文件名与目录区记录的不一致"
    if "magic number" in text:
        return "文件头标记不对"
    if isinstance(exc, zipfile.BadZipFile):
        return "文件头损坏"
    if isinstance(exc, (zlib.error, lzma.LZMAError)):
        return "压缩数据损坏"
    if isinstance(exc, EOFError):
        return "数据提前结束（文件被截断）"
    if isinstance(exc, NotImplementedError):
        return "使用了本程序不支持的 ZIP 功能"
    if isinstance(exc, OSError):
        return "读取出错"
    return "数据无法读取"
