"""Read and validate a plan catalogue file; every error names the file, the JSON path and the problem.

Two major versions are read: `fazhi-plan/1` (the shipped 2021 plan and the periods pinned to it) and
`fazhi-plan/2` (配合单位, display labels, deadlines, points, criteria, evidence requirements, former unit
names). A minor version (`fazhi-plan/2.1`) only adds optional keys, so it is read as its major.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fazhi_desktop.catalogue.model import (
    UNIT_KINDS,
    Area,
    Collective,
    Heading,
    Item,
    ItemKind,
    Plan,
    PlanMeta,
    Section,
    Unit,
)
from fazhi_desktop.errors import CatalogueError, describe_os_error

FORMAT = "fazhi-plan/1"
FORMAT_2 = "fazhi-plan/2"
KNOWN_MAJORS = (1, 2)
_FORMAT_RE = re.compile(r"^fazhi-plan/(\d+)(?:\.(\d+))?$")
# 完成时限 as text: what plans write instead of a date.
DEADLINE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_META_FIELDS = (
    "id",
    "version",
    "title",
    "doc_number",
    "issuer",
    "issue_date",
    "year",
    "province",
    "city",
    "county",
    "indicator_system_title",
)


class _Reader:
    """Walks the parsed JSON, keeping the path so errors can say where they are."""

    def __init__(self, source: str, version: int = 1) -> None:
        self.source = source
        self.version = version

    @property
    def v2(self) -> bool:
        return self.version >= 2

    def points(self, parent: dict[str, Any], key: str, path: str) -> float | None:
        """An optional 分值: a non-negative number, kept to two decimals (0.2, 1.5, 100)."""
        if not self.v2 or parent.get(key) is None:
            return None
        value = parent[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise self.fail(f"{path}.{key}", "分值应为不小于 0 的数")
        return round(float(value), 2)

    def label(self, parent: dict[str, Any], path: str) -> str:
        return self.text(parent, "label", path, required=False) if self.v2 else ""

    def fail(self, path: str, problem: str) -> CatalogueError:
        return CatalogueError(f"计划文件 {self.source} 有误：位置 {path}：{problem}")

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "应为对象（{…}）")
        return value

    def arr(self, parent: dict[str, Any], key: str, path: str, *, required: bool = True) -> list[Any]:
        if key not in parent:
            if required:
                raise self.fail(f"{path}.{key}", "缺少此项")
            return []
        value = parent[key]
        if not isinstance(value, list):
            raise self.fail(f"{path}.{key}", "应为数组（[…]）")
        return value

    def each(
        self, parent: dict[str, Any], key: str, path: str, *, required: bool = True
    ) -> Iterator[tuple[dict[str, Any], str]]:
        """The objects of the array `parent[key]`, each with its path."""
        for i, value in enumerate(self.arr(parent, key, path, required=required)):
            where = f"{path}.{key}[{i}]"
            yield self.obj(value, where), where

    def text(self, parent: dict[str, Any], key: str, path: str, *, required: bool = True) -> str:
        if key not in parent:
            if required:
                raise self.fail(f"{path}.{key}", "缺少此项")
            return ""
        value = parent[key]
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(f"{path}.{key}", "应为非空文字")
        return value

    def integer(self, parent: dict[str, Any], key: str, path: str) -> int:
        value = parent.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(f"{path}.{key}", "应为非负整数")
        return value

    def names(self, parent: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        values = self.arr(parent, key, path, required=False)
        for i, v in enumerate(values):
            if not isinstance(v, str) or not v.strip():
                raise self.fail(f"{path}.{key}[{i}]", "应为非空文字")
        return tuple(values)


def load_plan(path: str | Path) -> Plan:
    """Load and validate the catalogue at `path`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogueError(f"无法读取计划文件 {path}：{describe_os_error(exc)}", detail=str(exc)) from exc
    return parse_plan(raw, source=str(path))


