"""The Excel workbook: 任务台账, 自评表, 附加项, 佐证材料清单, 问题整改清单.

Made for the two programs it meets: Excel at the bureau and LibreOffice on domestic desktops. LibreOffice
does not grow rows for wrapped text, so every row height is computed here from the text length (a CJK
character is about two width units); every sheet has a frozen, filtered header that repeats on each
printed page, and prints landscape A4 fitted to the page width.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fazhi_desktop.fsutil import atomic_write_bytes
from fazhi_desktop.reports import formatting as fmt
from fazhi_desktop.reports.data import ItemReport, ReportData

FONT_NAME = "宋体"  # present on every Chinese Windows; LibreOffice maps it to the desktop's CJK font
FONT_SIZE = 10.5
LINE_HEIGHT = 14.0  # points per wrapped line at FONT_SIZE (Excel with SimSun needs ~13.5)
MAX_ROW_HEIGHT = 409.0  # Excel's limit
SHEET_NAMES = ("任务台账", "自评表", "附加项", "佐证材料清单", "问题整改清单")

_THIN = Side(style="thin", color="9AA5B1")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="1F3A5F")
_HEAD_FONT = Font(name=FONT_NAME, size=FONT_SIZE, bold=True, color="FFFFFF")
_BODY_FONT = Font(name=FONT_NAME, size=FONT_SIZE)
_MISSING_FONT = Font(name=FONT_NAME, size=FONT_SIZE, color="8A3B12")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
_HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # Excel character units
    value: Callable[[Any], Any]
    center: bool = False
    number_format: str | None = None


def text_width(text: str) -> float:
    """Display width in Excel units: CJK and full-width characters count two, others one."""
    return sum(2.0 if ord(ch) > 0x2E7F or 0xFF00 <= ord(ch) <= 0xFFEF else 1.0 for ch in text)


def line_count(text: str, width: float) -> int:
    """Lines a wrapped cell of `width` units needs for `text` (explicit newlines included)."""
    usable = max(width - 1.5, 1.0)  # cell padding
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in str(text).split("\n"))


def row_height(values: Sequence[Any], widths: Sequence[float]) -> float:
    """A row height in points that shows every cell whole (capped at Excel's 409 points)."""
    lines = max((line_count(_shown(v), w) for v, w in zip(values, widths, strict=True)), default=1)
    return min(MAX_ROW_HEIGHT, max(1, lines) * LINE_HEIGHT + 4)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _date(iso: str | None) -> dt.date | str | None:
    if not iso:
        return None
    try:
        return dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso


def _opted(item: ItemReport) -> str:
    if not item.optional:
        return "必须填报"
    return {True: "参与", False: "不参与", None: "未选择"}[item.opted_in]


def _answer_columns(data: ReportData) -> list[Column]:
    """The columns every item sheet shares, after its own identifying columns."""
    return [
        Column("本单位角色", 7, lambda i: i.role, center=True),
        Column("是否参与", 7, _opted, center=True),
        Column(
            "工作状态", 7, lambda i: i.work_status if i.answered and i.has_work_status else "", center=True
        ),
        Column("自评结果", 7, lambda i: (i.result or "") if i.answered else "", center=True),
        Column("工作开展情况", 56, lambda i: i.narrative),
        Column("存在问题", 26, lambda i: i.problems),
        Column("整改措施", 26, lambda i: i.measures),
        Column("整改时限", 11, lambda i: _date(i.deadline), center=True, number_format="yyyy-mm-dd"),
        Column("责任人", 10, lambda i: i.responsible_person, center=True),
        Column("不适用理由", 16, lambda i: i.na_reason),
        *_score_columns(data),
        Column("佐证材料", 22, lambda i: "\n".join(e.name for e in data.evidence_for(i))),
        Column("尚缺", 14, lambda i: "；".join(i.missing)),
    ]


def _score_columns(data: ReportData) -> list[Column]:
    """分值 / 自评分 / 扣分说明, only where the plan gives points (a plan without them shows none)."""
    if data.scores is None:
        return []
    return [
        Column("分值", 6, lambda i: i.points, center=True),
        Column("自评分", 7, lambda i: i.self_score if i.answered else None, center=True),
        Column("扣分说明", 20, lambda i: i.score_note),
    ]


def _score_rows(data: ReportData) -> list[tuple[str, Any, Any]]:
    s = data.scores or {}
    rows: list[tuple[str, Any, Any]] = [(g["title"], g["score"], g["points"]) for g in s.get("groups", [])]
    rows += [
        ("合计", s["base"]["score"], s["base"]["points"]),
        ("加分", s["bonus"], None),
        ("减分", s["deduction"], None),
        ("自评总分", s["total"], None),
    ]
    return rows


def _task_columns(data: ReportData) -> list[Column]:
    return [
        Column("编号", 6, lambda i: i.id, center=True),
        Column("所属部分", 12, lambda i: f"{i.group_number}. {i.group_title}"),
        Column("任务内容", 34, lambda i: i.text),
        *_answer_columns(data),
    ]


def _indicator_columns(data: ReportData) -> list[Column]:
    return [
        Column("编号", 6, lambda i: i.id, center=True),
        Column("一级指标", 12, lambda i: f"{i.group_number}. {i.group_title}"),
        Column("二级指标", 14, lambda i: f"{i.group_number}.{i.heading_number} {i.heading_title}"),
        Column("三级指标", 34, lambda i: i.text),
        *_answer_columns(data),
    ]


def _adjustment_columns(data: ReportData) -> list[Column]:
    return [
        Column("编号", 6, lambda i: i.id, center=True),
        Column("类别", 8, lambda i: i.kind_name, center=True),
        Column("内容", 40, lambda i: i.text),
        *_answer_columns(data),
    ]


def _evidence_columns(data: ReportData) -> list[Column]:
    del data
    return [
        Column("序号", 6, lambda e: int(e.id) if e.id.isdigit() else e.id, center=True),
        Column("文件名称", 40, lambda e: e.name),
        Column("所属事项", 16, lambda e: "、".join(e.item_ids)),
        Column("形成日期", 11, lambda e: _date(e.made_date), center=True, number_format="yyyy-mm-dd"),
        Column("大小（字节）", 13, lambda e: e.size, number_format="#,##0"),
        Column("大小", 10, lambda e: fmt.human_size(e.size), center=True),
        Column("文件类型", 16, lambda e: e.mime_type),
        Column("说明", 24, lambda e: e.description),
        Column("SHA-256", 66, lambda e: e.sha256),
    ]


def _issue_columns(data: ReportData) -> list[Column]:
    del data
    return [
        Column("编号", 6, lambda i: i.id, center=True),
        Column("事项类别", 8, lambda i: i.kind_name, center=True),
        Column("事项名称", 30, lambda i: i.short_title),
        Column("自评结果", 9, lambda i: i.result or "", center=True),
        Column("存在问题", 45, lambda i: i.problems),
        Column("整改措施", 45, lambda i: i.measures),
        Column("整改时限", 11, lambda i: _date(i.deadline), center=True, number_format="yyyy-mm-dd"),
        Column("责任人", 10, lambda i: i.responsible_person, center=True),
    ]


def _fill_sheet(ws: Worksheet, columns: list[Column], rows: Sequence[Any], title: str) -> None:
    widths = [c.width for c in columns]
    ws.append([c.header for c in columns])
    for col, column in enumerate(columns, 1):
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill, cell.alignment, cell.border = _HEAD_FONT, _HEAD_FILL, _HEAD_ALIGN, _BORDER
        ws.column_dimensions[get_column_letter(col)].width = column.width
    ws.row_dimensions[1].height = row_height([c.header for c in columns], widths)
    for r, record in enumerate(rows, 2):
        values = [c.value(record) for c in columns]
        for col, (column, value) in enumerate(zip(columns, values, strict=True), 1):
            cell = ws.cell(row=r, column=col, value=value if value != "" else None)
            cell.font = _MISSING_FONT if column.header == "尚缺" else _BODY_FONT
            cell.alignment = _CENTER if column.center else _WRAP
            cell.border = _BORDER
            if column.number_format:
                cell.number_format = column.number_format
        ws.row_dimensions[r].height = row_height(values, widths)
    last = get_column_letter(len(columns))
    ws.freeze_panes = "B2"  # the header row and the id column stay in view
    ws.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    # openpyxl creates these with every worksheet; its stubs call them optional.
    setup, header, footer = ws.sheet_properties.pageSetUpPr, ws.oddHeader, ws.oddFooter
    assert setup is not None and header is not None and footer is not None
    setup.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    # The running title and the page number sit in the header/footer bands: leave them room above and
    # below the table, or LibreOffice prints the title under the table's first row.
    ws.page_margins.top = ws.page_margins.bottom = 0.9
    ws.page_margins.header = ws.page_margins.footer = 0.35
    header.center.text = title
    header.center.size = 10
    footer.center.text = "第 &P 页 共 &N 页"
    footer.center.size = 9


def build_workbook(data: ReportData) -> Workbook:
    """The five-sheet workbook as an openpyxl object (for callers that add to it)."""
    wb = Workbook()
    first = wb.active
    assert first is not None  # a new Workbook has one empty sheet, replaced by ours
    wb.remove(first)
    head = f"{data.unit.name} {data.period_label}"
    sheets: list[tuple[str, list[Column], Sequence[Any]]] = [
        ("任务台账", _task_columns(data), data.tasks),
        ("自评表", _indicator_columns(data), data.indicators),
        ("附加项", _adjustment_columns(data), data.adjustments),
        ("佐证材料清单", _evidence_columns(data), list(data.evidence)),
        ("问题整改清单", _issue_columns(data), data.issues()),
    ]
    if data.scores is not None:
        score_columns = [
            Column("项目", 24, lambda r: r[0]),
            Column("自评分", 10, lambda r: r[1], center=True),
            Column("分值", 10, lambda r: r[2], center=True),
        ]
        sheets.append(("自评得分", score_columns, _score_rows(data)))
    for name, columns, rows in sheets:
        _fill_sheet(wb.create_sheet(name), columns, rows, f"{head} {name}")
    props = wb.properties
    props.title = f"{data.unit.name}{data.period_label}法治政府建设自评表"
    props.creator = data.unit.name
    props.subject = f"{data.plan.title}（{data.plan.doc_number}）；{fmt.package_line(data)}"
    props.keywords = f"{data.plan.id} {data.plan.version}"
    generated = data.generated.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = props.modified = generated
    return wb


def render_xlsx(data: ReportData) -> bytes:
    """The workbook as .xlsx bytes, the same bytes for the same data (the package manifest hashes them)."""
    buffer = io.BytesIO()
    build_workbook(data).save(buffer)
    return _pin_times(buffer.getvalue(), data.generated)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _pin_times(xlsx: bytes, when: dt.datetime) -> bytes:
    """Re-pack the ZIP with every entry dated `when` and the core properties' `modified` set to it.

    openpyxl stamps both with the clock at save time, so two exports of unchanged answers would differ.
    """
    utc = when.astimezone(dt.UTC)
    stamp = utc.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = (max(utc.year, 1980), utc.month, utc.day, utc.hour, utc.minute, utc.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            pinned = zipfile.ZipInfo(info.filename, date_time=date_time)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = info.external_attr
            dst.writestr(pinned, content)
    return out.getvalue()


def write_xlsx(data: ReportData, target: Path) -> Path:
    """Write the workbook to `target` atomically."""
    atomic_write_bytes(Path(target), render_xlsx(data))
    return Path(target)


# The county's workbooks (review/summary.py, review/ledger_xlsx.py) lay their sheets out the same way.
fill_sheet = _fill_sheet
