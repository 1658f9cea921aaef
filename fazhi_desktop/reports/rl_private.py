"""reportlab's private API, in one place and typed: everything the reports use that reportlab does not document.

The Chinese line breaking (linebreak.py) replaces two of reportlab's paragraph-splitting functions and
extends its punctuation lists; the fonts (fonts.py) replace the ToUnicode CMap writer; the PDF layout
(pdf_layout.py) reads a table's computed rows and splits it itself, and holds pages back on the canvas.
None of that is public, so it is all here: every other module calls these typed functions, and
`check_internals()` lists what no longer matches the reportlab installed. tests/test_rl_private.py runs
it and fails loudly on any difference; pyproject.toml pins reportlab to the minor versions it passed with.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from reportlab.lib import textsplit, utils
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen import canvas
from reportlab.platypus import paragraph, tables

# Module objects typed loosely on purpose: the stubs (rightly) know nothing of what is patched here.
_paragraph: Any = paragraph
_textsplit: Any = textsplit
_ttfonts: Any = ttfonts

WordSplit = Callable[..., list[list[Any]]]  # (word, maxWidths, fontName, fontSize, encoding)
FragSplit = Callable[..., Any]  # (frags, maxWidths, calcBounds, encoding) -> ParaLines
CMapWriter = Callable[[str, list[int]], str]  # (fontname, subset) -> CMap text

# What is replaced or called, with the parameters expected: (module, attribute) -> parameter names.
FUNCTIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("reportlab.platypus.paragraph", "wordSplit"): ("word", "maxWidths", "fontName", "fontSize", "encoding"),
    ("reportlab.platypus.paragraph", "cjkFragSplit"): ("frags", "maxWidths", "calcBounds", "encoding"),
    ("reportlab.platypus.paragraph", "makeCJKParaLine"): (
        "U",
        "maxWidth",
        "widthUsed",
        "extraSpace",
        "lineBreak",
        "calcBounds",
    ),
    ("reportlab.platypus.paragraph", "cjkU"): ("value", "frag", "encoding"),
    ("reportlab.platypus.paragraph", "ParaLines"): ("attr",),
    ("reportlab.pdfbase.ttfonts", "makeToUnicodeCMap"): ("fontname", "subset"),
}
METHODS: dict[tuple[type, str], tuple[str, ...]] = {
    (tables.Table, "_calc"): ("self", "availWidth", "availHeight"),
    (tables.Table, "_getFirstPossibleSplitRowPosition"): ("self", "availHeight", "ignoreSpans"),
    (tables.Table, "_splitRows"): ("self", "availHeight", "doInRowSplit"),
    (canvas.Canvas, "_startPage"): ("self",),
}
# Punctuation lists extended by linebreak.py (plain strings of characters).
STRINGS: tuple[tuple[str, str], ...] = (
    ("reportlab.lib.textsplit", "ALL_CANNOT_START"),
    ("reportlab.platypus.paragraph", "ALL_CANNOT_START"),
    ("reportlab.lib.textsplit", "ALL_CANNOT_END"),
)
_MODULES: dict[str, Any] = {
    "reportlab.platypus.paragraph": paragraph,
    "reportlab.lib.textsplit": textsplit,
    "reportlab.pdfbase.ttfonts": ttfonts,
}


def check_internals() -> list[str]:
    """What in the installed reportlab differs from what this module expects (empty when all is well)."""
    problems: list[str] = []

    def params(obj: object, where: str, expected: tuple[str, ...]) -> None:
        if not callable(obj):
            problems.append(f"{where} is missing or not callable")
            return
        try:
            names = tuple(inspect.signature(obj).parameters)
        except (TypeError, ValueError):
            problems.append(f"{where} has no inspectable signature")
            return
        if names != expected:
            problems.append(f"{where}{names} != expected {expected}")

    for (module, name), expected in FUNCTIONS.items():
        params(getattr(_MODULES[module], name, None), f"{module}.{name}", expected)
    for (cls, name), expected in METHODS.items():
        params(getattr(cls, name, None), f"{cls.__module__}.{cls.__name__}.{name}", expected)
    for module, name in STRINGS:
        if not isinstance(getattr(_MODULES[module], name, None), str):
            problems.append(f"{module}.{name} is not a string")
    doc = getattr(canvas.Canvas("/dev/null"), "_doc", None)
    if not isinstance(getattr(doc, "_timeStamp", None), utils.TimeStamp):
        problems.append("Canvas._doc._timeStamp is not a reportlab.lib.utils.TimeStamp")
    table = tables.Table([["a", "b"]])
    if getattr(table, "_ncols", None) != 2:
        problems.append("Table._ncols is not the column count")
    return problems


# --- paragraphs (linebreak.py) -----------------------------------------------------------------
@dataclass(frozen=True)
class LineRules:
    """reportlab's punctuation lists (textsplit keeps one copy, paragraph another) and CJK splitters."""

    textsplit_cannot_start: str
    paragraph_cannot_start: str
    textsplit_cannot_end: str
    word_split: WordSplit
    frag_split: FragSplit


