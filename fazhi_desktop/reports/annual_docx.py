"""The annual report draft as an editable .docx, in the 公文 style WPS and Word use (GB/T 9704-2012).

Fonts are named as Chinese offices have them (仿宋_GB2312-era names are avoided: 仿宋, 黑体, 楷体 ship with
Windows and WPS; the title names 方正小标宋简体, the usual 小标宋, which WPS and Word replace by a 宋体 where it
is missing). The East-Asian font is set on every style and run (`w:eastAsia`), or Word keeps its Latin
font for Chinese text. A4 with 37/35/28/26 mm margins, 3号 body on 22 lines (28.9 pt exact spacing),
first lines indented two characters; page numbers `— 1 —` in 4号宋体, odd pages right and even pages
left (separate odd and even footers). The result is the same bytes for the same data.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from fazhi_desktop.fsutil import atomic_write_bytes
from fazhi_desktop.reports.annual import AnnualReport

FANGSONG, HEITI, KAITI, BIAOSONG, SONGTI = "仿宋", "黑体", "楷体", "方正小标宋简体", "宋体"
BODY_PT, TITLE_PT, PAGE_NUMBER_PT = 16, 22, 14
LINE_PT = 28.9


def _fonts(target: Any, name: str) -> None:
    """Set all four font slots (ascii, hAnsi, eastAsia, cs) of a run or style's rPr to `name`."""
    rpr = target.get_or_add_rPr() if hasattr(target, "get_or_add_rPr") else target
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    # Theme fonts (asciiTheme, eastAsiaTheme …) win over named ones in Word: the template's must go.
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(theme)) is not None:
            del fonts.attrib[qn(theme)]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def _style(doc: Any, name: str, font: str, size: float, *, base: str = "Normal") -> Any:
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, 1)
    if name != "Normal":
        style.base_style = styles[base]
    style.font.name = font
    style.font.size = Pt(size)
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    return style


def _heading(doc: Any, level: int, font: str) -> Any:
    """Word's own Heading N (so the navigation pane and a table of contents find them), restyled."""
    style = _style(doc, f"Heading {level}", font, BODY_PT)
    style.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
    style.paragraph_format.keep_with_next = True
    return style


def _page_number(footer: Any, align: Any) -> None:
    """`— PAGE —` in 4号宋体, aligned left or right and indented one character."""
    p = footer.paragraphs[0]
    p.alignment = align
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        p.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT)
    else:
        p.paragraph_format.left_indent = Pt(PAGE_NUMBER_PT)

    def run(text: str = "") -> Any:
        r = p.add_run(text)
        r.font.size = Pt(PAGE_NUMBER_PT)
        _fonts(r._r, SONGTI)
        return r

    run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._r.append(instr)
        else:
            r.text = text or ""
    run(" —")


def build_docx(report: AnnualReport) -> Any:
    """The report as a python-docx Document."""
    doc = Document()
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(22)
    # Document defaults: 仿宋 for every script and Chinese as the East-Asian language (line breaking,
    # punctuation compression in Word and WPS), instead of the template's theme fonts and en-US.
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(defaults, FANGSONG)
    lang = defaults.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
    body = _style(doc, "Normal", FANGSONG, BODY_PT)
    body.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
    body.paragraph_format.widow_control = True
    title = _style(doc, "Title", BIAOSONG, TITLE_PT)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(LINE_PT)
    # The built-in Title style carries a bottom border and a theme font: drop both.
    for tag in ("w:pBdr",):
        found = title.element.pPr.find(qn(tag)) if title.element.pPr is not None else None
        if found is not None:
            title.element.pPr.remove(found)
    _heading(doc, 1, HEITI)
    _heading(doc, 2, KAITI)
    _heading(doc, 3, FANGSONG)
    hint = _style(doc, "填写提示", KAITI, BODY_PT)
    hint.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
    sign = _style(doc, "落款", FANGSONG, BODY_PT)
    sign.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sign.paragraph_format.first_line_indent = Pt(0)
    sign.paragraph_format.right_indent = Pt(4 * BODY_PT)

    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)

    doc.add_paragraph(report.title, style="Title")
    styles = {"h2": "Heading 2", "h3": "Heading 3", "p": "Normal", "hint": "填写提示"}
    for part in report.parts:
        doc.add_paragraph(part.title, style="Heading 1")
        for block in part.blocks:
            doc.add_paragraph(block.text, style=styles[block.kind])
    doc.add_paragraph("", style="Normal")
    doc.add_paragraph("", style="Normal")
    doc.add_paragraph(report.unit, style="落款")
    doc.add_paragraph(report.date, style="落款")

    props = doc.core_properties
    props.title = report.title
    props.author = report.unit
    props.last_modified_by = report.unit
    props.subject = "法治政府建设年度报告（草稿）"
    props.keywords = "法治政府建设 年度报告"
    props.comments = "由 fazhi-desktop 根据自查内容生成的草稿，请修改完善后使用。"
    props.revision = 1
    return doc


def render_docx(report: AnnualReport, when: dt.datetime) -> bytes:
    """The .docx bytes, dated `when` (the same bytes for the same data and moment)."""
    doc = build_docx(report)
    utc = when.astimezone(dt.UTC).replace(tzinfo=None)
    doc.core_properties.created = utc
    doc.core_properties.modified = utc
    buffer = io.BytesIO()
    doc.save(buffer)
    return _pin_zip(buffer.getvalue(), utc)


def _pin_zip(data: bytes, utc: dt.datetime) -> bytes:
    """Re-pack with every entry dated `utc`: python-docx stamps them with the clock."""
    stamp = (max(utc.year, 1980), utc.month, utc.day, utc.hour, utc.minute, utc.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            pinned = zipfile.ZipInfo(info.filename, date_time=stamp)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = info.external_attr
            dst.writestr(pinned, src.read(info))
    return out.getvalue()


def write_docx(report: AnnualReport, when: dt.datetime, target: Path) -> Path:
    """Write the .docx to `target` atomically."""
    atomic_write_bytes(Path(target), render_docx(report, when))
    return Path(target)
