"""Reading a plan workbook back: every problem at once, in the user's terms; nothing unless all is sound.

A problem names the sheet, the row and the column as the person sees them in WPS or Excel
(`工作任务 第17行 牵头单位：“县发改委x”不在单位名录中；您是不是要找：县发展和改革局`). The workbook becomes a
`fazhi-plan/2` document, which the ordinary loader then checks once more, so a plan imported from Excel obeys
exactly the rules of one written as JSON.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from fazhi_desktop.catalogue.assign import match_key, suggest_units
from fazhi_desktop.catalogue.loader import FORMAT_2, parse_plan, points_problems
from fazhi_desktop.catalogue.model import UNIT_KINDS, Collective, Plan, PlanMeta, Unit
from fazhi_desktop.catalogue.plan_workbook import (
    ADJUSTMENT_KIND_NAMES,
    ALIAS_SEPARATORS,
    CHECK,
    COLUMNS,
    INFO_FIELDS,
    LIST_SEPARATORS,
    MODE_NAMES,
    NO,
    REQUIRED_SHEETS,
    SHEET_ADJUSTMENTS,
    SHEET_COLLECTIVES,
    SHEET_INDICATORS,
    SHEET_INFO,
    SHEET_NOTES,
    SHEET_TASKS,
    SHEET_UNITS,
    YES,
    Col,
)
from fazhi_desktop.dates import parse_user_date
from fazhi_desktop.errors import BadDate, CatalogueError
from fazhi_desktop.sizes import format_size

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024  # a county plan's workbook is well under 1 MB
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # what the .xlsx (a zip) may hold once unpacked
MAX_LISTED = 300  # problems listed one by one; beyond this only their number
_KIND_BY_NAME = {v: k for k, v in UNIT_KINDS.items()} | {k: k for k in UNIT_KINDS}
_MODE_BY_NAME = {v: k for k, v in MODE_NAMES.items()} | {"all": "all", "optional": "optional"}
_ADJ_BY_NAME = {v: k for k, v in ADJUSTMENT_KIND_NAMES.items()} | {"加分": "bonus", "减分": "deduction"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = (
            self.sheet + (f" 第{self.row}行" if self.row else "") + (f" {self.column}" if self.column else "")
        )
        return f"{where}：{self.message}" if where else self.message


class PlanImportError(CatalogueError):
    """The file cannot be imported; `problems` lists every reason found."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        shown = [str(p) for p in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            shown.append(f"……另有 {len(problems) - MAX_LISTED} 处问题未列出")
        super().__init__(f"{source} 有 {len(problems)} 处问题，未导入任何内容：\n" + "\n".join(shown))
        self.problems = problems

    @classmethod
    def whole(cls, source: str, message: str) -> PlanImportError:
        """One problem with the file as a whole (not a sheet, row or cell)."""
        return cls(source, [Problem("", None, None, message)])


