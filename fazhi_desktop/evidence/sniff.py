"""Original file names (NFC, readable whatever the file system handed us) and file types.

The type comes from the content first (magic bytes; the names inside a ZIP for DOCX/XLSX/OFD), then from
the name: a scan saved as `.jpg` that is really a PDF is recorded as a PDF.
"""

from __future__ import annotations

import mimetypes
import os
import unicodedata
import zipfile
from pathlib import Path

OCTET = "application/octet-stream"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
OFD = "application/ofd"  # 版式文档 (GB/T 33190), common for official documents in China

# Types the system tables do not know everywhere (Windows and Linux ship different ones).
_BY_EXTENSION = {
    ".pdf": PDF,
    ".ofd": OFD,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".pptx": PPTX,
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".wps": "application/vnd.ms-works",
    ".et": "application/vnd.ms-excel",
    ".dps": "application/vnd.ms-powerpoint",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".bmp": "image/bmp",
    ".gif": "image/gif",
    ".txt": "text/plain",
    ".zip": "application/zip",
    ".rar": "application/vnd.rar",
    ".7z": "application/x-7z-compressed",
    ".mp4": "video/mp4",
    ".mp3": "audio/mpeg",
}

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office / WPS binary formats: the name tells which


def display_name(path: Path) -> str:
    """The file's own name as text in NFC; bytes that are not UTF-8 (GBK names off a USB stick) are
    decoded as GB18030, and only what neither decodes is replaced."""
    raw = os.fsencode(Path(path).name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            # A visible escape (\\xff) for what neither decodes: the name stays faithful and the
            # original bytes can be read back from it.
            text = raw.decode("utf-8", errors="backslashreplace")
    # Control characters (a newline is legal in a Linux file name) would break listings and reports.
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return unicodedata.normalize("NFC", text).strip() or "未命名文件"


def guess_type(name: str, head: bytes, stored: Path | None = None) -> str:
    """The MIME type from the first bytes (and, for ZIP containers, their member names), else the name."""
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            return mime
    by_name = _type_from_name(name)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(stored) or (by_name if by_name != OCTET else "application/zip")
    if head.startswith(_OLE):
        return (
            by_name
            if by_name.startswith("application/") and by_name != OCTET
            else "application/x-ole-storage"
        )
    return by_name


def _type_from_name(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in _BY_EXTENSION:
        return _BY_EXTENSION[suffix]
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or OCTET


def _zip_kind(stored: Path | None) -> str | None:
    """DOCX, XLSX, PPTX and OFD are all ZIP files; the members say which."""
    if stored is None:
        return None
    try:
        with zipfile.ZipFile(stored) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "OFD.xml" in names:
        return OFD
    if "[Content_Types].xml" in names:
        for prefix, mime in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
            if any(n.startswith(prefix) for n in names):
                return mime
    return None
