"""The Excel workbook: 任务台账, 自评表, 附加项, 工作开展情况, 佐证材料清单, 问题整改清单.

Made for the two programs it meets: Excel at the bureau and LibreOffice on domestic desktops, and for
paper: every sheet prints landscape A4 at its own size (10.5 pt, never shrunk: the visible columns of each
sheet fit the printable width, `fits_on_paper`), with its header row repeated on every page. The long
texts live where they can be read: 工作开展情况 on a sheet of its own, 存在问题/整改措施 on 问题整改清单,
so the ledgers keep one line of facts per item. LibreOffice does not grow rows for wrapped text, so every
row height is computed here from the text length (a CJK character is about two width units). Dates are
real dates shown as 2021年12月31日; sizes read 1.2 MB; the evidence hash shows its first 16 digits, the
full value (and the exact byte count) sits in hidden columns for whoever checks.
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

from fazhi_desktop.dates import format_cn_date
from fazhi_desktop.fsutil import atomic_write_bytes
from fazhi_desktop.reports import formatting as fmt
from fazhi_desktop.reports.data import ItemReport, ReportData
from fazhi_desktop.sizes import format_size

FONT_NAME = "宋体"  # present on every Chinese Windows; LibreOffice maps it to the desktop's CJK font
FONT_SIZE = 10.5  # 五号: printed at this size, because no sheet is wider than the paper
LINE_HEIGHT = 14.0  # points per wrapped line at FONT_SIZE (Excel with SimSun needs ~13.5)
MAX_ROW_HEIGHT = 409.0  # Excel's limit
SHEET_NAMES = ("任务台账", "自评表", "附加项", "工作开展情况", "佐证材料清单", "问题整改清单")
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
# Landscape A4 (297 mm) less two 0.4-inch margins; one width unit prints ~7 px + 5 px per column at 96 dpi.
PRINTABLE_MM = 297 - 2 * 0.4 * 25.4

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
_HEAD_FONT = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
_BODY_FONT = Font(name=FONT_NAME, size=FONT_SIZE)
_MISSING_FONT = Font(name=FONT_NAME, size=FONT_SIZE, italic=True)
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
    hidden: bool = False  # kept for machines and checkers, not printed


def printed_width_mm(widths: Sequence[float]) -> float:
    """How wide columns of these Excel widths print at 100 % (Calibri 11 default: 7 px a unit + 5 px)."""
    return sum(math.floor(w * 7 + 5) for w in widths) * 25.4 / 96


def fits_on_paper(columns: Sequence[Column]) -> bool:
    """Whether the visible columns fit landscape A4 without shrinking the print."""
    return printed_width_mm([c.width for c in columns if not c.hidden]) <= PRINTABLE_MM


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
        return format_cn_date(value)
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


def _evidence_count(data: ReportData) -> Callable[[ItemReport], str]:
    return lambda i: f"{n} 份" if (n := len(data.evidence_for(i))) else ""


def _facts_columns(data: ReportData) -> list[Column]:
    """The one-line facts every item ledger shares, after its own identifying columns."""
    return [
        Column("本单位角色", 8, lambda i: i.role, center=True),
        Column("是否参与", 8, _opted, center=True),
        Column(
            "工作状态", 8, lambda i: i.work_status if i.answered and i.has_work_status else "", center=True
        ),
        Column("自评结果", 8, lambda i: (i.result or "") if i.answered else "", center=True),
        *_score_columns(data),
        Column("责任人", 9, lambda i: i.responsible_person, center=True),
        Column("整改时限", 14, lambda i: _date(i.deadline), center=True, number_format=DATE_FORMAT),
        Column("佐证材料", 7, _evidence_count(data), center=True),
        # With the score columns the sheet would outgrow the paper: 尚缺 and the item's text give way.
        Column("尚缺", 11 if data.scores is not None else 16, lambda i: "；".join(i.missing)),
    ]


def _score_columns(data: ReportData) -> list[Column]:
    """分值 / 自评分, only where the plan gives points (a plan without them shows none); the 扣分说明 is
    long text and sits on the 工作开展情况 sheet."""
    if data.scores is None:
        return []
    return [
        Column("分值", 5, lambda i: i.points, center=True),
        Column("自评分", 6, lambda i: i.self_score if i.answered else None, center=True),
    ]


def _scored(data: ReportData) -> float:
    """Width the item's own text gives up to the score columns."""
    return 6 if data.scores is not None else 0


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
        Column("所属部分", 13, lambda i: f"{i.group_number}. {i.group_title}"),
        Column("任务内容", 39 - _scored(data), lambda i: i.text),
        *_facts_columns(data),
    ]