def line_rules() -> LineRules:
    return LineRules(
        textsplit_cannot_start=cast(str, _textsplit.ALL_CANNOT_START),
        paragraph_cannot_start=cast(str, _paragraph.ALL_CANNOT_START),
        textsplit_cannot_end=cast(str, _textsplit.ALL_CANNOT_END),
        word_split=cast(WordSplit, _paragraph.wordSplit),
        frag_split=cast(FragSplit, _paragraph.cjkFragSplit),
    )


def set_line_rules(rules: LineRules) -> None:
    _textsplit.ALL_CANNOT_START = rules.textsplit_cannot_start
    _paragraph.ALL_CANNOT_START = rules.paragraph_cannot_start
    _textsplit.ALL_CANNOT_END = rules.textsplit_cannot_end
    _paragraph.wordSplit = rules.word_split
    _paragraph.cjkFragSplit = rules.frag_split


def cjk_unit(text: str, frag: Any, encoding: str) -> Any:
    """One character of a CJK paragraph with its fragment (reportlab's `cjkU`, a str subclass)."""
    return _paragraph.cjkU(text, frag, encoding)


def cjk_line(units: Sequence[Any], limit: float, used: float, extra: float, hard: bool, bounds: Any) -> Any:
    """One laid-out line of a CJK paragraph (reportlab's `makeCJKParaLine`)."""
    return _paragraph.makeCJKParaLine(units, limit, used, extra, hard, bounds)


def para_lines(lines: list[Any]) -> Any:
    """The lines of a multi-fragment paragraph, as reportlab's `cjkFragSplit` returns them."""
    return _paragraph.ParaLines(kind=1, lines=lines)


# --- fonts (fonts.py) ------------------------------------------------------------------------
def set_to_unicode_cmap(writer: CMapWriter) -> None:
    """Replace the writer of embedded subset fonts' ToUnicode CMap."""
    _ttfonts.makeToUnicodeCMap = writer


# --- tables and canvas (pdf_layout.py) ---------------------------------------------------------
def table_rows(table: tables.Table, width: float, height: float) -> list[float]:
    """Lay the table out for the space given and return its row heights."""
    t: Any = table
    t._calc(width, height)
    return cast(list[float], t._rowHeights)


def table_columns(table: tables.Table) -> int:
    return cast(int, cast(Any, table)._ncols)


def table_spans(table: tables.Table) -> list[tuple[int, int, int, int]]:
    """The cell spans (start column, start row, end column, end row), as re-indexed for this part."""
    ranges = getattr(table, "_spanRanges", None) or {}
    return [(v[0], v[1], v[2], v[3]) for v in ranges.values() if v]


def first_split_row(table: tables.Table, height: float) -> int:
    """The first row the table could be split before, within `height`."""
    return cast(int, cast(Any, table)._getFirstPossibleSplitRowPosition(height))


def split_rows(table: tables.Table, height: float, *, in_row: bool) -> list[Any]:
    """reportlab's own split for `height` (between rows, or also inside one)."""
    return cast(list[Any], cast(Any, table)._splitRows(height, doInRowSplit=in_row))


def set_document_timestamp(c: canvas.Canvas, stamp: utils.TimeStamp) -> None:
    """The CreationDate/ModDate the document will carry."""
    cast(Any, c)._doc._timeStamp = stamp


def start_page(c: canvas.Canvas) -> None:
    """Begin a fresh page state (what showPage does after writing the page out)."""
    cast(Any, c)._startPage()