# --- the file itself ------------------------------------------------------------------------------
def refuse_unreadable(path: Path, raw: bytes) -> None:
    """Clear words for what is not an .xlsx workbook: old formats, WPS files, encrypted, too large."""
    name = path.name
    suffix = path.suffix.lower()
    if len(raw) > MAX_WORKBOOK_BYTES:
        raise PlanImportError.whole(
            name,
            f"文件过大（{format_size(len(raw))}），超过计划工作簿的上限 {format_size(MAX_WORKBOOK_BYTES)}；"
            "计划工作簿一般不到 1 MB，请删除工作表中无关的内容（图片、大量空行或格式）后再导入",
        )
    if raw.startswith(_OLE2):
        if "EncryptionInfo".encode("utf-16-le") in raw or "EncryptedPackage".encode("utf-16-le") in raw:
            message = "工作簿设置了打开密码，程序无法读取；请在 WPS 或 Excel 中取消密码（文件 → 加密/保护工作簿）后另存再导入"
        elif suffix in (".et", ".ett"):
            message = "这是 WPS 表格（.et）格式；请在 WPS 中“另存为 → Excel 文件(*.xlsx)”后再导入"
        else:
            message = "这是旧版 Excel 97-2003 工作簿（.xls）格式；请在 WPS 或 Excel 中“另存为 → Excel 工作簿(*.xlsx)”后再导入"
        raise PlanImportError.whole(name, message)
    if suffix in (".xls", ".et", ".ett"):
        raise PlanImportError.whole(name, f"不支持 {suffix} 文件；请另存为 Excel 工作簿（.xlsx）后再导入")
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise PlanImportError.whole(name, "不是 Excel 工作簿（.xlsx），也不是计划文件（.json）")
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        names = zf.namelist()
        if "xl/workbook.xml" not in names:
            what = "Word 文档" if "word/document.xml" in names else "其他压缩文件"
            raise PlanImportError.whole(name, f"这是{what}，不是 Excel 工作簿（.xlsx）")
        unpacked = sum(i.file_size for i in zf.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise PlanImportError.whole(
                name,
                f"工作簿解压后过大（{format_size(unpacked)}），超过上限 {format_size(MAX_UNPACKED_BYTES)}；"
                "请删除无关内容后再导入",
            )


# --- cells -----------------------------------------------------------------------------------------
def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """`县委宣传部、各县(市、区)人民政府` → two names: a separator inside brackets does not split."""
    parts, buf, depth = [], "", 0
    for ch in text:
        if ch in "（(〔[【":
            depth += 1
        elif ch in "）)〕]】":
            depth = max(0, depth - 1)
        if ch in separators and depth == 0:
            parts.append(buf)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    return [p.strip() for p in parts if p.strip()]


def split_names(text: str, known: set[str]) -> list[str]:
    """Unit names in a cell; pieces rejoin with 、 where together they spell a known name
    (`各镇人民政府、街道办事处` is one collective name)."""
    pieces = split_outside_brackets(text, LIST_SEPARATORS)
    keys = {match_key(k) for k in known}
    out: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i + 1, -1):
            joined = "、".join(pieces[i:j])
            if match_key(joined) in keys:
                out.append(joined)
                i = j
                break
        else:
            out.append(pieces[i])
            i += 1
    return out


class _Sheet:
    """One data sheet read into rows of text by column key, remembering each row's number."""

    def __init__(self, ws: Worksheet, cols: tuple[Col, ...], problems: list[Problem]) -> None:
        self.name = ws.title
        self.problems = problems
        self.rows: list[tuple[int, dict[str, Any]]] = []
        for rng in ws.merged_cells.ranges:
            self.fail(None, None, f"{rng.coord} 是合并单元格；请取消合并，并在每一行填写完整")
        header = [_text(c.value) for c in ws[1]] if ws.max_row >= 1 else []
        by_header = {c.header: c for c in cols}
        self.index: dict[int, Col] = {}
        for i, h in enumerate(header):
            if not h:
                continue
            col = by_header.get(h)
            if col is None:
                self.fail(
                    1, f"第{i + 1}列", f"“{h}”不是模板中的列；请删除此列（可用的列：{'、'.join(by_header)}）"
                )
            elif col in self.index.values():
                self.fail(1, f"第{i + 1}列", f"“{h}”列重复")
            else:
                self.index[i] = col
        for col in cols:
            if col.required and col not in self.index.values():
                self.fail(1, None, f"缺少“{col.header}”列")
        blank_since: int | None = None
        for r, row in enumerate(ws.iter_rows(min_row=2), start=2):
            values: dict[str, Any] = {}
            nonblank = False
            for i, cell in enumerate(row):
                if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
                    continue
                nonblank = True
                col = self.index.get(i)
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
                    where = col.header if col else f"第{i + 1}列"
                    self.fail(r, where, "是公式；请改为直接填写内容（复制后“选择性粘贴 → 数值”）")
                    continue
                if col is None:
                    if header and i < len(header) and header[i]:
                        continue  # already reported as an extra column
                    self.fail(r, f"第{i + 1}列", "此列没有列名，是多出的列；请删除")
                    continue
                values[col.key] = cell.value
            if not nonblank:
                if blank_since is None:
                    blank_since = r
                continue
            if blank_since is not None:
                gap = f"第{blank_since}行" + (f"至第{r - 1}行" if r - 1 > blank_since else "")
                self.fail(None, None, f"{gap}是空行，其后还有内容；请删除中间的空行")
                blank_since = None
            self.rows.append((r, values))

    def fail(self, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.name, row, column, message))


@dataclass
class _Ctx:
    problems: list[Problem]
    known: set[str]
    lookup: Plan | None = None


def _points(sheet: _Sheet, r: int, col: str, value: Any) -> float | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        try:
            number = float(_text(value).removesuffix("分"))
        except ValueError:
            sheet.fail(r, col, f"“{_text(value)}”不是数字")
            return None
    if number < 0:
        sheet.fail(r, col, f"分值 {number:g} 不能小于 0")
        return None
    return round(number, 2)