def parse_plan(raw: bytes, *, source: str = "<内存>", check_points: bool = True) -> Plan:
    """Validate catalogue bytes and build the `Plan`; `check_points=False` leaves the 分值 sums to the
    caller (the workbook import reports them together with every other problem)."""
    r = _Reader(source)
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise r.fail("（文件）", f"不是 UTF-8 编码（第 {exc.start} 字节）") from exc
    except json.JSONDecodeError as exc:
        raise r.fail(f"第 {exc.lineno} 行第 {exc.colno} 列", f"JSON 格式错误：{exc.msg}") from exc
    doc = r.obj(doc, "$")
    r.version = format_major(doc.get("format"), source)

    meta = _meta(r, r.obj(doc.get("plan"), "$.plan"))
    units = tuple(_unit(r, u, p) for u, p in r.each(doc, "units", "$"))
    collectives = tuple(_collective(r, c, p) for c, p in r.each(doc, "collectives", "$"))
    known_names = _check_names_unique(r, units, collectives)

    ids: set[str] = set()
    sections = tuple(_section(r, s, p, ids) for s, p in r.each(doc, "sections", "$"))
    areas = tuple(_area(r, a, p, ids) for a, p in r.each(doc, "areas", "$"))
    adjustments = tuple(_adjustment(r, a, p, ids) for a, p in r.each(doc, "adjustments", "$"))
    notes = [
        {"where": r.text(n, "where", p), "note": r.text(n, "note", p)}
        for n, p in r.each(doc, "notes", "$", required=False)
    ]

    plan = Plan(
        meta=meta,
        sections=sections,
        areas=areas,
        adjustments=adjustments,
        units=units,
        collectives=collectives,
        notes=tuple(notes),
        sha256=hashlib.sha256(raw).hexdigest(),
        format_version=r.version,
        total_points=r.points(doc, "total_points", "$"),
    )
    _check_unit_references(r, plan, known_names)
    _check_numbering(r, plan)
    sums = points_problems(plan) if check_points else []
    if sums:
        raise r.fail("分值", "；".join(sums))
    return dataclasses.replace(plan, warnings=tuple(reach_warnings(plan)))


def format_major(fmt: Any, source: str = "") -> int:
    """The major version of a `format` value; an unknown or newer one is refused, naming it."""
    m = _FORMAT_RE.match(fmt) if isinstance(fmt, str) else None
    where = f"计划文件 {source} 有误：位置 $.format："
    if m is None:
        raise CatalogueError(f"{where}不是本程序的计划文件，格式应为 “fazhi-plan/2” 之类，实际为 {fmt!r}")
    major = int(m.group(1))
    if major not in KNOWN_MAJORS:
        raise CatalogueError(
            f"{where}格式版本为 {major}（{fmt}），本程序只能读取版本 "
            f"{'、'.join(str(v) for v in KNOWN_MAJORS)}；请升级本程序后再导入"
        )
    return major


def _fmt_points(value: float) -> str:
    return f"{value:g}"


def points_problems(plan: Plan) -> list[str]:
    """Where children's 分值 do not add up to their parent's (both given); empty when all agree."""
    problems: list[str] = []

    def check(where: str, parent: float | None, children: list[float | None]) -> None:
        given = [c for c in children if c is not None]
        if parent is None or not given or len(given) != len(children):
            return
        total = round(sum(given), 2)
        if abs(total - parent) > 0.001:
            problems.append(f"{where}分值为 {_fmt_points(parent)} 分，其下各项合计 {_fmt_points(total)} 分")

    for area in plan.areas:
        area_name = f"一级指标“{area.label or area.number}{area.title}”"
        check(area_name, area.points, [h.points for h in area.headings])
        for h in area.headings:
            check(f"二级指标“{h.label or h.number}{h.title}”", h.points, [i.points for i in h.indicators])
    if plan.total_points is not None and plan.areas:
        check("指标体系总", plan.total_points, [a.points for a in plan.areas])
    return problems


def reach_warnings(plan: Plan) -> list[str]:
    """Items that name no unit at all: no unit answers them unless the plan is changed."""
    return [
        f"{item.id}（{item.display_number}）未列任何单位：没有单位需要填报此项"
        for item in plan.tasks + plan.indicators
        if not (item.lead or item.responsible or item.cooperating)
    ]


