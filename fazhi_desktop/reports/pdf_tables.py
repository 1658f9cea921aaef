"""The PDF report's tables (progress, indicators, evidence) and the text helpers every part uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from fazhi_desktop.catalogue.model import GROUP_KIND_NAMES
from fazhi_desktop.reports import formatting as fmt
from fazhi_desktop.reports.data import ItemReport, ReportData
from fazhi_desktop.reports.fonts import FontSet, register_font_roles
from fazhi_desktop.reports.pdf_layout import FRAME_W, SHADE, grid_table, keep_heading_room, make_styles
from fazhi_desktop.sizes import format_size

CHINESE_NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    """1 → 一, 12 → 十二 (section numbers in headings)."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    if n < 20:
        return "十" + CHINESE_NUMERALS[n - 11]
    return CHINESE_NUMERALS[n // 10 - 1] + "十" + (CHINESE_NUMERALS[n % 10 - 1] if n % 10 else "")


class Ink:
    """Turns plain text into paragraphs in the report's styles, collecting font warnings on the way."""

    def __init__(self, data: ReportData, fonts: FontSet, warnings: list[str]) -> None:
        self.data = data
        self.fonts = fonts
        self.styles = make_styles(fonts.primary)
        self.roles = register_font_roles()
        self.warnings = warnings
        self.story: list[Any] = []

    def chain(self, style: str) -> FontSet:
        """The fallback chain that starts with `style`'s face (黑体 for headings, 仿宋 for the body …)."""
        return self.roles.get(self.styles[style].fontName, self.fonts)

    def p(self, text: str, style: str = "body", where: str = "") -> Paragraph:
        """A paragraph of plain text in `style`; `where` names the field in font warnings."""
        markup = self.chain(style).markup(text, warnings=self.warnings, where=where)
        return Paragraph(markup, self.styles[style])

    def rich(self, parts: list[tuple[str, str | None]], style: str = "plain") -> Paragraph:
        """A paragraph of (text, face) parts: a part with a face name (e.g. fonts.HEI) is set in it."""
        out = []
        for text, face in parts:
            fonts = self.roles.get(face, self.chain(style)) if face else self.chain(style)
            markup = fonts.markup(text, warnings=self.warnings)
            out.append(f'<font name="{face}">{markup}</font>' if face else markup)
        return Paragraph("".join(out), self.styles[style])

    def add(self, *flowables: Any) -> None:
        """Append flowables to the story (headings with room kept under them)."""
        self.story.extend(keep_heading_room(flowables))

    def paragraphs(self, text: str, where: str, style: str = "body") -> list[Paragraph]:
        """A multi-paragraph answer: blank lines and single newlines both start a new paragraph."""
        chunks = [c.strip() for c in text.replace("\r\n", "\n").split("\n") if c.strip()]
        if not chunks:
            return [self.p(fmt.EMPTY, "meta")]
        return [self.p(c, style, where) for c in chunks]


def progress_table(ink: Ink) -> Table:
    """一、总体情况: progress per section and area, the total last."""
    s = "cell_c"
    header = [ink.p(h, "head") for h in ("板块", "应填报", "已完整", "完成率", "已完成", "推进中", "未开始")]
    rows: list[list[Any]] = [header]
    for prog in ink.data.progress or (ink.data.overall,):
        title = "合计" if prog.key == "overall" else prog.title
        group = prog.key.split(":")[0]
        prefix = f"{GROUP_KIND_NAMES[group]}：" if group in ("section", "area") else ""
        rows.append(
            [
                ink.p(prefix + title, "cell"),
                ink.p(str(prog.total), s),
                ink.p(str(prog.complete), s),
                ink.p(f"{prog.percent}%", s),
                ink.p(str(prog.done), s),
                ink.p(str(prog.in_progress), s),
                ink.p(str(prog.not_started), s),
            ]
        )
    # The overall row is printed last, as the total of the table.
    if len(rows) > 2 and ink.data.progress and ink.data.progress[0].key == "overall":
        rows.append(rows.pop(1))
    widths = [FRAME_W - 6 * 15 * mm, *([15 * mm] * 6)]
    table = grid_table(rows, widths, font=ink.fonts.primary)
    table.setStyle(TableStyle([("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), SHADE)]))
    return table


def indicator_table(ink: Ink, indicators: Sequence[ItemReport]) -> Table:
    """五: the indicator table, banded by 一级/二级指标, its header repeated on every page."""
    widths = [9 * mm, 44 * mm, 23 * mm, FRAME_W - 88 * mm, 12 * mm]
    header = [
        ink.p(h, "head") for h in ("序号", "三级指标", "角色\n工作状态\n自评结果", "工作开展情况", "佐证")
    ]
    rows: list[list[Any]] = [header]
    bands: list[tuple[int, bool]] = []
    last_area, last_heading = None, None
    for item in indicators:
        if item.group_number != last_area:
            last_area, last_heading = item.group_number, None
            bands.append((len(rows), True))
            rows.append([ink.p(f"一级指标 {item.group_number}　{item.group_title}", "band")] + [""] * 4)
        if item.heading_title and item.heading_number != last_heading:
            last_heading = item.heading_number
            bands.append((len(rows), False))
            title = f"二级指标 {item.group_number}.{item.heading_number}　{item.heading_title}"
            rows.append([ink.p(title, "band")] + [""] * 4)
        rows.append(_indicator_row(ink, item))
    return grid_table(rows, widths, font=ink.fonts.primary, bands=bands)


def _indicator_row(ink: Ink, item: ItemReport) -> list[Any]:
    """One indicator: number, the plan's text, role/status/result stacked, what was done, evidence count."""
    where = f"{item.id} "
    detail: list[Any] = []
    if not item.answered:
        detail.append(ink.p(fmt.result_text(item), "cell_small"))
    else:
        if item.result == "不适用":
            detail.append(ink.p("不适用理由：" + (item.na_reason or fmt.EMPTY), "cell", where + "不适用理由"))
        chunks = [c for c in item.narrative.split("\n") if c.strip()]
        detail += [ink.p(c, "cell", where + "工作开展情况") for c in chunks] or [
            ink.p(fmt.EMPTY, "cell_small")
        ]
        if item.responsible_person:
            detail.append(ink.p(f"责任人：{item.responsible_person}", "cell_small", where + "责任人"))
        if item.score_note.strip():
            detail.append(ink.p(f"扣分说明：{item.score_note}", "cell_small", where + "扣分说明"))
        if item.missing:
            detail.append(ink.p("尚缺：" + "；".join(item.missing), "cell_small"))
    if item.answered:
        verdict = [
            ink.p(item.role_label, "cell_c"),
            ink.p(item.work_status, "cell_c"),
            ink.p(fmt.result_text(item) or "尚未自评", "cell_c"),
        ]
        if item.points is not None:
            got = "未评分" if item.self_score is None else f"{item.self_score:g}"
            verdict.append(ink.p(f"{got}/{item.points:g}分", "cell_c"))
        n_ev = f"{len(ink.data.evidence_for(item))} 份"
    else:
        verdict = [ink.p(item.role_label, "cell_c"), ink.p("—", "cell_c")]
        n_ev = "—"
    return [
        ink.p(f"{item.number}", "cell_c"),
        ink.p(item.text, "cell", where + "指标原文"),
        verdict,
        detail,
        ink.p(n_ev, "cell_c"),
    ]


def evidence_table(ink: Ink) -> Table:
    """七: name, items, 形成日期, size and SHA-256 prefix of every document."""
    d = ink.data
    # The hash column holds "DDDD DDDD DDDD DDDD" on one line (at 10.5 pt, plus padding).
    widths = [9 * mm, FRAME_W - 116 * mm, 20 * mm, 28 * mm, 18 * mm, 41 * mm]
    header = [
        ink.p(h, "head") for h in ("序号", "文件名称", "所属事项", "形成日期", "大小", "SHA-256（前16位）")
    ]
    rows: list[list[Any]] = [header]
    for n, e in enumerate(d.evidence, 1):
        name = [ink.p(e.name, "cell", f"佐证材料 {e.name}")]
        if e.description:
            name.append(ink.p(e.description, "cell_small", "佐证材料说明"))
        rows.append(
            [
                ink.p(str(n), "cell_c"),
                name,
                ink.p("、".join(e.item_ids), "cell"),
                ink.p(fmt.chinese_date(e.made_date) or "—", "cell_c"),
                ink.p(format_size(e.size), "cell_r"),
                ink.p(fmt.grouped_hex(e.sha256[:16]), "cell"),
            ]
        )
    return grid_table(rows, widths, font=ink.fonts.primary)