def _deadline(sheet: _Sheet, r: int, value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _text(value)
    try:
        return parse_user_date(text, "完成时限").isoformat()
    except BadDate as exc:
        if exc.unreadable:  # not a date at all: a deadline in words (长期坚持, 年底前 …)
            return text
        sheet.fail(r, None, f"{exc.message}（也可写 长期坚持 之类的文字）")
        return ""


def _names(ctx: _Ctx, sheet: _Sheet, r: int, col: Col, value: Any) -> list[str]:
    names = split_names(_text(value), ctx.known)
    keys = {match_key(k) for k in ctx.known}
    for name in names:
        if match_key(name) in keys:
            continue
        hint = ""
        if ctx.lookup is not None:
            found = suggest_units(ctx.lookup, name, limit=3)
            hint = f"；您是不是要找：{'、'.join(found)}" if found else ""
        sheet.fail(r, col.header, f"“{name}”不在单位名录中，也不是集合名称{hint}")
    return names


def _canonical_spelling(ctx: _Ctx, names: list[str]) -> list[str]:
    """Names as written, except that spacing and bracket width follow the directory's spelling."""
    by_key: dict[str, str] = {}
    for k in sorted(ctx.known):
        by_key.setdefault(match_key(k), k)
    return [n if n in ctx.known else by_key.get(match_key(n), n) for n in names]


def _check_cell(sheet: _Sheet, r: int, values: dict[str, Any]) -> None:
    if _text(values.get("check")):
        sheet.fail(r, CHECK, f"尚待核对（{_text(values['check'])}）；核对改正后请清空此格")


def _named_rows(sheet: _Sheet, label: str) -> Iterator[tuple[int, dict[str, Any], str]]:
    """(row number, values, name) of each row with a name; a row without one is a problem, and skipped."""
    for r, v in sheet.rows:
        _check_cell(sheet, r, v)
        name = _text(v.get("name"))
        if name:
            yield r, v, name
        else:
            sheet.fail(r, label, "未填写")


# --- the sheets --------------------------------------------------------------------------------------
def _info(ws: Worksheet, problems: list[Problem]) -> dict[str, Any]:
    labels = {label: (key, required) for label, key, _, required in INFO_FIELDS}
    seen: dict[str, Any] = {}
    for r, row in enumerate(ws.iter_rows(min_row=2), start=2):
        label = _text(row[0].value).removesuffix("（可选）") if row else ""
        if not label:
            continue
        if label not in labels:
            problems.append(Problem(SHEET_INFO, r, "项目", f"“{label}”不是计划信息中的项目"))
            continue
        cell = row[1] if len(row) > 1 else None
        if cell is not None and cell.data_type == "f":
            problems.append(Problem(SHEET_INFO, r, "内容", "是公式；请改为直接填写内容"))
            continue
        seen[labels[label][0]] = (r, cell.value if cell is not None else None)
    info: dict[str, Any] = {}
    for label, key, _, required in INFO_FIELDS:
        r, value = seen.get(key, (None, None))
        text = _text(value)
        if not text:
            if required:
                problems.append(Problem(SHEET_INFO, r, label, "未填写"))
            continue
        if key == "issue_date":
            try:
                day = value.date() if isinstance(value, dt.datetime) else parse_user_date(text, "印发日期")
            except BadDate as exc:
                problems.append(Problem(SHEET_INFO, r, None, exc.message))
                continue
            text = day.isoformat()
        if key == "year":
            if not re.fullmatch(r"\d{4}", text.removesuffix("年")):
                problems.append(Problem(SHEET_INFO, r, label, f"“{text}”不是年份（如 2026）"))
                continue
            info[key] = int(text.removesuffix("年"))
            continue
        if key == "id" and not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,40}", text):
            problems.append(
                Problem(SHEET_INFO, r, label, f"“{text}”应由小写字母、数字和连字符组成，如 shen-2026")
            )
            continue
        if key == "total_points":
            try:
                info[key] = round(float(text), 2)
            except ValueError:
                problems.append(Problem(SHEET_INFO, r, label, f"“{text}”不是数字"))
            continue
        info[key] = text
    return info


