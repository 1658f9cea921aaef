"""The plan workbook (计划模板.xlsx): its layout, and writing it — empty, from a plan, or from a draft.

One layout serves three uses: `plan template` (empty, with the 说明 sheet), `plan export` (any plan the
program knows) and `plan draft` (guessed from a document, uncertain rows marked in 待核对). Reading it back
is `plan_import.py`; both take the sheet and column names from here, so they cannot drift apart.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from fazhi_desktop.catalogue.model import ADJUSTMENT_KINDS, ITEM_KIND_NAMES, UNIT_KINDS, Plan
from fazhi_desktop.fsutil import atomic_write_bytes

SHEET_HELP = "说明"
SHEET_INFO = "计划信息"
SHEET_TASKS = "工作任务"
SHEET_INDICATORS = "指标体系"
SHEET_ADJUSTMENTS = "加减分项"
SHEET_UNITS = "单位名录"
SHEET_COLLECTIVES = "集合名称"
SHEET_NOTES = "备注"  # optional: transcription judgements (a plan's `notes`)
REQUIRED_SHEETS = (
    SHEET_INFO,
    SHEET_TASKS,
    SHEET_INDICATORS,
    SHEET_ADJUSTMENTS,
    SHEET_UNITS,
    SHEET_COLLECTIVES,
)

CHECK = "待核对"  # the draft's reasons for doubt; import refuses a row until a person clears it
MODE_NAMES = {"all": "全部须作答", "optional": "自行选择参与"}
ADJUSTMENT_KIND_NAMES = {k: ITEM_KIND_NAMES[k] for k in sorted(ADJUSTMENT_KINDS)}
YES, NO = "是", "否"
# Several names in one cell: unit columns split on these (outside brackets); alias columns only on ；/line.
LIST_SEPARATORS = "、，,；;\n"
ALIAS_SEPARATORS = "；;\n"


@dataclass(frozen=True)
class Col:
    header: str
    key: str
    width: float
    help: str
    choices: tuple[str, ...] = ()
    required: bool = False


_UNIT_COLS = (
    Col("牵头单位", "lead", 18, "牵头单位，多个用“、”分隔；须是单位名录或集合名称中的名称"),
    Col("责任单位", "responsible", 22, "责任单位，写法同上"),
    Col("配合单位", "cooperating", 16, "配合单位，写法同上"),
)
_CHECK_COL = Col(CHECK, "check", 24, "草稿中程序没有把握之处及原因；核对无误后请清空此格，否则不能导入")
# Columns several sheets share: the same header, key and width; each sheet says what goes in them.
_ID = partial(Col, "编号", "id", 7, required=True)
_POINTS = partial(Col, "分值", "points", 7)
_CRITERIA = partial(Col, "评分标准", "criteria", 24)
_DEADLINE = partial(Col, "完成时限", "deadline", 12)
_EVIDENCE_COL = Col("佐证材料要求", "evidence", 22, "需提交的佐证材料，多项用“；”分隔")
_NOTE_COL = Col("说明", "note", 30, "备注")

COLUMNS: dict[str, tuple[Col, ...]] = {
    SHEET_TASKS: (
        _ID("T01、T02 …，按顺序连续，导入后不再改变"),
        Col("部分编号", "section_label", 8, "文件中部分的编号，如 一、"),
        Col(
            "部分标题",
            "section_title",
            22,
            "部分标题（不含编号）；同一部分的各行填写相同的标题",
            required=True,
        ),
        Col("任务编号", "label", 8, "文件中任务的编号，如 1.、（一）"),
        Col("任务内容", "text", 50, "任务原文（不含括号中的单位）", required=True),
        *_UNIT_COLS,
        _DEADLINE("日期（2026年12月31日）或文字（长期坚持、年底前）"),
        _POINTS("该任务的分值（没有可不填）"),
        _CRITERIA("评分标准或考核细则"),
        _EVIDENCE_COL,
        _CHECK_COL,
    ),
    SHEET_INDICATORS: (
        _ID("I01、I02 …，按顺序连续"),
        Col("一级指标编号", "area_label", 8, "如 一、"),
        Col("一级指标", "area_title", 18, "一级指标名称；同一一级指标的各行相同", required=True),
        Col("一级分值", "area_points", 7, "一级指标的分值（同一一级指标的各行相同，或只填第一行）"),
        Col("二级指标编号", "heading_label", 8, "如 （一）"),
        Col("二级指标", "heading_title", 20, "二级指标名称", required=True),
        Col("二级分值", "heading_points", 7, "二级指标的分值"),
        Col("序号", "label", 6, "文件中三级指标的序号，如 1"),
        Col("三级指标", "text", 46, "三级指标原文", required=True),
        *_UNIT_COLS,
        _POINTS("三级指标的分值；各三级指标之和须等于二级分值"),
        _CRITERIA("评分标准，如“每发现一处扣0.2分，累计不超过1分”"),
        Col("考核方式", "method", 12, "如 查阅资料、实地检查"),
        _EVIDENCE_COL,
        _DEADLINE("日期或文字"),
        _CHECK_COL,
    ),
    SHEET_ADJUSTMENTS: (
        _ID("加分项 B1、B2 …；减分项 D1、D2 …"),
        Col("类别", "kind", 8, "加分项或减分项", tuple(ADJUSTMENT_KIND_NAMES.values()), required=True),
        Col("显示编号", "label", 8, "文件中的编号（可不填）"),
        Col("内容", "text", 50, "加分或减分的情形", required=True),
        _POINTS("每项加（减）的分值"),
        Col("累计上限", "cap", 8, "累计不超过的分值"),
        _CRITERIA("评分标准"),
        _CHECK_COL,
    ),
    SHEET_UNITS: (
        Col("单位名称", "name", 26, "规范名称，如 县发展和改革局", required=True),
        Col("类别", "kind", 14, "从下拉列表选择", tuple(UNIT_KINDS.values()), required=True),
        Col("别名", "aliases", 30, "文件中的其他写法，如 县发改局；多个用“；”分隔"),
        Col("曾用名", "former_names", 22, "机构改革前的名称，多个用“；”分隔"),
        Col(
            "文件中点名",
            "in_document",
            8,
            "是：文件中点到此单位；否：为让各单位都能找到自己而补充",
            (YES, NO),
        ),
        _NOTE_COL,
        _CHECK_COL,
    ),
    SHEET_COLLECTIVES: (
        Col("名称", "name", 24, "文件中的统称，如 县政府各部门", required=True),
        Col(
            "方式",
            "mode",
            12,
            "全部须作答，或自行选择参与（有关部门）",
            tuple(MODE_NAMES.values()),
            required=True,
        ),
        Col(
            "涵盖单位类别",
            "kinds",
            28,
            f"多个用“；”分隔，可选：{'；'.join(UNIT_KINDS.values())}",
            required=True,
        ),
        Col("别名", "aliases", 26, "其他写法，多个用“；”分隔"),
        _NOTE_COL,
        _CHECK_COL,
    ),
    SHEET_NOTES: (
        Col("位置", "where", 12, "事项编号或“全文”", required=True),
        Col("说明", "note", 80, "转录时的判断", required=True),
    ),
}

# 计划信息: one row per field (项目 | 内容 | 填写说明).
INFO_FIELDS: tuple[tuple[str, str, str, bool], ...] = (
    ("计划编号", "id", "小写字母、数字和连字符，如 shen-2026；同一计划的新版本用同一编号", True),
    ("版本", "version", "如 1.0.0；修改后重新下发时增大，如 1.0.1", True),
    ("标题", "title", "如 莘县2026年法治政府建设工作计划", True),
    ("文号", "doc_number", "如 莘政办发〔2026〕5号", True),
    ("发文机关", "issuer", "如 莘县人民政府办公室", True),
    ("印发日期", "issue_date", "如 2026年3月1日", True),
    ("年度", "year", "如 2026", True),
    ("省", "province", "如 山东省", True),
    ("市", "city", "如 聊城市", True),
    ("县（市、区）", "county", "如 莘县", True),
    ("指标体系名称", "indicator_system_title", "附件指标体系的标题", True),
    ("总分值", "total_points", "指标体系总分（没有可不填）；填写后须等于各一级分值之和", False),
    ("来源", "source", "文本取自何处（可不填）", False),
)

_EXAMPLES: dict[str, dict[str, Any]] = {
    SHEET_TASKS: {
        "id": "T01",
        "section_label": "一、",
        "section_title": "深入学习贯彻习近平法治思想",
        "label": "1.",
        "text": "加强对习近平法治思想的学习宣传和贯彻落实。",
        "lead": "县委宣传部、县司法局",
        "responsible": "县政府各部门",
        "cooperating": "各镇人民政府",
        "deadline": "长期坚持",
    },
    SHEET_INDICATORS: {
        "id": "I01",
        "area_label": "一、",
        "area_title": "政府职能依法全面履行",
        "area_points": 10,
        "heading_label": "（一）",
        "heading_title": "权责清单",
        "heading_points": 4,
        "label": "1",
        "text": "全面实行政府权责清单制度，动态调整。",
        "lead": "县委编办",
        "points": 4,
        "criteria": "未公布的扣2分；未动态调整的扣1分。",
        "method": "查阅资料",
        "evidence": "权责清单；调整文件",
    },
    SHEET_ADJUSTMENTS: {
        "id": "B1",
        "kind": "加分项",
        "text": "法治政府建设工作获得省部级以上表彰的。",
        "points": 1,
        "cap": 2,
    },
    SHEET_UNITS: {
        "name": "县发展和改革局",
        "kind": "政府部门",
        "aliases": "县发改局；县发展和改革委员会",
        "former_names": "县发展计划局",
        "in_document": YES,
    },
    SHEET_COLLECTIVES: {
        "name": "县政府各部门",
        "mode": "全部须作答",
        "kinds": "政府部门",
        "aliases": "县政府各部门（单位）",
    },
}

_HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
_CHECK_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="B7B7B7")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
MAX_ROWS = 2000  # drop-downs and borders reach this far: far beyond any county plan


@dataclass(frozen=True)
class PlanSheets:
    """A plan workbook's content as plain values: 计划信息 by key, and each sheet's rows by column key."""

    info: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]]


def join_names(names: tuple[str, ...] | list[str], sep: str = "、") -> str:
    return sep.join(names)


def _points(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def plan_sheets(plan: Plan) -> PlanSheets:
    """Any plan as workbook content (the export; importing it gives the same catalogue back)."""
    m = plan.meta
    info: dict[str, Any] = {
        "id": m.id,
        "version": m.version,
        "title": m.title,
        "doc_number": m.doc_number,
        "issuer": m.issuer,
        "issue_date": m.issue_date,
        "year": m.year,
        "province": m.province,
        "city": m.city,
        "county": m.county,
        "indicator_system_title": m.indicator_system_title,
        "total_points": _points(plan.total_points),
        "source": m.source,
    }
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}

    def common(item: Any) -> dict[str, Any]:
        return {
            "id": item.id,
            "label": item.label,
            "text": item.text,
            "lead": join_names(item.lead),
            "responsible": join_names(item.responsible),
            "cooperating": join_names(item.cooperating),
            "deadline": item.deadline,
            "points": _points(item.points),
            "criteria": item.criteria,
            "method": item.method,
            "evidence": join_names(item.evidence_required, "；"),
        }

    for s in plan.sections:
        for t in s.tasks:
            rows[SHEET_TASKS].append(common(t) | {"section_label": s.label, "section_title": s.title})
    for a in plan.areas:
        for h in a.headings:
            for i in h.indicators:
                rows[SHEET_INDICATORS].append(
                    common(i)
                    | {
                        "area_label": a.label,
                        "area_title": a.title,
                        "area_points": _points(a.points),
                        "heading_label": h.label,
                        "heading_title": h.title,
                        "heading_points": _points(h.points),
                    }
                )
    for adj in plan.adjustments:
        rows[SHEET_ADJUSTMENTS].append(
            {
                "id": adj.id,
                "kind": ADJUSTMENT_KIND_NAMES[adj.kind],
                "label": adj.label,
                "text": adj.text,
                "points": _points(adj.points),
                "cap": _points(adj.cap),
                "criteria": adj.criteria,
            }
        )
    for u in plan.units:
        rows[SHEET_UNITS].append(
            {
                "name": u.name,
                "kind": UNIT_KINDS[u.kind],
                "aliases": join_names(u.aliases, "；"),
                "former_names": join_names(u.former_names, "；"),
                "in_document": YES if u.in_document else NO,
                "note": u.note,
            }
        )
    for c in plan.collectives:
        rows[SHEET_COLLECTIVES].append(
            {
                "name": c.name,
                "mode": MODE_NAMES[c.mode],
                "kinds": "；".join(UNIT_KINDS[k] for k in c.kinds),
                "aliases": join_names(c.aliases, "；"),
                "note": c.note,
            }
        )
    for n in plan.notes:
        rows[SHEET_NOTES].append({"where": n["where"], "note": n["note"]})
    return PlanSheets(info, rows)


def empty_sheets() -> PlanSheets:
    return PlanSheets({key: "" for _, key, _, _ in INFO_FIELDS}, {name: [] for name in COLUMNS})


def build_workbook(content: PlanSheets, *, with_help: bool = True) -> Workbook:
    wb = Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    if with_help:
        _help_sheet(wb.create_sheet(SHEET_HELP))
    _info_sheet(wb.create_sheet(SHEET_INFO), content.info)
    for name, cols in COLUMNS.items():
        _data_sheet(wb.create_sheet(name), cols, content.rows.get(name, []))
    for ws in wb.worksheets:
        _print_setup(ws)
    wb.active = 0
    wb.properties.title = str(content.info.get("title") or "法治政府建设工作计划模板")
    wb.properties.creator = "fazhi-desktop"
    return wb


def _print_setup(ws: Worksheet) -> None:
    """Printed (or turned into PDF) a sheet fits the paper's width, landscape, its header on every page."""
    ws.page_setup.orientation = "landscape" if ws.title != SHEET_HELP else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.title != SHEET_HELP:
        ws.print_title_rows = "1:1"