def _indicator_columns(data: ReportData) -> list[Column]:
    return [
        Column("编号", 6, lambda i: i.id, center=True),
        Column("一级指标", 11, lambda i: f"{i.group_number}. {i.group_title}"),
        Column("二级指标", 12, lambda i: f"{i.group_number}.{i.heading_number} {i.heading_title}"),
        Column("三级指标", 29 - _scored(data), lambda i: i.text),
        *_facts_columns(data),
    ]


def _adjustment_columns(data: ReportData) -> list[Column]:
    """加分项/减分项 state a fact: 有无加分情况 / 是否发生 is the answer (no work status, no taking part)."""
    return [
        Column("编号", 6, lambda i: i.id, center=True),
        Column("类别", 7, lambda i: i.kind_name, center=True),
        Column("内容", 42, lambda i: i.text),
        Column("有无或是否发生", 12, fmt.result_text, center=True),
        Column("具体情况", 40, lambda i: i.narrative),
        Column("责任人", 9, lambda i: i.responsible_person, center=True),
        Column("佐证材料", 7, _evidence_count(data), center=True),
    ]


def _narrative_columns(data: ReportData) -> list[Column]:
    return [
        Column("编号", 6, lambda i: i.id, center=True),
        Column("事项", 28, fmt.item_heading),
        Column("工作开展情况", 62 - 2.5 * _scored(data), lambda i: i.narrative),
        Column("不适用理由", 16, lambda i: i.na_reason),
        *([Column("扣分说明", 15, lambda i: i.score_note)] if data.scores is not None else []),
        Column("佐证材料", 22, lambda i: "\n".join(e.name for e in data.evidence_for(i))),
    ]


def _evidence_columns(data: ReportData) -> list[Column]:
    del data
    return [
        Column("序号", 5, lambda e: int(e.id) if e.id.isdigit() else e.id, center=True),
        Column("文件名称", 40, lambda e: e.name),
        Column("所属事项", 13, lambda e: "、".join(e.item_ids)),
        Column("形成日期", 14, lambda e: _date(e.made_date), center=True, number_format=DATE_FORMAT),
        Column("大小", 9, lambda e: format_size(e.size), center=True),
        Column("文件类型", 11, lambda e: fmt.file_kind(e.mime_type, e.name), center=True),
        Column("说明", 21, lambda e: e.description),
        Column("SHA-256（前16位）", 20, lambda e: fmt.short_hash(e.sha256)),
        Column("SHA-256", 66, lambda e: e.sha256, hidden=True),
        Column("大小（字节）", 13, lambda e: e.size, number_format="#,##0", hidden=True),
    ]


def _issue_columns(data: ReportData) -> list[Column]:
    del data
    return [
        Column("编号", 6, lambda i: i.id, center=True),
        Column("事项类别", 7, lambda i: i.kind_name, center=True),
        Column("事项名称", 25, fmt.item_heading),
        Column("自评结果", 8, lambda i: i.result or "", center=True),
        Column("存在问题", 34, lambda i: i.problems),
        Column("整改措施", 34, lambda i: i.measures),
        Column("整改时限", 14, lambda i: _date(i.deadline), center=True, number_format=DATE_FORMAT),
        Column("责任人", 9, lambda i: i.responsible_person, center=True),
    ]


def _fill_sheet(ws: Worksheet, columns: list[Column], rows: Sequence[Any], title: str) -> None:
    # Hidden columns do not print, so they do not make a row taller.
    widths = [1e9 if c.hidden else c.width for c in columns]
    ws.append([c.header for c in columns])
    for col, column in enumerate(columns, 1):
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill, cell.alignment, cell.border = _HEAD_FONT, _HEAD_FILL, _HEAD_ALIGN, _BORDER
        ws.column_dimensions[get_column_letter(col)].width = column.width
        ws.column_dimensions[get_column_letter(col)].hidden = column.hidden
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
    header.center.size = 10.5
    footer.center.text = "第 &P 页 共 &N 页"
    footer.center.size = 10


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
        ("工作开展情况", _narrative_columns(data), [i for i in data.items if i.answered]),
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