def _units(sheet: _Sheet, problems: list[Problem]) -> list[dict[str, Any]]:
    out = []
    for r, v, name in _named_rows(sheet, "单位名称"):
        kind_text = _text(v.get("kind"))
        kind = _KIND_BY_NAME.get(kind_text)
        if kind is None:
            sheet.fail(r, "类别", f"“{kind_text}”不是单位类别，可选：{'、'.join(UNIT_KINDS.values())}")
        in_doc = _text(v.get("in_document")) or YES
        if in_doc not in (YES, NO):
            sheet.fail(r, "文件中点名", f"应填“是”或“否”，不是“{in_doc}”")
        unit: dict[str, Any] = {
            "name": name,
            "kind": kind or "other",
            "aliases": split_outside_brackets(_text(v.get("aliases")), ALIAS_SEPARATORS),
            "in_document": in_doc != NO,
            "_row": r,
        }
        former = split_outside_brackets(_text(v.get("former_names")), ALIAS_SEPARATORS)
        if former:
            unit["former_names"] = former
        if _text(v.get("note")):
            unit["note"] = _text(v.get("note"))
        out.append(unit)
    return out


def _collectives(sheet: _Sheet) -> list[dict[str, Any]]:
    out = []
    for r, v, name in _named_rows(sheet, "名称"):
        mode = _MODE_BY_NAME.get(_text(v.get("mode")))
        if mode is None:
            sheet.fail(r, "方式", f"应为“全部须作答”或“自行选择参与”，不是“{_text(v.get('mode'))}”")
        kinds = []
        for k in split_outside_brackets(_text(v.get("kinds")), "；;\n，,"):
            if k not in _KIND_BY_NAME:
                sheet.fail(r, "涵盖单位类别", f"“{k}”不是单位类别，可选：{'；'.join(UNIT_KINDS.values())}")
            else:
                kinds.append(_KIND_BY_NAME[k])
        if not kinds and _text(v.get("kinds")) == "":
            sheet.fail(r, "涵盖单位类别", "未填写")
        c: dict[str, Any] = {
            "name": name,
            "mode": mode or "all",
            "kinds": kinds,
            "aliases": split_outside_brackets(_text(v.get("aliases")), ALIAS_SEPARATORS),
            "_row": r,
        }
        if _text(v.get("note")):
            c["note"] = _text(v.get("note"))
        out.append(c)
    return out


def _unique_names(
    units_sheet: _Sheet | None,
    coll_sheet: _Sheet | None,
    units: list[dict[str, Any]],
    colls: list[dict[str, Any]],
) -> set[str]:
    seen: dict[str, str] = {}
    for sheet, entries in ((units_sheet, units), (coll_sheet, colls)):
        for e in entries:
            for n in (e["name"], *e["aliases"], *e.get("former_names", ())):
                where = f"{sheet.name if sheet else ''}第{e['_row']}行"
                if match_key(n) in seen and seen[match_key(n)] != where and sheet is not None:
                    sheet.fail(e["_row"], None, f"名称“{n}”与{seen[match_key(n)]}重复")
                seen.setdefault(match_key(n), where)
    return {n for e in units + colls for n in (e["name"], *e["aliases"], *e.get("former_names", ()))}


def _item_common(ctx: _Ctx, sheet: _Sheet, r: int, v: dict[str, Any]) -> dict[str, Any]:
    d: dict[str, Any] = {"text": _text(v.get("text"))}
    if not d["text"]:
        sheet.fail(
            r,
            "任务内容"
            if sheet.name == SHEET_TASKS
            else "内容"
            if sheet.name == SHEET_ADJUSTMENTS
            else "三级指标",
            "未填写",
        )
    cols = {c.key: c for c in COLUMNS[sheet.name]}
    for key in ("lead", "responsible", "cooperating"):
        if key in cols and _text(v.get(key)):
            d[key] = _canonical_spelling(ctx, _names(ctx, sheet, r, cols[key], v.get(key)))
    if _text(v.get("label")):
        d["label"] = _text(v.get("label"))
    if "deadline" in cols and v.get("deadline") is not None:
        deadline = _deadline(sheet, r, v.get("deadline"))
        if deadline:
            d["deadline"] = deadline
    points = _points(sheet, r, "分值", v.get("points"))
    if points is not None:
        d["points"] = points
    for key in ("criteria", "method"):
        if _text(v.get(key)):
            d[key] = _text(v.get(key))
    evidence = split_outside_brackets(_text(v.get("evidence")), ALIAS_SEPARATORS)
    if evidence:
        d["evidence"] = evidence
    return d


