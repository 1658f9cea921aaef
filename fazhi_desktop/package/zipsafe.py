"""Rules for names and sizes inside a ZIP that we will write or read, and a sanitiser for our own names.

A name in a ZIP is data from a stranger: it may climb out of the target folder (`..`, `/etc`, `C:`),
name a Windows device (`CON`, `NUL`), hide behind a backslash, collide with another name once a
case-insensitive or normalising file system sees it, or point somewhere else (a symlink). The
verifier reports each of these with its own code; the writer uses the same rules to prove that
what it writes is clean.
"""

from __future__ import annotations

import re
import stat
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

# Windows reserves these as device names with any extension, case-insensitively.
DEVICE_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{d}{i}" for d in ("COM", "LPT") for i in [*"0123456789", "¹", "²", "³"]}
)
_WINDOWS_FORBIDDEN = set('<>:"|?*')
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MAX_COMPONENT_BYTES = 255
UTF8_FLAG = 0x800


@dataclass(frozen=True)
class ZipLimits:
    """Bounds that keep a hostile ZIP from exhausting memory, disk or time."""

    max_entries: int = 100_000
    max_total_bytes: int = 64 * 1024**3  # declared uncompressed total
    max_ratio: int = 200  # uncompressed/compressed, for entries larger than ratio_floor
    ratio_floor: int = 1024 * 1024
    max_tag_file_bytes: int = 16 * 1024 * 1024  # tag files are read into memory


def name_problems(name: str) -> list[tuple[str, str]]:
    """(code, Chinese message) for each way an entry name is unsafe; empty when it is clean."""
    found: list[tuple[str, str]] = []
    if not name:
        return [("bad_name", "文件名为空")]
    if "\\" in name:
        found.append(("backslash", "文件名含反斜杠“\\”，在 Windows 上会被当作目录分隔符"))
    if name.startswith("/"):
        found.append(("absolute_path", "文件名是绝对路径"))
    if _DRIVE.match(name):
        found.append(("drive_path", "文件名以盘符开头（如 C:）"))
    if _CONTROL.search(name):
        found.append(("bad_name", "文件名含控制字符"))
    parts = name.rstrip("/").split("/")
    if name.startswith("/"):
        parts = parts[1:]
    for part in parts:
        if part == "..":
            found.append(("dotdot_path", "文件名含“..”，会写到包以外的位置"))
        elif part in ("", "."):
            found.append(("bad_name", "文件名含空的或“.”路径段"))
        else:
            found.extend(_component_problems(part))
    return _dedupe(found)


def _component_problems(part: str) -> list[tuple[str, str]]:
    found = []
    if part.split(".")[0].rstrip(" ").upper() in DEVICE_NAMES:
        found.append(("device_name", f"“{part}”是 Windows 设备名"))
    if _WINDOWS_FORBIDDEN & set(part):
        found.append(("bad_name", f"“{part}”含 Windows 不允许的字符"))
    if part != part.rstrip(". "):
        found.append(("bad_name", f"“{part}”以点或空格结尾，Windows 会悄悄去掉"))
    if len(part.encode("utf-8")) > _MAX_COMPONENT_BYTES:
        found.append(("bad_name", "文件名过长"))
    return found


def collisions(names: Iterable[str]) -> list[tuple[str, str, str]]:
    """(code, name, earlier name) for exact duplicates and for names that clash after NFC or case folding."""
    out: list[tuple[str, str, str]] = []
    exact: set[str] = set()
    by_nfc: dict[str, str] = {}
    by_fold: dict[str, str] = {}
    for name in names:
        nfc = unicodedata.normalize("NFC", name)
        fold = nfc.casefold()
        if name in exact:
            out.append(("duplicate_name", name, name))
        elif nfc in by_nfc:
            out.append(("nfc_collision", name, by_nfc[nfc]))
        elif fold in by_fold:
            out.append(("case_collision", name, by_fold[fold]))
        exact.add(name)
        by_nfc.setdefault(nfc, name)
        by_fold.setdefault(fold, name)
    return out