def render_workbook(content: PlanSheets, *, with_help: bool = True) -> bytes:
    out = io.BytesIO()
    build_workbook(content, with_help=with_help).save(out)
    return out.getvalue()


def write_workbook(target: Path, content: PlanSheets, *, with_help: bool = True) -> Path:
    """Write the workbook atomically (temp name, fsync, rename): never a half-written file."""
    atomic_write_bytes(Path(target), render_workbook(content, with_help=with_help))
    return Path(target)


def _head(ws: Worksheet, headers: list[str], widths: list[float]) -> None:
    ws.append(headers)
    for i, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A2"


def _info_sheet(ws: Worksheet, info: dict[str, Any]) -> None:
    _head(ws, ["项目", "内容", "填写说明"], [16, 50, 60])
    for label, key, help_text, required in INFO_FIELDS:
        ws.append([label + ("" if required else "（可选）"), info.get(key, ""), help_text])
        for cell in ws[ws.max_row]:
            cell.alignment = _WRAP
            cell.border = _BORDER


def _data_sheet(ws: Worksheet, cols: tuple[Col, ...], rows: list[dict[str, Any]]) -> None:
    _head(ws, [c.header for c in cols], [c.width for c in cols])
    for i, c in enumerate(cols, start=1):
        ws.cell(row=1, column=i).comment = Comment(
            c.help + ("（必填）" if c.required else ""), "fazhi-desktop"
        )
        if c.choices:
            letter = get_column_letter(i)
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(c.choices) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="请从列表中选择",
                error=f"{c.header}只能是：{'、'.join(c.choices)}",
            )
            dv.add(f"{letter}2:{letter}{MAX_ROWS}")
            ws.add_data_validation(dv)
    for row in rows:
        ws.append([_cell_value(row.get(c.key)) for c in cols])
        for i, c in enumerate(cols, start=1):
            cell = ws.cell(row=ws.max_row, column=i)
            cell.alignment = _WRAP
            cell.border = _BORDER
            if c.key == "check" and cell.value:
                cell.fill = _CHECK_FILL
    if any(c.key == "check" for c in cols):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}1"