def _ids(sheet: _Sheet, r: int, raw: Any, letter: str, expected: int, seen: dict[str, int]) -> str:
    item_id = _text(raw).upper()
    want = f"{letter}{expected:02d}"
    if not item_id:
        sheet.fail(r, "编号", f"未填写（按顺序应为 {want}）")
        return want
    if item_id in seen:
        sheet.fail(r, "编号", f"{item_id} 与第{seen[item_id]}行重复")
    elif item_id != want:
        sheet.fail(r, "编号", f"应为 {want}（编号须从 {letter}01 起按顺序连续），不是 {item_id}")
    seen[item_id] = r
    return item_id


def _grouped(sheet: _Sheet, r: int, title: str, order: list[str], column: str) -> bool:
    """Whether `title` opens a new group; a title seen before but not just now is an error."""
    if order and order[-1] == title:
        return False
    if title in order:
        sheet.fail(r, column, f"“{title}”在前面已出现过，同一{column}的各行须连续排列")
    order.append(title)
    return True


def _tasks(ctx: _Ctx, sheet: _Sheet) -> list[dict[str, Any]]:
    sections: list[dict[str, Any]] = []
    order: list[str] = []
    seen: dict[str, int] = {}
    for n, (r, v) in enumerate(sheet.rows, start=1):
        _check_cell(sheet, r, v)
        title = _text(v.get("section_title"))
        if not title:
            sheet.fail(r, "部分标题", "未填写")
            title = sections[-1]["title"] if sections else "（未填写）"
        if _grouped(sheet, r, title, order, "部分标题") or not sections:
            section: dict[str, Any] = {"number": len(sections) + 1, "title": title, "tasks": []}
            if _text(v.get("section_label")):
                section["label"] = _text(v.get("section_label"))
            sections.append(section)
        item_id = _ids(sheet, r, v.get("id"), "T", n, seen)
        sections[-1]["tasks"].append({"id": item_id, "number": n} | _item_common(ctx, sheet, r, v))
    return sections


def _same_points(sheet: _Sheet, r: int, column: str, group: dict[str, Any], value: float | None) -> None:
    if value is None:
        return
    if "points" not in group:
        group["points"] = value
    elif group["points"] != value:
        sheet.fail(r, column, f"{value:g} 与本组前面各行的 {group['points']:g} 不一致")


def _indicators(ctx: _Ctx, sheet: _Sheet) -> list[dict[str, Any]]:
    areas: list[dict[str, Any]] = []
    area_order: list[str] = []
    heading_order: list[str] = []
    seen: dict[str, int] = {}
    for n, (r, v) in enumerate(sheet.rows, start=1):
        _check_cell(sheet, r, v)
        a_title, h_title = _text(v.get("area_title")), _text(v.get("heading_title"))
        if not a_title:
            sheet.fail(r, "一级指标", "未填写")
            a_title = areas[-1]["title"] if areas else "（未填写）"
        if not h_title:
            sheet.fail(r, "二级指标", "未填写")
            h_title = areas[-1]["headings"][-1]["title"] if areas and areas[-1]["headings"] else "（未填写）"
        if _grouped(sheet, r, a_title, area_order, "一级指标") or not areas:
            area: dict[str, Any] = {"number": len(areas) + 1, "title": a_title, "headings": []}
            if _text(v.get("area_label")):
                area["label"] = _text(v.get("area_label"))
            areas.append(area)
            heading_order = []
        area = areas[-1]
        _same_points(sheet, r, "一级分值", area, _points(sheet, r, "一级分值", v.get("area_points")))
        if _grouped(sheet, r, h_title, heading_order, "二级指标") or not area["headings"]:
            heading: dict[str, Any] = {
                "number": len(area["headings"]) + 1,
                "title": h_title,
                "indicators": [],
            }
            if _text(v.get("heading_label")):
                heading["label"] = _text(v.get("heading_label"))
            area["headings"].append(heading)
        heading = area["headings"][-1]
        _same_points(sheet, r, "二级分值", heading, _points(sheet, r, "二级分值", v.get("heading_points")))
        item_id = _ids(sheet, r, v.get("id"), "I", n, seen)
        heading["indicators"].append({"id": item_id, "number": n} | _item_common(ctx, sheet, r, v))
    return areas