def _meta(r: _Reader, m: dict[str, Any]) -> PlanMeta:
    values: dict[str, Any] = {}
    for key in _META_FIELDS:
        values[key] = r.integer(m, key, "$.plan") if key == "year" else r.text(m, key, "$.plan")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,40}", values["id"]):
        raise r.fail("$.plan.id", "应由小写字母、数字和连字符组成，如 shen-2021")
    try:
        dt.date.fromisoformat(values["issue_date"])
    except ValueError:
        raise r.fail("$.plan.issue_date", "应为日期 YYYY-MM-DD") from None
    return PlanMeta(**values, source=r.text(m, "source", "$.plan", required=False))


def _deadline(r: _Reader, d: dict[str, Any], path: str) -> str:
    if not r.v2:
        return ""
    value = r.text(d, "deadline", path, required=False).strip()
    if DEADLINE_DATE.match(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise r.fail(f"{path}.deadline", f"完成时限“{value}”不是有效日期") from None
    return value


def _evidence(r: _Reader, d: dict[str, Any], path: str) -> tuple[str, ...]:
    if not r.v2 or d.get("evidence") is None:
        return ()
    if isinstance(d["evidence"], str):
        return (d["evidence"],) if d["evidence"].strip() else ()
    return r.names(d, "evidence", path)


def _v2_fields(r: _Reader, d: dict[str, Any], path: str) -> dict[str, Any]:
    """The optional format-2 keys every item may carry."""
    if not r.v2:
        return {}
    return {
        "cooperating": r.names(d, "cooperating", path),
        "label": r.label(d, path),
        "deadline": _deadline(r, d, path),
        "points": r.points(d, "points", path),
        "criteria": r.text(d, "criteria", path, required=False),
        "method": r.text(d, "method", path, required=False),
        "evidence_required": _evidence(r, d, path),
    }


def _unit(r: _Reader, u: dict[str, Any], path: str) -> Unit:
    kind = r.text(u, "kind", path)
    if kind not in UNIT_KINDS:
        raise r.fail(f"{path}.kind", f"单位类别 {kind!r} 未知，可用：{', '.join(UNIT_KINDS)}")
    in_doc = u.get("in_document", True)
    if not isinstance(in_doc, bool):
        raise r.fail(f"{path}.in_document", "应为 true 或 false")
    return Unit(
        name=r.text(u, "name", path),
        kind=kind,  # type: ignore[arg-type]
        aliases=r.names(u, "aliases", path),
        in_document=in_doc,
        note=r.text(u, "note", path, required=False),
        former_names=r.names(u, "former_names", path) if r.v2 else (),
    )


def _collective(r: _Reader, c: dict[str, Any], path: str) -> Collective:
    mode = r.text(c, "mode", path)
    if mode not in ("all", "optional"):
        raise r.fail(f"{path}.mode", "应为 all 或 optional")
    kinds = r.names(c, "kinds", path)
    for i, k in enumerate(kinds):
        if k not in UNIT_KINDS:
            raise r.fail(f"{path}.kinds[{i}]", f"单位类别 {k!r} 未知")
    if not kinds:
        raise r.fail(f"{path}.kinds", "至少列出一个单位类别")
    return Collective(
        name=r.text(c, "name", path),
        mode=mode,  # type: ignore[arg-type]
        kinds=kinds,  # type: ignore[arg-type]
        aliases=r.names(c, "aliases", path),
        note=r.text(c, "note", path, required=False),
    )


def _check_names_unique(r: _Reader, units: tuple[Unit, ...], collectives: tuple[Collective, ...]) -> set[str]:
    seen: dict[str, str] = {}
    for where, names in [
        (f"$.units[{i}]", (u.name, *u.aliases, *u.former_names)) for i, u in enumerate(units)
    ] + [(f"$.collectives[{i}]", (c.name, *c.aliases)) for i, c in enumerate(collectives)]:
        for name in names:
            if name in seen and seen[name] != where:
                raise r.fail(where, f"名称“{name}”与 {seen[name]} 重复")
            seen[name] = where
    return set(seen)


def _item_id(r: _Reader, d: dict[str, Any], path: str, ids: set[str], pattern: str) -> str:
    item_id = r.text(d, "id", path)
    if not re.fullmatch(pattern, item_id):
        raise r.fail(f"{path}.id", f"编号 {item_id!r} 不符合格式 {pattern}")
    if item_id in ids:
        raise r.fail(f"{path}.id", f"编号 {item_id} 重复")
    ids.add(item_id)
    return item_id


def _assigned_item(
    r: _Reader, d: dict[str, Any], path: str, ids: set[str], kind: ItemKind, pattern: str, **placement: Any
) -> Item:
    """A task or indicator: the fields both have (read in this order, so the first error is the same),
    placed by `placement` (group, heading)."""
    return Item(
        id=_item_id(r, d, path, ids, pattern),
        kind=kind,
        number=r.integer(d, "number", path),
        text=r.text(d, "text", path),
        lead=r.names(d, "lead", path),
        responsible=r.names(d, "responsible", path),
        **placement,
        **_v2_fields(r, d, path),
    )


def _section(r: _Reader, s: dict[str, Any], path: str, ids: set[str]) -> Section:
    number, title = r.integer(s, "number", path), r.text(s, "title", path)
    tasks = tuple(
        _assigned_item(r, t, tp, ids, "task", r"T\d{2,3}", group_number=number, group_title=title)
        for t, tp in r.each(s, "tasks", path)
    )
    return Section(number=number, title=title, tasks=tasks, label=r.label(s, path))


def _area(r: _Reader, a: dict[str, Any], path: str, ids: set[str]) -> Area:
    number, title = r.integer(a, "number", path), r.text(a, "title", path)
    headings = []
    for h, hp in r.each(a, "headings", path):
        h_number, h_title = r.integer(h, "number", hp), r.text(h, "title", hp)
        indicators = []
        for ind, ip in r.each(h, "indicators", hp):
            indicators.append(
                _assigned_item(
                    r,
                    ind,
                    ip,
                    ids,
                    "indicator",
                    r"I\d{2,3}",
                    group_number=number,
                    group_title=title,
                    heading_number=h_number,
                    heading_title=h_title,
                )
            )
        headings.append(
            Heading(
                number=h_number,
                title=h_title,
                indicators=tuple(indicators),
                label=r.label(h, hp),
                points=r.points(h, "points", hp),
            )
        )
    return Area(
        number=number,
        title=title,
        headings=tuple(headings),
        label=r.label(a, path),
        points=r.points(a, "points", path),
    )


def _adjustment(r: _Reader, a: dict[str, Any], path: str, ids: set[str]) -> Item:
    kind = r.text(a, "kind", path)
    if kind not in ("bonus", "deduction"):
        raise r.fail(f"{path}.kind", "应为 bonus（加分项）或 deduction（减分项）")
    return Item(
        id=_item_id(r, a, path, ids, r"B\d{1,2}" if kind == "bonus" else r"D\d{1,2}"),
        kind=kind,  # type: ignore[arg-type]
        number=r.integer(a, "number", path),
        text=r.text(a, "text", path),
        group_title="加分项" if kind == "bonus" else "减分项",
        **_v2_fields(r, a, path),
        cap=r.points(a, "cap", path),
    )


def _check_unit_references(r: _Reader, plan: Plan, known: set[str]) -> None:
    for item in plan.all_items():
        columns = (("lead", item.lead), ("responsible", item.responsible), ("cooperating", item.cooperating))
        for column, names in columns:
            for name in names:
                if name not in known:
                    raise r.fail(f"{item.id}.{column}", f"单位“{name}”既不在单位名录中，也不是已定义的统称")


def _check_numbering(r: _Reader, plan: Plan) -> None:
    for kind, items, letter in (("任务", plan.tasks, "T"), ("指标", plan.indicators, "I")):
        for expected, item in enumerate(items, start=1):
            if item.number != expected or item.id != f"{letter}{expected:02d}":
                raise r.fail(item.id, f"{kind}序号不连续：此处应为第 {expected} 项（{letter}{expected:02d}）")