def _cell_value(value: Any) -> Any:
    if value is None or value == "":
        return None
    return value


def _help_sheet(ws: Worksheet) -> None:
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 110
    lines: list[tuple[str, str]] = [
        (
            "用途",
            "本工作簿用于把一年的法治政府建设工作计划（工作要点）及其指标体系交给“法治政府建设自查”程序。",
        ),
        (
            "",
            "填好后由县司法局用 fazhi-desktop plan import 文件名.xlsx 导入；程序会一次列出所有问题（工作表、行、列）。",
        ),
        ("", "导入后可用 plan sign 签名下发，各单位导入签名后的计划开始新一年的自查。"),
        (
            "填写规则",
            "每个工作表第 1 行是列名，请勿修改、删除或增加列；从第 2 行起每行一项，中间不要留空行。",
        ),
        ("", "不要合并单元格，不要使用公式（需要时请“选择性粘贴 → 数值”）。"),
        (
            "",
            "编号（T01、I01、B1、D1）是事项的固定编号，按顺序连续；文件中的编号（一、（一）1.）写在“编号”旁的列中。",
        ),
        (
            "",
            "单位列（牵头、责任、配合单位）可写多个单位，用“、”分隔；每个名称须出现在“单位名录”（名称、别名或曾用名）或“集合名称”中。",
        ),
        ("", "没有单位的任务（如总体要求）可以导入，但没有单位需要填报它，导入时会提示。"),
        ("", "分值可不填；填写时，各三级指标之和须等于二级分值，各二级分值之和须等于一级分值。"),
        ("", "完成时限写日期（2026年12月31日）或文字（长期坚持、年底前）。"),
        ("", f"“{CHECK}”列是程序起草时没有把握之处；核对改正后请清空该格，否则不能导入。"),
        ("", "请保存为 Excel 工作簿（.xlsx）；WPS 中请选“另存为 → Excel 文件(*.xlsx)”，不要加密码。"),
    ]
    ws.append(["法治政府建设工作计划模板", ""])
    ws["A1"].font = Font(bold=True, size=14)
    for a, b in lines:
        ws.append([a, b])
    for name, example in _EXAMPLES.items():
        ws.append(["", ""])
        ws.append([f"示例：{name}", "（此示例只作说明，请在“" + name + "”工作表中填写）"])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        for col in COLUMNS[name]:
            if col.key == "check":
                continue
            value = example.get(col.key, "")
            need = "（必填）" if col.required else ""
            ws.append([col.header, f"{value}　—　{col.help}{need}" if value != "" else f"{col.help}{need}"])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = _WRAP
