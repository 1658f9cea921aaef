"""The county 汇总表 (xlsx), from verified data only: per unit, per item, per section/area, missing units,
and the files not taken in. Sheets are laid out as the unit's workbook (reports/xlsx.py)."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from fazhi_desktop.fsutil import atomic_write_bytes
from fazhi_desktop.reports.xlsx import Column, fill_sheet
from fazhi_desktop.review import received
from fazhi_desktop.review.picture import ADJUSTMENTS, Picture, UnitFigures
from fazhi_desktop.review.received import STANDING_NAMES
from fazhi_desktop.review.scoring import result_class
from fazhi_desktop.review.store import ReviewStore

SUMMARY_SHEETS = ("说明", "单位汇总", "事项汇总", "分项汇总", "未提交单位", "未采用的上报包")


def _count(u: UnitFigures, klass: str) -> int:
    return sum(
        n for result, n in u.results.items() if result_class(result) == klass and result not in ("有", "无")
    )


# The three result classes, as every sheet heads them (widths fit the longest heading).
_CLASS_HEADINGS = (
    ("good", "已完成/达标", 9),
    ("partial", "部分完成/基本达标", 11),
    ("bad", "未完成/未达标", 10),
)


def _class_columns(count: Callable[[Any, str], Any]) -> list[Column]:
    """One column per result class; `count(row, klass)` gives the cell."""

    def column(klass: str, heading: str, width: int) -> Column:
        return Column(heading, width, lambda r: count(r, klass), center=True)

    return [column(*h) for h in _CLASS_HEADINGS]


def _unit_columns(p: Picture) -> list[Column]:
    cols = [
        Column("排名", 6, lambda u: u.rank, center=True),
        Column("单位", 26, lambda u: u.unit_name),
        Column("类别", 12, lambda u: u.kind_name, center=True),
        Column("提交", 6, lambda u: "已提交", center=True),
        Column("版本", 7, lambda u: f"第{u.sequence}版", center=True),
        Column("应答事项", 8, lambda u: u.answered, center=True),
        Column("填报完成率", 9, lambda u: u.percent / 100, center=True, number_format="0%"),
        *_class_columns(_count),
        Column("未判定", 7, lambda u: u.results.get("未判定", 0), center=True),
    ]
    if p.has_points:
        cols += [
            Column("自评分", 8, lambda u: u.self_score, center=True, number_format="0.0"),
            Column("审核得分", 8, lambda u: u.review_score, center=True, number_format="0.0"),
        ]
    else:
        cols += [
            Column("自评分", 8, lambda u: "无分值", center=True),
            Column("审核得分", 8, lambda u: "无分值", center=True),
            Column("完成/达标占比", 10, lambda u: round(u.index, 1), center=True, number_format="0.0"),
        ]
    cols.append(Column("等次", 7, lambda u: u.grade, center=True))
    return cols


def _item_rows(p: Picture) -> list[dict[str, Any]]:
    rows = []
    for item in p.items:
        cells = [u.cells[item.id] for u in p.units if item.id in u.cells]
        klass = Counter(c.klass for c in cells)
        rows.append(
            {
                "id": item.id,
                "kind": item.kind_name,
                "title": item.short_title,
                "answered": len(cells),
                "good": klass["good"] if item.kind not in ADJUSTMENTS else None,
                "partial": klass["partial"] if item.kind not in ADJUSTMENTS else None,
                "bad": klass["bad"] if item.kind not in ADJUSTMENTS else None,
                "yes": sum(1 for c in cells if c.result == "有") if item.kind in ADJUSTMENTS else None,
                "none": klass["none"] if item.kind not in ADJUSTMENTS else None,
                "returned": sum(1 for c in cells if c.verdict == "退回修改"),
            }
        )
    return rows


def _group_rows(p: Picture) -> list[dict[str, Any]]:
    groups: dict[tuple[str, int], dict[str, Any]] = {}
    for item in p.items:
        if item.kind in ADJUSTMENTS:
            continue
        key = ("工作计划" if item.kind == "task" else "指标体系", item.group_number)
        g = groups.setdefault(
            key, {"part": key[0], "number": key[1], "title": item.group_title, "n": 0, "k": Counter()}
        )
        for u in p.units:
            if item.id in u.cells:
                g["n"] += 1
                g["k"][u.cells[item.id].klass] += 1
    out = []
    for g in groups.values():
        n = g["n"]
        out.append({**g, "good_share": g["k"]["good"] / n if n else None})
    return out


_NOTE_COLUMNS = [Column("项目", 24, lambda r: r[0]), Column("内容", 80, lambda r: r[1])]
_ITEM_COLUMNS = [
    Column("编号", 6, lambda r: r["id"], center=True),
    Column("类别", 8, lambda r: r["kind"], center=True),
    Column("事项", 36, lambda r: r["title"]),
    Column("作答单位数", 9, lambda r: r["answered"], center=True),
    *_class_columns(lambda r, klass: r[klass]),
    Column("未判定", 7, lambda r: r["none"], center=True),
    Column("加减分项“有”", 9, lambda r: r["yes"], center=True),
    Column("退回修改", 8, lambda r: r["returned"], center=True),
]
_GROUP_COLUMNS = [
    Column("部分", 10, lambda r: r["part"], center=True),
    Column("序号", 6, lambda r: r["number"], center=True),
    Column("名称", 36, lambda r: r["title"]),
    Column("作答次数", 8, lambda r: r["n"], center=True),
    *_class_columns(lambda r, klass: r["k"][klass]),
    Column("完成/达标占比", 10, lambda r: r["good_share"], center=True, number_format="0%"),
]
_MISSING_COLUMNS = [
    Column("单位", 28, lambda r: r[0]),
    Column("类别", 14, lambda r: r[1], center=True),
    Column("说明", 40, lambda r: r[2]),
]
_NOT_TAKEN_COLUMNS = [
    Column("文件", 40, lambda r: r[0]),
    Column("单位", 20, lambda r: r[1] or ""),
    Column("原因代码", 14, lambda r: r[2]),
    Column("原因", 60, lambda r: r[3]),
]


def build_summary(store: ReviewStore, p: Picture) -> Workbook:
    bureau = store.require_bureau()
    wb = Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    head = f"{bureau.name} {p.plan.meta.title} 汇总表"
    stats = p.stats()
    notes: list[tuple[str, Any]] = [
        ("计划", f"{p.plan.meta.title}（{p.plan.meta.doc_number}）"),
        ("期间", bureau.period_label),
        ("应报单位", len(p.expected)),
        ("已提交并计入", len(p.units)),
        ("未提交", len(p.missing)),
        ("未登记密钥（可查看，不计入）", len(p.unregistered)),
        ("等次与排名依据", p.basis),
        ("数据来源", "仅计入核验通过、签名密钥已登记的各单位现行版本上报包"),
    ]
    if stats:
        label = "审核得分（百分制）" if p.has_points else "完成/达标占比（%）"
        notes += [
            (f"{label}最高", stats["max"]),
            (f"{label}最低", stats["min"]),
            (f"{label}平均", stats["mean"]),
        ]
    unregistered = {u for u, _, _ in p.unregistered}
    missing = [
        (name, kind_name, "收到的上报包签名密钥未登记，未计入" if name in unregistered else "未提交")
        for name, kind_name in ((n, _kind_name(k)) for n, k in p.missing)
    ]
    not_taken = received.quarantined(store.db) + [
        (p.source_path, p.unit_name, p.standing, STANDING_NAMES[p.standing])
        for p in received.packages(store.db, in_round=bureau.round)
        if p.standing in ("unregistered", "late")
    ]
    sheets: list[tuple[list[Column], Sequence[Any]]] = [
        (_NOTE_COLUMNS, notes),
        (_unit_columns(p), p.units),
        (_ITEM_COLUMNS, _item_rows(p)),
        (_GROUP_COLUMNS, _group_rows(p)),
        (_MISSING_COLUMNS, missing),
        (_NOT_TAKEN_COLUMNS, not_taken),
    ]
    for name, (columns, rows) in zip(SUMMARY_SHEETS, sheets, strict=True):
        fill_sheet(wb.create_sheet(name), columns, rows, f"{head} {name}")
    props = wb.properties
    props.title = head
    props.creator = bureau.name
    return wb


def _kind_name(kind: str) -> str:
    from fazhi_desktop.catalogue.model import UNIT_KINDS

    return UNIT_KINDS.get(kind, kind)


def write_summary(store: ReviewStore, p: Picture, out: Path) -> Path:
    buffer = io.BytesIO()
    build_summary(store, p).save(buffer)
    atomic_write_bytes(Path(out), buffer.getvalue())
    return Path(out)
