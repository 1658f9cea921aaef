"""The text of a plan document: .txt (UTF-8 or GBK), .docx, or a .pdf with a text layer.

A document becomes `DocText`: its lines in reading order, each either a paragraph or a table row (a list
of cells). Word tables and the tab-separated rows of pasted or OCR'd text are both table rows, so the
drafter reads an indicator table the same way whatever carried it. PDFs are read with pypdf (pure Python,
so it works on the office PCs without poppler); a PDF without a text layer (a scan) is refused with the
advice to OCR it first.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from fazhi_desktop.errors import UsageError, describe_os_error
from fazhi_desktop.textclean import decode_local

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Line:
    text: str  # a paragraph, or the cells joined by tabs
    cells: tuple[str, ...] = ()  # a table row's cells; () for a paragraph

    @property
    def is_row(self) -> bool:
        return len(self.cells) > 1


@dataclass(frozen=True)
class DocText:
    source: str
    lines: tuple[Line, ...]


def _lines_from_text(text: str) -> list[Line]:
    out = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        cells = tuple(raw.split("\t"))
        out.append(Line(raw, cells if len(cells) > 1 else ()))
    return out


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else GBK/GB18030 — what Notepad and WPS save."""
    text = decode_local(raw)
    if text is not None:
        return text
    raise UsageError(f"{name} 不是文本文件（无法按 UTF-8 或 GBK 读取）；请另存为 .txt、.docx 或带文字的 .pdf")


def _docx(raw: bytes, name: str) -> list[Line]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises several types for a damaged file
        raise UsageError(f"{name} 已损坏，无法作为 Word 文档读取（{type(exc).__name__}）") from exc
    out: list[Line] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Line(Paragraph(block, document).text))
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = cell.text.replace("\n", "")
                    # A merged cell appears once per grid column it spans: keep it once.
                    cells.append("" if cells and text and text == cells[-1] else text)
                out.append(Line("\t".join(cells), tuple(cells)))
            out.append(Line(""))
    return out


def _pdf(raw: bytes, name: str) -> list[Line]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise UsageError(f"{name} 是加密的 PDF，无法读取文字；请先取消密码")
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except PdfReadError as exc:
        raise UsageError(f"{name} 已损坏，无法作为 PDF 读取（{exc}）") from exc
    text = "\n".join(pages)
    if len(re.sub(r"\s", "", text)) < 20 * max(1, len(pages)) // 4:
        raise UsageError(
            f"{name} 没有文字层（是扫描件），程序读不出文字；请先用 OCR 软件（如 WPS 的“图片转文字”、"
            "Adobe Acrobat 的“识别文本”）转成带文字的 PDF 或 Word 文档后再起草"
        )
    out = []
    for raw_line in text.split("\n"):
        # Layout mode keeps columns apart by runs of spaces: two or more spaces are a cell border.
        cells = tuple(c for c in re.split(r" {3,}", raw_line.strip()))
        out.append(Line(raw_line.strip(), cells if len(cells) > 1 else ()))
    return out


def read_document(path: Path) -> DocText:
    """The document's text; `UsageError` in clear Chinese for what cannot be read and why."""
    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"无法读取 {path}：{describe_os_error(exc)}", detail=str(exc)) from exc
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise UsageError(f"{name} 太大（超过 50 MB），不像是一份计划文件")
    suffix = path.suffix.lower()
    if raw.startswith(_OLE2):
        if "EncryptionInfo".encode("utf-16-le") in raw:
            raise UsageError(f"{name} 设置了打开密码，程序无法读取；请在 WPS 或 Word 中取消密码后另存再起草")
        what = "WPS 文字（.wps）" if suffix == ".wps" else "旧版 Word 97-2003 文档（.doc）"
        raise UsageError(
            f"{name} 实际是{what}格式，程序读不了；请在 WPS 或 Word 中“另存为 → Word 文档(*.docx)”后再起草"
        )
    if raw.startswith(b"%PDF"):
        return DocText(name, tuple(_pdf(raw, name)))
    if raw.startswith(b"PK"):
        names = zipfile.ZipFile(io.BytesIO(raw)).namelist() if zipfile.is_zipfile(io.BytesIO(raw)) else []
        if "word/document.xml" in names:
            return DocText(name, tuple(_docx(raw, name)))
        if "xl/workbook.xml" in names:
            raise UsageError(f"{name} 是 Excel 工作簿；计划工作簿请直接用 plan import 导入")
        raise UsageError(f"{name} 是压缩文件，不是 .docx 文档")
    if suffix in (".doc", ".wps", ".docx", ".pdf"):
        raise UsageError(f"{name} 的内容不是 {suffix} 文件（文件可能已损坏或扩展名不对）")
    return DocText(name, tuple(_lines_from_text(decode_text(raw, name))))