def path_conflicts(files: Iterable[str]) -> list[tuple[str, str]]:
    """(file, parent) where a file's parent folder is also a file: it cannot be unpacked."""
    files = list(files)
    known = {f.casefold() for f in files}
    out = []
    for f in files:
        parts = f.split("/")
        for i in range(1, len(parts)):
            parent = "/".join(parts[:i])
            if parent.casefold() in known:
                out.append((f, parent))
                break
    return out


def entry_kind_problem(info: zipfile.ZipInfo) -> tuple[str, str] | None:
    """A symlink, device or FIFO hidden in the Unix mode bits, or an encrypted entry."""
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return ("symlink", "条目是符号链接")
    if mode and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        return ("special_file", "条目是设备或管道等特殊文件")
    if info.flag_bits & 0x1 or info.flag_bits & 0x40:
        return ("encrypted_entry", "条目已加密，无法核验")
    if info.compress_type not in (
        zipfile.ZIP_STORED,
        zipfile.ZIP_DEFLATED,
        zipfile.ZIP_BZIP2,
        zipfile.ZIP_LZMA,
    ):
        return ("unsupported_compression", f"条目使用不支持的压缩方式 {info.compress_type}")
    return None


def decode_name(info: zipfile.ZipInfo) -> tuple[str | None, str]:
    """The entry's real name and how it was encoded: "utf8", "ascii", "utf8-noflag" or "gbk".

    Expects a ZipFile opened with the default cp437 metadata encoding, which maps every byte to one
    character, so the raw bytes come back exactly. Without the UTF-8 flag, valid UTF-8 is taken as
    UTF-8 (GBK text is almost never valid UTF-8, the reverse is common), else GBK, as written by the
    Windows "send to compressed folder" and WinRAR on Chinese systems. None when neither decodes.
    """
    raw_name = info.orig_filename  # before zipfile's NUL truncation and separator rewriting
    if info.flag_bits & UTF8_FLAG:
        return raw_name, "utf8"
    raw = raw_name.encode("cp437")
    if raw.isascii():
        return raw_name, "ascii"
    for enc, label in (("utf-8", "utf8-noflag"), ("gbk", "gbk")):
        try:
            return raw.decode(enc), label
        except UnicodeDecodeError:
            pass
    return None, "unknown"


def ratio_problem(info: zipfile.ZipInfo, limits: ZipLimits) -> str | None:
    """A message when an entry expands suspiciously (a ZIP bomb), else None."""
    if info.file_size <= limits.ratio_floor:
        return None
    if info.compress_size == 0 or info.file_size / info.compress_size > limits.max_ratio:
        return f"压缩比异常（{info.compress_size} 字节解压为 {info.file_size} 字节），疑似压缩炸弹"
    return None


def safe_component(name: str, *, max_bytes: int = 150) -> str:
    """Turn an arbitrary file name into one that is safe in a bag, a ZIP and on Windows (NFC)."""
    name = unicodedata.normalize("NFC", name)
    # '%' would need RFC 8493 percent-encoding in manifests, which `sha256sum -c` does not understand.
    name = name.replace("%", "％")
    name = "".join(
        "_" if (c in _WINDOWS_FORBIDDEN or c in "/\\" or ord(c) < 0x20 or ord(c) == 0x7F) else c for c in name
    )
    name = name.strip(" ").rstrip(".").strip(" ") or "_"
    if name in (".", ".."):
        name = "_"
    if name.split(".")[0].rstrip(" ").upper() in DEVICE_NAMES:
        name = "_" + name
    return _truncate(name, max_bytes)


def _truncate(name: str, max_bytes: int) -> str:
    if len(name.encode("utf-8")) <= max_bytes:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    budget = max_bytes - len(suffix.encode("utf-8"))
    while len(stem.encode("utf-8")) > budget:
        stem = stem[:-1]
    return stem.rstrip(" .") + suffix


def _dedupe(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen, out = set(), []
    for item in found:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