def _adjustments(ctx: _Ctx, sheet: _Sheet) -> list[dict[str, Any]]:
    out = []
    seen: dict[str, int] = {}
    counts = {"bonus": 0, "deduction": 0}
    for r, v in sheet.rows:
        _check_cell(sheet, r, v)
        kind = _ADJ_BY_NAME.get(_text(v.get("kind")))
        if kind is None:
            sheet.fail(r, "类别", f"应为“加分项”或“减分项”，不是“{_text(v.get('kind'))}”")
            continue
        counts[kind] += 1
        letter = "B" if kind == "bonus" else "D"
        item_id = _text(v.get("id")).upper()
        want = f"{letter}{counts[kind]}"
        if item_id in seen:
            sheet.fail(r, "编号", f"{item_id} 与第{seen[item_id]}行重复")
        elif item_id != want:
            sheet.fail(
                r, "编号", f"应为 {want}（{ADJUSTMENT_KIND_NAMES[kind]}按顺序编号），不是 {item_id or '空'}"
            )
        seen[item_id] = r
        d = {"id": want, "kind": kind, "number": counts[kind]} | _item_common(ctx, sheet, r, v)
        cap = _points(sheet, r, "累计上限", v.get("cap"))
        if cap is not None:
            d["cap"] = cap
        out.append(d)
    return out


def _notes(sheet: _Sheet | None) -> list[dict[str, str]]:
    if sheet is None:
        return []
    return [{"where": _text(v.get("where")), "note": _text(v.get("note"))} for _, v in sheet.rows]


def _lookup_plan(units: list[dict[str, Any]], colls: list[dict[str, Any]]) -> Plan:
    """A plan holding only the directory, so that the usual name matching can suggest spellings."""
    meta = PlanMeta("x", "0", "", "", "", "2000-01-01", 2000, "", "", "", "")
    return Plan(
        meta,
        (),
        (),
        (),
        tuple(
            Unit(u["name"], u["kind"], tuple(u["aliases"]), former_names=tuple(u.get("former_names", ())))
            for u in units
        ),
        tuple(Collective(c["name"], c["mode"], tuple(c["kinds"]), tuple(c["aliases"])) for c in colls),
    )


def workbook_document(raw: bytes, source: str) -> dict[str, Any]:
    """The `fazhi-plan/2` document a workbook describes; `PlanImportError` listing every problem."""
    refuse_unreadable(Path(source), raw)
    try:
        wb = load_workbook(io.BytesIO(raw), data_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged file; the reason is kept
        raise PlanImportError.whole(
            Path(source).name, f"工作簿已损坏，无法读取（{type(exc).__name__}）"
        ) from exc
    problems: list[Problem] = []
    for name in REQUIRED_SHEETS:
        if name not in wb.sheetnames:
            problems.append(Problem(name, None, None, "缺少此工作表（请使用 plan template 生成的模板）"))
    if problems:
        raise PlanImportError(Path(source).name, problems)
    sheets = {name: _Sheet(wb[name], COLUMNS[name], problems) for name in COLUMNS if name in wb.sheetnames}
    info = _info(wb[SHEET_INFO], problems)
    units = _units(sheets[SHEET_UNITS], problems)
    colls = _collectives(sheets[SHEET_COLLECTIVES])
    known = _unique_names(sheets[SHEET_UNITS], sheets[SHEET_COLLECTIVES], units, colls)
    ctx = _Ctx(problems, known, _lookup_plan(units, colls))
    doc: dict[str, Any] = {
        "format": FORMAT_2,
        "plan": {k: v for k, v in info.items() if k != "total_points"},
        "units": [{k: v for k, v in u.items() if k != "_row"} for u in units],
        "collectives": [{k: v for k, v in c.items() if k != "_row"} for c in colls],
        "sections": _tasks(ctx, sheets[SHEET_TASKS]),
        "areas": _indicators(ctx, sheets[SHEET_INDICATORS]),
        "adjustments": _adjustments(ctx, sheets[SHEET_ADJUSTMENTS]),
        "notes": _notes(sheets.get(SHEET_NOTES)),
    }
    if "total_points" in info:
        doc["total_points"] = info["total_points"]
    if problems:
        raise PlanImportError(Path(source).name, problems)
    return doc


def document_bytes(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def plan_from_workbook(raw: bytes, source: str) -> tuple[Plan, bytes]:
    """The plan a workbook holds and the catalogue bytes to keep; every problem at once otherwise."""
    doc = workbook_document(raw, source)
    data = document_bytes(doc)
    try:
        plan = parse_plan(data, source=Path(source).name, check_points=False)
    except CatalogueError as exc:
        raise PlanImportError.whole(Path(source).name, exc.message) from exc
    sums = points_problems(plan)
    if sums:
        raise PlanImportError(Path(source).name, [Problem(SHEET_INDICATORS, None, "分值", s) for s in sums])
    return plan, data
