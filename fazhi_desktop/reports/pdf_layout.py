"""The look of the PDF report: page geometry, paragraph styles, tables, page furniture, page numbers."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from fazhi_desktop.reports import rl_private as rl
from fazhi_desktop.reports.fonts import (
    BIAOSONG,
    FANGSONG,
    FIGURES,
    HEI,
    KAI,
    FontSet,
    clean_text,
    substitute,
)

PAGE_W, PAGE_H = A4
# GB/T 9704-2012 §5.2: top margin 37 mm, binding (left) margin 28 mm, text block 156 × 225 mm.
MARGIN_LEFT = 28 * mm
MARGIN_TOP = 37 * mm
FRAME_W = 156 * mm
FRAME_H = 225 * mm
MARGIN_RIGHT = PAGE_W - MARGIN_LEFT - FRAME_W  # 26 mm
MARGIN_BOTTOM = PAGE_H - MARGIN_TOP - FRAME_H  # 35 mm
MARGIN_X = MARGIN_LEFT  # the frame's left edge (older name)

BODY_SIZE = 16  # 3号
# 22 lines to the text block (§5.2.2): 225 mm / 22 = 28.99 pt; a hair less so the 22nd line fits.
BODY_LEADING = 28.9
TITLE_SIZE = 22  # 2号
PAGE_NUMBER_SIZE = 14  # 4号
PAGE_NUMBER_FONT = FIGURES  # 法治宋体数字: the standard asks for 宋体 figures (§7.5)

INK = colors.black
ACCENT = colors.black  # 公文 are printed in black: no coloured headings
MUTED = colors.HexColor("#333333")
RULE = colors.HexColor("#000000")
SHADE = colors.HexColor("#F2F2F2")
SHADE_DARK = colors.HexColor("#E0E0E0")
WARN = colors.black


def make_styles(font: str = FANGSONG) -> dict[str, ParagraphStyle]:
    """Paragraph styles of a 公文: 3号仿宋 body, 黑体/楷体 headings, 2号标宋 title; tables in 五号."""
    # Left-aligned: reportlab justifies by widening spaces, and Chinese lines have none to widen.
    base = ParagraphStyle(
        "base",
        fontName=font,
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        textColor=INK,
        wordWrap="CJK",
        alignment=TA_LEFT,
    )

    def s(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    indent = 2 * BODY_SIZE  # 空两字
    small = {"fontSize": 12, "leading": 20}  # 小四, for the plan's own text and the item facts
    cell = {"fontSize": 10.5, "leading": 15}  # 五号, tables
    return {
        "body": s("body", firstLineIndent=indent),
        "plain": s("plain"),
        "title": s(
            "title",
            fontName=BIAOSONG,
            fontSize=TITLE_SIZE,
            leading=36,
            alignment=TA_CENTER,
            spaceAfter=BODY_LEADING,
        ),
        "cover_title": s("cover_title", fontName=BIAOSONG, fontSize=26, leading=42, alignment=TA_CENTER),
        "cover_unit": s(
            "cover_unit", fontName=BIAOSONG, fontSize=TITLE_SIZE, leading=36, alignment=TA_CENTER
        ),
        "subtitle": s(
            "subtitle", fontName=KAI, fontSize=BODY_SIZE, leading=BODY_LEADING, alignment=TA_CENTER
        ),
        # Headings are not keepWithNext (reportlab would move a heading and the whole long paragraph
        # after it to the next page, leaving half a page blank): `keep_heading_room` puts a
        # conditional page break before each instead.
        "h1": s("h1", fontName=HEI, firstLineIndent=indent, spaceBefore=6),
        "h2": s("h2", fontName=KAI, firstLineIndent=indent),
        "h3": s("h3", firstLineIndent=indent),
        "attachment": s("attachment", fontName=HEI),
        "item": s("item", firstLineIndent=indent, keepWithNext=1),
        "quote": s("quote", **small),
        "meta": s("meta", firstLineIndent=indent, **small),
        "label": s("label", firstLineIndent=indent),
        "missing": s("missing", firstLineIndent=indent, **small),
        "cell": s("cell", **cell),
        "cell_c": s("cell_c", alignment=TA_CENTER, **cell),
        "cell_r": s("cell_r", alignment=TA_RIGHT, **cell),
        "cell_small": s("cell_small", fontSize=10, leading=14),
        "head": s("head", fontName=HEI, alignment=TA_CENTER, **cell),
        "band": s("band", fontName=HEI, **cell),
        "cover_label": s("cover_label", fontName=HEI, alignment=TA_RIGHT),
        "cover_value": s("cover_value"),
        "fingerprint": s("fingerprint", fontName=HEI, alignment=TA_CENTER),
        "notice": s("notice", firstLineIndent=24, **small),
        "sign": s("sign", alignment=TA_RIGHT, rightIndent=4 * BODY_SIZE),
        "tech_label": s("tech_label", fontName=HEI, **small),
        "tech": s("tech", **small),
        "table_title": s(
            "table_title", fontName=HEI, alignment=TA_CENTER, fontSize=12, leading=20, keepWithNext=1
        ),
    }


# Lines of room a heading wants under it, else it starts the next page: a 一、 or （一） heading is
# usually followed by a lower heading and an item's facts (kept together), a 1. heading by its text.
HEADINGS = {"h1": 8, "h2": 7, "h3": 4, "label": 3}


def keep_heading_room(flowables: Sequence[Any]) -> list[Any]:
    """A conditional page break before every heading, so none ends a page without its text."""
    out: list[Any] = []
    for f in flowables:
        if isinstance(f, Paragraph) and f.style.name in HEADINGS:
            out.append(CondPageBreak(HEADINGS[f.style.name] * BODY_LEADING + f.style.spaceBefore))
        out.append(f)
    return out


MIN_PIECE = 72.0  # points: the smallest part of a row worth leaving at the foot of a page (≈5 lines)


class FillingTable(Table):
    """A table that splits a tall row across pages rather than leave a large gap, and never leaves a
    band (a full-width heading row such as 二级指标 3.4) alone at the foot of a page.

    reportlab first splits between rows; the rest of the table then tries the space left on the same
    page, and gets split inside a row there (even a one-line band row), so its repeated header lands in
    the middle of a page. Here: when the row that does not fit is taller than the space left and that
    space is worth using, split inside that row (the bands above it stay with its first part);
    otherwise split between rows, moving back past any bands that would end the page; and when only
    the header would be left, move the whole rest to the next page.
    """

    def _bands(self) -> set[int]:
        # Bands are the rows spanned across every column; the spans survive reportlab's splitting
        # (they are re-indexed for each part), which a list of row numbers would not.
        last = rl.table_columns(self) - 1
        return {sr for (sc, sr, ec, er) in rl.table_spans(self) if sc == 0 and ec == last and sr == er}

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 (reportlab's names)
        heights = rl.table_rows(self, availWidth, availHeight)
        n = rl.first_split_row(self, availHeight)
        if n >= len(heights):
            return [self]
        bands = self._bands()
        gap = availHeight - sum(heights[:n])
        if gap >= MIN_PIECE and n not in bands:
            pieces = rl.split_rows(self, availHeight, in_row=True)
            if pieces:
                return pieces
        while n - 1 in bands and n - 1 >= self.repeatRows:
            n -= 1
        if n > self.repeatRows:
            # Ask reportlab for the split after row n-1 by offering exactly the height of rows 0..n-1.
            return rl.split_rows(self, sum(heights[:n]) + 0.01, in_row=False)
        return []


def grid_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    font: str,
    header_rows: int = 1,
    bands: Sequence[tuple[int, bool]] = (),
    split_in_row: bool = True,
) -> Table:
    """A ruled table whose header repeats on every page; `bands` are full-width rows (index, dark),
    which never end a page (see FillingTable)."""
    table = FillingTable(
        cast(list[list[Any]], list(rows)),
        colWidths=list(widths),
        repeatRows=header_rows,
        splitInRow=int(MIN_PIECE) if split_in_row else 0,
        hAlign="LEFT",
    )
    style: list[tuple[Any, ...]] = [
        # Even an empty string cell sets its font: without this, Helvetica (not embedded) creeps in.
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE_DARK),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
    ]
    for row, dark in bands:
        style += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), SHADE_DARK if dark else SHADE),
        ]
    table.setStyle(TableStyle(style))
    return table


def boxed(
    flowables: list[Any], width: float, *, font: str, background: Any = SHADE, border: Any = None
) -> Table:
    """Flowables in a shaded box (the plan's own text, set apart from what the unit wrote)."""
    table = Table([[flowables]], colWidths=[width], hAlign="LEFT", splitInRow=1)
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("BACKGROUND", (0, 0), (-1, -1), background),
        ("LEFTPADDING", (0, 0), (-1, -1), 7),
        ("RIGHTPADDING", (0, 0), (-1, -1), 7),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    if border is not None:
        style.append(("BOX", (0, 0), (-1, -1), 0.8, border))
    table.setStyle(TableStyle(style))
    return table


@dataclass
class Furniture:
    """What every page carries: the draft watermark, and page numbers `— 1 —` (GB/T 9704-2012 §7.5)."""

    fonts: FontSet
    draft: bool
    warnings: list[str] = field(default_factory=list)
    created: dt.datetime | None = (
        None  # the document's CreationDate/ModDate (reportlab's invariant: 2000-01-01)
    )
    unnumbered: int = 1  # the cover carries no page number; the first text page is — 1 —

    def on_page(self, canv: Canvas, doc: Any) -> None:
        """The watermark on every page of a draft (a 公文 has no running head)."""
        if not self.draft:
            return
        canv.saveState()
        canv.setFont(self.fonts.primary, 64)
        canv.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.10))
        canv.translate(PAGE_W / 2, PAGE_H / 2)
        canv.rotate(40)
        canv.drawCentredString(0, 0, "草稿　未上报")
        canv.restoreState()

    def _runs(self, text: str) -> list[tuple[str, str]]:
        """(font, text) runs; characters no font has become their visible stand-in, in the primary font."""
        out: list[tuple[str, str]] = []
        for font, run in self.fonts.runs(text):
            if font is None:
                self.fonts.markup(run, warnings=self.warnings, where="页码")  # records the warning
                font, run = self.fonts.primary, "".join(substitute(ch) for ch in run)
            out.append((font, run))
        return out

    def draw_runs(self, canv: Canvas, x: float, y: float, text: str, size: float) -> None:
        """Draw a line of text on the canvas, switching to the fallback font where needed."""
        for font, run in self._runs(text):
            canv.setFont(font, size)
            canv.drawString(x, y, run)
            x += stringWidth(run, font, size)

    def footer(self, canv: Canvas, page: int, total: int) -> None:
        """The page number, 4号, a dash each side, 7 mm below the text block; odd pages right, even
        pages left, each indented one character (drawn once every page is known)."""
        number = page - self.unnumbered
        if number < 1:
            return
        text = f"— {number} —"
        width = stringWidth(text, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        x = PAGE_W - MARGIN_RIGHT - PAGE_NUMBER_SIZE - width if number % 2 else MARGIN_LEFT + PAGE_NUMBER_SIZE
        y = MARGIN_BOTTOM - 7 * mm - PAGE_NUMBER_SIZE * 0.8  # the figures' tops 7 mm under the block
        canv.saveState()
        canv.setFillColor(INK)
        canv.setFont(PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        canv.drawString(x, y, text)
        canv.restoreState()


def pdf_timestamp(when: dt.datetime) -> TimeStamp:
    """A reportlab TimeStamp for `when` (aware), so the PDF's dates are the report's, and still fixed.

    reportlab's `invariant` mode (same bytes for the same data) dates every PDF 2000-01-01; the
    document properties a clerk opens should show the day the report was made.
    """
    ts = TimeStamp(invariant=1)
    minutes = int((when.utcoffset() or dt.timedelta(0)).total_seconds() // 60)
    sign = -1 if minutes < 0 else 1
    ts.t = when.timestamp()
    ts.lt = when.timetuple()
    ts.YMDhms = tuple(when.timetuple())[:6]
    ts.dhh, ts.dmm = sign * (abs(minutes) // 60), abs(minutes) % 60
    ts.tzname = when.tzname() or "UTC"
    return ts


def numbered_canvas(furniture: Furniture) -> Callable[..., Canvas]:
    """A canvas class that holds pages back until the end so each footer can name the page count."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []
            if furniture.created is not None:
                rl.set_document_timestamp(self, pdf_timestamp(furniture.created))

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._held.append(dict(self.__dict__))
            rl.start_page(self)

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                furniture.footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def document_info(fonts: FontSet, *, title: str, author: str, subject: str, creator: str) -> dict[str, Any]:
    """A 公文's page (A4, the margins of §5.2) and its document properties, as doc-template keywords.

    `invariant`: the same input gives the same bytes (no random ids, no wall-clock time)."""
    return {
        "pagesize": (PAGE_W, PAGE_H),
        "leftMargin": MARGIN_LEFT,
        "rightMargin": MARGIN_RIGHT,
        "topMargin": MARGIN_TOP,
        "bottomMargin": MARGIN_BOTTOM,
        "title": clean_text(title),
        "author": clean_text(author),
        "subject": clean_text(subject),
        "creator": creator,
        "invariant": 1,
        "initialFontName": fonts.primary,
        "initialFontSize": BODY_SIZE,
        "lang": "zh-CN",
    }


def render_document(
    story: list[Any],
    furniture: Furniture,
    *,
    title: str,
    author: str,
    subject: str,
    creator: str,
    keywords: Sequence[str] = (),
    frame_id: str | None = None,
) -> bytes:
    """`story` set on 公文 pages: one frame filling the text block, `furniture` on every page."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        **document_info(furniture.fonts, title=title, author=author, subject=subject, creator=creator),
        keywords=list(keywords),
        displayDocTitle=1,
    )
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        FRAME_W,
        FRAME_H,
        id=frame_id,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=furniture.on_page)])
    doc.build(story, canvasmaker=numbered_canvas(furniture))
    return buffer.getvalue()
