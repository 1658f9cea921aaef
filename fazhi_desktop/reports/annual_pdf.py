"""The annual report draft as a PDF, set like the 自查报告 (GB/T 9704-2012 page, the same faces)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.platypus import KeepTogether, Paragraph, Spacer

from fazhi_desktop import __version__
from fazhi_desktop.fsutil import atomic_write_bytes
from fazhi_desktop.reports.annual import AnnualReport
from fazhi_desktop.reports.fonts import register_font_roles, register_fonts
from fazhi_desktop.reports.pdf_layout import (
    BODY_LEADING,
    Furniture,
    keep_heading_room,
    make_styles,
    render_document,
)

_STYLE = {"h2": "h2", "h3": "h3", "p": "body", "hint": "hint"}


def render_annual_pdf(
    report: AnnualReport, *, created: Any = None, warnings: list[str] | None = None
) -> bytes:
    """The draft as PDF bytes (every page numbered, no cover); font warnings go to `warnings`."""
    fonts = register_fonts()
    roles = register_font_roles()
    styles = make_styles(fonts.primary)
    styles["hint"] = styles["h2"].clone("hint", keepWithNext=0, firstLineIndent=2 * 16)
    collected: list[str] = []

    def p(text: str, style: str) -> Paragraph:
        chain = roles.get(styles[style].fontName, fonts)
        return Paragraph(chain.markup(text, warnings=collected, where="年度报告"), styles[style])

    story: list[Any] = [p(report.title, "title")]
    for part in report.parts:
        story.append(p(part.title, "h1"))
        story += [p(b.text, _STYLE[b.kind]) for b in part.blocks]
    last = story.pop()
    story.append(
        KeepTogether([last, Spacer(1, 2 * BODY_LEADING), p(report.unit, "sign"), p(report.date, "sign")])
    )
    story = keep_heading_room(story)
    furniture = Furniture(fonts, draft=False, warnings=collected, created=created, unnumbered=0)
    pdf = render_document(
        story,
        furniture,
        title=report.title,
        author=report.unit,
        subject="法治政府建设年度报告（草稿）",
        creator=f"fazhi-desktop {__version__}",
    )
    if warnings is not None:
        warnings.extend(w for w in collected if w not in warnings)
    return pdf


def write_annual_pdf(report: AnnualReport, target: Path, **kw: Any) -> Path:
    """Write the PDF to `target` atomically."""
    atomic_write_bytes(Path(target), render_annual_pdf(report, **kw))
    return Path(target)
