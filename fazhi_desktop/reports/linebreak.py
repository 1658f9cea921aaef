"""Chinese line breaking for reportlab paragraphs (`wordWrap="CJK"`).

reportlab's CJK wrapper breaks before any character and only knows a few closing marks, so `：；”）》」〕`
can start a line; it also pulls at most one forbidden mark up, so `”。` or `）；` still leave the second
mark at the start of the next line, and it never checks the end of a line. GB/T 15834 and every
printed document the county receives follow the usual rules: no line starts with closing punctuation,
no line ends with opening punctuation, `……` and `——` are not split, nor are Latin words and numbers.

`install()` extends reportlab's own lists (both modules keep a copy) and replaces its two CJK split
functions with `break_lines` below, through rl_private.py; `reportlab_defaults()` undoes that for a
comparison test.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any, cast

from reportlab.pdfbase.pdfmetrics import stringWidth

from fazhi_desktop.reports import rl_private as rl

# Closing punctuation and marks that must not begin a line.
CANNOT_START = frozenset(
    "，。、；：？！）》」』〕】〉｝］〗〙’”…"
    "·・～％‰℃°′″"
    "!),.:;?]}%"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー々"
)
# Opening punctuation and prefixes that must not end a line.
CANNOT_END = frozenset("（《「『〔【〈｛［〖〘‘“([{￥$#@§")
# Two-em marks written as a pair of characters: never split the pair.
PAIRED = frozenset("…—")
_FUZZ = 1e-6


def _word_char(ch: str) -> bool:
    """Characters of a Latin word or number, which wraps as a whole where it can."""
    return ch.isascii() and (ch.isalnum() or ch in "._-/@%&+#")


def _may_break(chars: Sequence[str], k: int) -> bool:
    """Whether a line may end before `chars[k]`."""
    before, after = chars[k - 1], chars[k]
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if before == after and after in PAIRED:
        return False
    return not (before and after and _word_char(before) and _word_char(after))


def break_lines(
    chars: Sequence[str],
    widths: Sequence[float],
    max_widths: Sequence[float],
    forced: frozenset[int] | set[int] = frozenset(),
) -> list[tuple[int, int, float, bool]]:
    """Split a run of characters into lines: (start, end, line width limit, ends with a forced break).

    Fill each line greedily, then move the break back (at most half a line) until it respects the
    rules; if no such point exists, let up to two closing marks hang into the margin instead.
    `forced` holds indexes of zero-width line-break elements, which end their line.
    """
    lines: list[tuple[int, int, float, bool]] = []
    n = len(chars)
    start = 0
    while start < n:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        used, end, hard = 0.0, start, False
        while end < n:
            if end in forced:
                end += 1
                hard = True
                break
            if used + widths[end] > limit + _FUZZ and end > start:
                break
            used += widths[end]
            end += 1
        if not hard and end < n:
            end = _adjust(chars, start, end)
        lines.append((start, end, limit, hard))
        start = end
    return lines


def _adjust(chars: Sequence[str], start: int, end: int) -> int:
    if _may_break(chars, end):
        return end
    floor = max(start + 1, end - max(2, (end - start) // 2))
    k = end - 1
    while k >= floor:
        if _may_break(chars, k):
            return k
        k -= 1
    # Nowhere to move back to (a very narrow cell): hang the closing marks instead.
    k = end
    while k < len(chars) and k - end < 2 and chars[k] in CANNOT_START:
        k += 1
    return k


# --- reportlab hooks (through rl_private, the one place that touches reportlab's internals) ---------
_saved: list[rl.LineRules] = []


def _word_split(
    word: str | bytes,
    maxWidths: float | Sequence[float],  # noqa: N803 (reportlab's names)
    fontName: str,  # noqa: N803
    fontSize: float,  # noqa: N803
    encoding: str = "utf8",
) -> list[list[Any]]:
    """Replacement for reportlab's `wordSplit` (single-fragment CJK paragraphs)."""
    text = word.decode(encoding) if isinstance(word, bytes) else word
    limits = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [cast(float, maxWidths)]
    widths = [stringWidth(ch, fontName, fontSize) for ch in text]
    return [
        [limit - sum(widths[s:e]), text[s:e].strip()] for s, e, limit, _ in break_lines(text, widths, limits)
    ]


def _cjk_frag_split(
    frags: Sequence[Any],
    maxWidths: float | Sequence[float],  # noqa: N803 (reportlab's names)
    calcBounds: Any,  # noqa: N803
    encoding: str = "utf8",
) -> Any:
    """Replacement for reportlab's `cjkFragSplit` (CJK paragraphs with several fragments)."""
    units: list[Any] = []
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        if text:
            units.extend(rl.cjk_unit(t, f, encoding) for t in text)
        else:
            units.append(rl.cjk_unit(text, f, encoding))
    limits = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [cast(float, maxWidths)]
    widths: list[float] = []
    for u in units:
        w = u.width
        if hasattr(w, "normalizedValue"):  # a percentage-width image
            w._normalizer = limits[0]
            w = w.normalizedValue(limits[0])
        widths.append(w)
    forced = {i for i, u in enumerate(units) if hasattr(u.frag, "lineBreak")}
    chars = [str(u) for u in units]
    lines = []
    for s, e, limit, hard in break_lines(chars, widths, limits, forced):
        used = sum(widths[s:e])
        lines.append(rl.cjk_line(units[s:e], limit, used, limit - used, hard, calcBounds))
    return rl.para_lines(lines)


def install() -> None:
    """Make reportlab follow the Chinese rules above (idempotent; affects this process)."""
    if _saved:
        return
    own = rl.line_rules()
    _saved.append(own)
    extra_start = "".join(sorted(CANNOT_START - set(own.textsplit_cannot_start)))
    rl.set_line_rules(
        rl.LineRules(
            textsplit_cannot_start=own.textsplit_cannot_start + extra_start,
            paragraph_cannot_start=own.paragraph_cannot_start + extra_start,
            textsplit_cannot_end=own.textsplit_cannot_end
            + "".join(sorted(CANNOT_END - set(own.textsplit_cannot_end))),
            word_split=_word_split,
            frag_split=_cjk_frag_split,
        )
    )


def uninstall() -> None:
    """Restore reportlab's own behaviour."""
    if _saved:
        rl.set_line_rules(_saved.pop())


@contextlib.contextmanager
def reportlab_defaults() -> Iterator[None]:
    """Run a block with reportlab's own line breaking (to show what the rules fix)."""
    was_installed = bool(_saved)
    uninstall()
    try:
        yield
    finally:
        if was_installed:
            install()
