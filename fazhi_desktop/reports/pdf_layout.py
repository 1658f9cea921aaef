"""The look of the PDF report: page geometry, paragraph styles, tables, page furniture, page numbers."""

from __future__ import annotations

import datetime as dt
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
from reportlab.platypus import Table, TableStyle

from fazhi_desktop.reports import rl_private as rl
from fazhi_desktop.reports.fonts import FontSet, substitute

PAGE_W, PAGE_H = A4
MARGIN_X = 24 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 22 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM

INK = colors.HexColor("#1A1A1A")
ACCENT = colors.HexColor("#1F3A5F")  # headings, labels: a sober official blue
MUTED = colors.HexColor("#5A5A5A")
RULE = colors.HexColor("#9AA5B1")
SHADE = colors.HexColor("#EEF1F5")
SHADE_DARK = colors.HexColor("#DCE3EC")
WARN = colors.HexColor("#8A3B12")


def make_styles(font: str) -> dict[str, ParagraphStyle]:
    """Paragraph styles: one typeface, hierarchy by size, colour and space."""
    # Left-aligned: reportlab justifies by widening spaces, and Chinese lines have none to widen.
    base = ParagraphStyle(
        "base", fontName=font, fontSize=10.5, leading=17, textColor=INK, wordWrap="CJK", alignment=TA_LEFT
    )

    def s(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": s("body", firstLineIndent=21),
        "plain": s("plain"),
        "title_unit": s("title_unit", fontSize=18, leading=28, alignment=TA_CENTER, textColor=ACCENT),
        "title": s("title", fontSize=24, leading=36, alignment=TA_CENTER, spaceAfter=6),
        "subtitle": s("subtitle", fontSize=11, leading=18, alignment=TA_CENTER, textColor=MUTED),
        "h1": s(
            "h1",
            fontSize=15,
            leading=22,
            spaceBefore=14,
            spaceAfter=6,
            textColor=ACCENT,
            alignment=TA_LEFT,
            keepWithNext=1,
        ),
        "h2": s(
            "h2",
            fontSize=12.5,
            leading=19,
            spaceBefore=10,
            spaceAfter=4,
            textColor=ACCENT,
            alignment=TA_LEFT,
            keepWithNext=1,
        ),
        "item": s(
            "item", fontSize=11, leading=17, spaceBefore=8, spaceAfter=2, alignment=TA_LEFT, keepWithNext=1
        ),
        "quote": s("quote", fontSize=9.5, leading=15, textColor=MUTED),
        "meta": s("meta", fontSize=9, leading=14, textColor=MUTED, spaceAfter=2, alignment=TA_LEFT),
        "label": s(
            "label",
            fontSize=10.5,
            leading=17,
            textColor=ACCENT,
            spaceBefore=3,
            alignment=TA_LEFT,
            keepWithNext=1,
        ),
        "missing": s("missing", fontSize=9, leading=14, textColor=WARN, alignment=TA_LEFT),
        "cell": s("cell", fontSize=8.5, leading=12.5, alignment=TA_LEFT),
        "cell_c": s("cell_c", fontSize=8.5, leading=12.5, alignment=TA_CENTER),
        "cell_r": s("cell_r", fontSize=8.5, leading=12.5, alignment=TA_RIGHT),
        "cell_small": s("cell_small", fontSize=7.5, leading=11, textColor=MUTED, alignment=TA_LEFT),
        "head": s("head", fontSize=8.5, leading=12.5, alignment=TA_CENTER, textColor=colors.white),
        "band": s("band", fontSize=9, leading=13, textColor=ACCENT, alignment=TA_LEFT),
        "cover_label": s("cover_label", fontSize=10.5, leading=16, textColor=MUTED, alignment=TA_RIGHT),
        "cover_value": s("cover_value", fontSize=10.5, leading=16, alignment=TA_LEFT),
        "fingerprint": s("fingerprint", fontSize=14, leading=20, alignment=TA_LEFT, textColor=ACCENT),
        "notice": s("notice", fontSize=9.5, leading=15, textColor=INK),
        "sign": s("sign", fontSize=12, leading=20, alignment=TA_LEFT),
    }


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
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT),
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
    """What every page carries: running head, draft watermark, and the `第 N 页 共 M 页` footer."""

    fonts: FontSet
    running_head: str
    head_right: str
    draft: bool
    warnings: list[str] = field(default_factory=list)
    created: dt.datetime | None = (
        None  # the document's CreationDate/ModDate (reportlab's invariant: 2000-01-01)
    )

    def on_page(self, canv: Canvas, doc: Any) -> None:
        """Running head on every page but the cover; the watermark on every page of a draft."""
        canv.saveState()
        font = self.fonts.primary
        if doc.page > 1:
            canv.setFillColor(MUTED)
            y = PAGE_H - MARGIN_TOP + 8 * mm
            self.draw_runs(canv, MARGIN_X, y, self.running_head, 8.5)
            width = sum(stringWidth(t, f, 8.5) for f, t in self._runs(self.head_right))
            self.draw_runs(canv, PAGE_W - MARGIN_X - width, y, self.head_right, 8.5)
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.5)
            canv.line(MARGIN_X, y - 2.5 * mm, PAGE_W - MARGIN_X, y - 2.5 * mm)
        if self.draft:
            canv.setFont(font, 64)
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
                self.fonts.markup(run, warnings=self.warnings, where="页眉")  # records the warning
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
        """Drawn once the page count is known."""
        canv.saveState()
        canv.setFont(self.fonts.primary, 9)
        canv.setFillColor(MUTED)
        canv.drawCentredString(PAGE_W / 2, MARGIN_BOTTOM - 10 * mm, f"第 {page} 页　共 {total} 页")
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
