"""The county picture, computed from the store: units × items by result, who is missing, weak items,
per-unit figures, 等次 and rank. Read-only; counts only the current round's current packages from
registered keys (earlier rounds stay on record, never counted here)."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from fazhi_desktop.catalogue.assign import assignments, resolve_unit
from fazhi_desktop.catalogue.model import UNIT_KINDS, Item, Plan
from fazhi_desktop.catalogue.registry import get_plan
from fazhi_desktop.jsonfields import json_fields
from fazhi_desktop.review import received
from fazhi_desktop.review.scoring import describe_bands, grade_bands, grade_for, result_class, reviews_of
from fazhi_desktop.review.store import ReviewStore

ADJUSTMENTS = ("bonus", "deduction")


@dataclass(frozen=True)
class Cell:
    result: str | None
    work_status: str
    complete: bool
    role: str
    verdict: str | None = None

    @property
    def klass(self) -> str:
        return result_class(self.result)


@dataclass
class UnitFigures:
    unit_name: str
    kind: str
    package_id: str
    sequence: int
    created: str
    answered: int
    complete: int
    results: Counter[str]
    self_score: float | None
    review_score: float | None
    points: float | None
    index: float  # what the 等次 is drawn from: a 100-point score, or the share judged 已完成/达标
    grade: str = ""
    rank: int = 0
    cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def kind_name(self) -> str:
        return UNIT_KINDS.get(self.kind, self.kind)

    @property
    def percent(self) -> int:
        return self.complete * 100 // self.answered if self.answered else 0

    def to_dict(self) -> dict[str, object]:
        return json_fields(self, rename={"unit_name": "unit"}) | {
            "results": dict(self.results),
            "index": round(self.index, 3),
            "cells": {
                k: {"result": c.result, "class": c.klass, "verdict": c.verdict} for k, c in self.cells.items()
            },
            "kind_name": self.kind_name,
            "percent": self.percent,
        }


@dataclass(frozen=True)
class WeakItem:
    item_id: str
    title: str
    answered: int
    bad: int
    partial: int

    @property
    def weak(self) -> int:
        return self.bad + self.partial


@dataclass
class Picture:
    plan: Plan
    units: list[UnitFigures]
    items: list[Item]
    expected: list[tuple[str, str]]  # (name, kind) the plan's directory says should report
    missing: list[tuple[str, str]]
    unregistered: list[tuple[str, str, int]]  # (unit, package id, sequence): viewable, not counted
    weak: list[WeakItem]
    has_points: bool
    basis: str  # how 等次 and rank were drawn, in words

    def stats(self) -> dict[str, float] | None:
        values = [u.index for u in self.units]
        if not values:
            return None
        return {
            "max": round(max(values), 3),
            "min": round(min(values), 3),
            "mean": round(statistics.fmean(values), 3),
        }

    def to_dict(self) -> dict[str, object]:
        return {
            "plan": {
                "id": self.plan.meta.id,
                "title": self.plan.meta.title,
                "doc_number": self.plan.meta.doc_number,
            },
            "has_points": self.has_points,
            "basis": self.basis,
            "counted": len(self.units),
            "expected": len(self.expected),
            "units": [u.to_dict() for u in self.units],
            "items": [
                {"id": i.id, "title": i.short_title, "kind": i.kind, "group": i.group_number}
                for i in self.items
            ],
            "missing": [{"unit": n, "kind": k, "kind_name": UNIT_KINDS.get(k, k)} for n, k in self.missing],
            "unregistered": [{"unit": u, "package_id": p, "sequence": s} for u, p, s in self.unregistered],
            "weak_items": [
                {
                    "id": w.item_id,
                    "title": w.title,
                    "answered": w.answered,
                    "bad": w.bad,
                    "partial": w.partial,
                }
                for w in self.weak
            ],
            "stats": self.stats(),
        }


def expected_units(plan: Plan) -> list[tuple[str, str]]:
    """Directory units that have at least one item to answer (not merely optional ones), in plan order."""
    out: list[tuple[str, str]] = []
    for unit in plan.units:
        resolved = resolve_unit(plan, unit.name)
        if any(not a.optional for a in assignments(plan, resolved)):
            out.append((unit.name, unit.kind))
    return out


def _item_filter(plan: Plan, section: int | None, area: int | None) -> list[Item]:
    items = list(plan.all_items())
    if section is not None:
        items = [i for i in items if i.kind == "task" and i.group_number == section]
    if area is not None:
        items = [i for i in items if i.kind == "indicator" and i.group_number == area]
    return items


def county_picture(
    store: ReviewStore,
    *,
    section: int | None = None,
    area: int | None = None,
    unit_kind: str | None = None,
    role: str | None = None,
) -> Picture:
    """The picture of the round, optionally narrowed to a section/area, a kind of unit, or a role."""
    bureau = store.require_bureau()
    plan = get_plan(bureau.plan_id, store.data_dir)
    items = _item_filter(plan, section, area)
    wanted = {i.id for i in items}
    bands = grade_bands(store.db)
    units: list[UnitFigures] = []
    for pkg in received.packages(store.db, standing="current", in_round=bureau.round):
        if unit_kind is not None and pkg.unit_kind != unit_kind:
            continue
        units.append(_figures(store, pkg, wanted, role))
    has_points = any(u.points for u in units)
    for u in units:
        u.grade = grade_for(u.index, bands)
    units.sort(key=lambda u: (-u.index, -u.percent, u.unit_name))
    for n, u in enumerate(units, start=1):
        u.rank = n
    counted = {u.unit_name for u in units}
    expected = [(n, k) for n, k in expected_units(plan) if unit_kind is None or k == unit_kind]
    missing = [(n, k) for n, k in expected if n not in counted]
    unregistered = [
        (p.unit_name, p.package_id, p.sequence)
        for p in received.packages(store.db, standing="unregistered", in_round=bureau.round)
    ]
    weak = _weak_items(items, units)
    basis = (
        f"按审核得分（未单独赋分的项目按自评分计）折算为百分制划分等次：{describe_bands(bands)}"
        if has_points
        else "本计划未设分值：等次与排名按已作答事项中“已完成/达标”（含不适用）所占比例（百分比）划分，"
        f"{describe_bands(bands)}；比例相同时按填报完成率排序"
    )
    return Picture(plan, units, items, expected, missing, unregistered, weak, has_points, basis)


def _figures(store: ReviewStore, pkg: received.PackageRow, wanted: set[str], role: str | None) -> UnitFigures:
    reviews = reviews_of(store.db, pkg.unit_name, in_round=pkg.round)
    results: Counter[str] = Counter()
    cells: dict[str, Cell] = {}
    answered = complete = good = judged = 0
    self_total = review_total = points_total = 0.0
    for a in received.answers_of(store.db, pkg.package_id):
        if a.item_id not in wanted or (role is not None and a.role != role) or not a.answered:
            continue
        review = reviews.get(a.item_id)
        cells[a.item_id] = Cell(
            a.result, a.work_status, a.complete, a.role, review.verdict if review else None
        )
        answered += 1
        complete += int(a.complete)
        results[a.result or "未判定"] += 1
        if a.kind not in ADJUSTMENTS:
            judged += 1
            good += int(result_class(a.result) == "good")
        if a.points is not None:
            points_total += a.points
            self_total += a.self_score or 0.0
            scored = review.score if review is not None and review.score is not None else a.self_score
            review_total += scored or 0.0
    share = 100 * good / judged if judged else 0.0
    index = 100 * review_total / points_total if points_total else share
    return UnitFigures(
        pkg.unit_name,
        pkg.unit_kind,
        pkg.package_id,
        pkg.sequence,
        pkg.created,
        answered,
        complete,
        results,
        self_total if points_total else None,
        review_total if points_total else None,
        points_total or None,
        index,
        cells=cells,
    )


def _weak_items(items: list[Item], units: list[UnitFigures], limit: int = 10) -> list[WeakItem]:
    found = []
    for item in items:
        if item.kind in ADJUSTMENTS:
            continue
        cells = [u.cells[item.id] for u in units if item.id in u.cells]
        bad = sum(1 for c in cells if c.klass == "bad")
        partial = sum(1 for c in cells if c.klass == "partial")
        if bad or partial:
            found.append(WeakItem(item.id, item.short_title, len(cells), bad, partial))
    found.sort(key=lambda w: (-(w.weak / w.answered), -w.bad, w.item_id))
    return found[:limit]
