"""Read and validate a plan catalogue file; every error names the file, the JSON path and the problem."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from fazhi_desktop.catalogue.model import (
    UNIT_KINDS,
    Area,
    Collective,
    Heading,
    Item,
    Plan,
    PlanMeta,
    Section,
    Unit,
)
from fazhi_desktop.errors import CatalogueError, describe_os_error

FORMAT = "fazhi-plan/1"
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

    def __init__(self, source: str) -> None:
        self.source = source

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


def parse_plan(raw: bytes, *, source: str = "<内存>") -> Plan:
    """Validate catalogue bytes and build the `Plan`."""
    r = _Reader(source)
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise r.fail("（文件）", f"不是 UTF-8 编码（第 {exc.start} 字节）") from exc
    except json.JSONDecodeError as exc:
        raise r.fail(f"第 {exc.lineno} 行第 {exc.colno} 列", f"JSON 格式错误：{exc.msg}") from exc
    doc = r.obj(doc, "$")
    fmt = doc.get("format")
    if fmt != FORMAT:
        raise r.fail("$.format", f"格式应为 {FORMAT!r}，实际为 {fmt!r}")

    meta = _meta(r, r.obj(doc.get("plan"), "$.plan"))
    units = tuple(
        _unit(r, r.obj(u, f"$.units[{i}]"), f"$.units[{i}]") for i, u in enumerate(r.arr(doc, "units", "$"))
    )
    collectives = tuple(
        _collective(r, r.obj(c, f"$.collectives[{i}]"), f"$.collectives[{i}]")
        for i, c in enumerate(r.arr(doc, "collectives", "$"))
    )
    known_names = _check_names_unique(r, units, collectives)

    ids: set[str] = set()
    sections = tuple(
        _section(r, s, f"$.sections[{i}]", ids) for i, s in enumerate(r.arr(doc, "sections", "$"))
    )
    areas = tuple(_area(r, a, f"$.areas[{i}]", ids) for i, a in enumerate(r.arr(doc, "areas", "$")))
    adjustments = tuple(
        _adjustment(r, a, f"$.adjustments[{i}]", ids) for i, a in enumerate(r.arr(doc, "adjustments", "$"))
    )
    notes = []
    for i, n in enumerate(r.arr(doc, "notes", "$", required=False)):
        n = r.obj(n, f"$.notes[{i}]")
        notes.append(
            {"where": r.text(n, "where", f"$.notes[{i}]"), "note": r.text(n, "note", f"$.notes[{i}]")}
        )

    plan = Plan(
        meta=meta,
        sections=sections,
        areas=areas,
        adjustments=adjustments,
        units=units,
        collectives=collectives,
        notes=tuple(notes),
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    _check_unit_references(r, plan, known_names)
    _check_numbering(r, plan)
    return plan


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
    for where, names in [(f"$.units[{i}]", (u.name, *u.aliases)) for i, u in enumerate(units)] + [
        (f"$.collectives[{i}]", (c.name, *c.aliases)) for i, c in enumerate(collectives)
    ]:
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


def _section(r: _Reader, s: Any, path: str, ids: set[str]) -> Section:
    s = r.obj(s, path)
    number, title = r.integer(s, "number", path), r.text(s, "title", path)
    tasks = []
    for i, t in enumerate(r.arr(s, "tasks", path)):
        tp = f"{path}.tasks[{i}]"
        t = r.obj(t, tp)
        tasks.append(
            Item(
                id=_item_id(r, t, tp, ids, r"T\d{2,3}"),
                kind="task",
                number=r.integer(t, "number", tp),
                text=r.text(t, "text", tp),
                lead=r.names(t, "lead", tp),
                responsible=r.names(t, "responsible", tp),
                group_number=number,
                group_title=title,
            )
        )
    return Section(number=number, title=title, tasks=tuple(tasks))


def _area(r: _Reader, a: Any, path: str, ids: set[str]) -> Area:
    a = r.obj(a, path)
    number, title = r.integer(a, "number", path), r.text(a, "title", path)
    headings = []
    for hi, h in enumerate(r.arr(a, "headings", path)):
        hp = f"{path}.headings[{hi}]"
        h = r.obj(h, hp)
        h_number, h_title = r.integer(h, "number", hp), r.text(h, "title", hp)
        indicators = []
        for ii, ind in enumerate(r.arr(h, "indicators", hp)):
            ip = f"{hp}.indicators[{ii}]"
            ind = r.obj(ind, ip)
            indicators.append(
                Item(
                    id=_item_id(r, ind, ip, ids, r"I\d{2,3}"),
                    kind="indicator",
                    number=r.integer(ind, "number", ip),
                    text=r.text(ind, "text", ip),
                    lead=r.names(ind, "lead", ip),
                    responsible=r.names(ind, "responsible", ip),
                    group_number=number,
                    group_title=title,
                    heading_number=h_number,
                    heading_title=h_title,
                )
            )
        headings.append(Heading(number=h_number, title=h_title, indicators=tuple(indicators)))
    return Area(number=number, title=title, headings=tuple(headings))


def _adjustment(r: _Reader, a: Any, path: str, ids: set[str]) -> Item:
    a = r.obj(a, path)
    kind = r.text(a, "kind", path)
    if kind not in ("bonus", "deduction"):
        raise r.fail(f"{path}.kind", "应为 bonus（加分项）或 deduction（减分项）")
    return Item(
        id=_item_id(r, a, path, ids, r"B\d{1,2}" if kind == "bonus" else r"D\d{1,2}"),
        kind=kind,  # type: ignore[arg-type]
        number=r.integer(a, "number", path),
        text=r.text(a, "text", path),
        group_title="加分项" if kind == "bonus" else "减分项",
    )


def _check_unit_references(r: _Reader, plan: Plan, known: set[str]) -> None:
    for item in plan.all_items():
        for column, names in (("lead", item.lead), ("responsible", item.responsible)):
            for name in names:
                if name not in known:
                    raise r.fail(f"{item.id}.{column}", f"单位“{name}”既不在单位名录中，也不是已定义的统称")


def _check_numbering(r: _Reader, plan: Plan) -> None:
    for kind, items, letter in (("任务", plan.tasks, "T"), ("指标", plan.indicators, "I")):
        for expected, item in enumerate(items, start=1):
            if item.number != expected or item.id != f"{letter}{expected:02d}":
                raise r.fail(item.id, f"{kind}序号不连续：此处应为第 {expected} 项（{letter}{expected:02d}）")
