"""Completeness check (pre-flight): what each item still lacks, and progress per section and overall.

"Progress" here is 填报进度 — how much of the self-check is answered completely — not how far the
work itself has got (that is each item's work status). docs/status-semantics.md defines every state.
Evidence counts come from evidence/records.py, the owner of the evidence tables.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from fazhi_desktop.catalogue.assign import Assignment
from fazhi_desktop.catalogue.model import ADJUSTMENTS_GROUP
from fazhi_desktop.evidence import records
from fazhi_desktop.jsonfields import json_fields
from fazhi_desktop.selfcheck.assessments import NOT_APPLICABLE, Assessment, list_assessments, rule_problems
from fazhi_desktop.selfcheck.workspace import Workspace

# Answer states (填报状态). Deliberately not the words of the work status or the result.
STATE_EMPTY = "未填写"
STATE_DRAFT = "填写中"
STATE_DONE = "已填完"
STATE_NA = "不适用"
STATE_OUT = "不参与"
STATE_UNDECIDED = "尚未选择"  # an optional item nobody has opted in to or out of yet
STATES = (STATE_EMPTY, STATE_DRAFT, STATE_DONE, STATE_NA, STATE_OUT, STATE_UNDECIDED)
DONE_STATES = frozenset({STATE_DONE, STATE_NA})
# States of items that do not count towards progress (each such item is in exactly one of them).
UNCOUNTED_STATES = frozenset({STATE_OUT, STATE_UNDECIDED})

MISSING_NARRATIVE = "未填写工作开展情况"
MISSING_RESULT = "未选择自评结果"
MISSING_EVIDENCE = "未上传佐证材料"
MISSING_CHOICE = "尚未选择是否参与"
# 加分项/减分项 ask a fact, not whether the unit takes part (see assessments.ADJUSTMENT_QUESTIONS).
MISSING_ADJUSTMENT_CHOICE = {"bonus": "尚未填写有无此项加分情况", "deduction": "尚未填写是否发生"}
MISSING_SCORE = "未填写自评分"

# Results that admit failure or state that nothing happened: there is nothing a document could prove.
_NO_EVIDENCE_NEEDED = frozenset({"未完成", "未达标", "无", NOT_APPLICABLE})


def percent_of(done: int, total: int) -> int:
    """The one rounding of 填报进度 (window, command line, export, report): whole percent, rounded
    down, so that 100 means every counted item is done; 100 when nothing is to be answered."""
    return 100 if total == 0 else done * 100 // total


def is_counted(state: str) -> bool:
    """Whether an item in `state` counts towards progress (optional items only once opted in)."""
    return state not in UNCOUNTED_STATES


class DoneOfTotal:
    """Anything counted as `done` of `total` items: its 填报进度 in whole percent (percent_of)."""

    done: int
    total: int

    @property
    def percent(self) -> int:
        return percent_of(self.done, self.total)


@dataclass(frozen=True)
class Figure(DoneOfTotal):
    done: int
    total: int

    def to_dict(self) -> dict[str, int]:
        return {"done": self.done, "total": self.total, "percent": self.percent}


@dataclass(frozen=True)
class ItemProgress:
    item_id: str
    kind: str
    role: str
    optional: bool
    opted_in: bool | None
    group: str  # key of the section / area / adjustment group, e.g. S2, A4, ADJ
    work_status: str
    result: str | None
    state: str
    missing: tuple[str, ...]
    evidence_count: int
    deadline: str | None
    points: float | None = None  # 分值, where the plan gives one
    self_score: float | None = None  # 自评分

    @property
    def counted(self) -> bool:
        """Whether the item counts towards progress (optional items only once opted in)."""
        return is_counted(self.state)

    @property
    def done(self) -> bool:
        return self.state in DONE_STATES

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "kind": self.kind,
            "role": self.role,
            "optional": self.optional,
            "opted_in": self.opted_in,
            "group": self.group,
            "work_status": self.work_status,
            "result": self.result,
            "state": self.state,
            "done": self.done,
            "counted": self.counted,
            "missing": list(self.missing),
            "evidence_count": self.evidence_count,
            "deadline": self.deadline,
        } | ({"points": self.points, "self_score": self.self_score} if self.points is not None else {})


@dataclass(frozen=True)
class ScoreLine:
    """自评分 against 分值 for one group (一级指标, 加分项, 减分项) or overall."""

    key: str
    title: str
    score: float
    points: float
    unscored: int  # items with 分值 but no 自评分 yet

    def to_dict(self) -> dict[str, Any]:
        return json_fields(self)


@dataclass(frozen=True)
class ScoreSummary:
    """Self-scores where the plan gives points: per area, the adjustments and the total.

    total = the base items' 自评分 + 加分 − 减分, each adjustment kind held to its cap (累计不超过)."""

    groups: tuple[ScoreLine, ...]
    base: ScoreLine
    bonus: float
    deduction: float

    @property
    def total(self) -> float:
        return round(self.base.score + self.bonus - self.deduction, 2)

    def to_dict(self) -> dict[str, Any]:
        return {
            "groups": [g.to_dict() for g in self.groups],
            "base": self.base.to_dict(),
            "bonus": self.bonus,
            "deduction": self.deduction,
            "total": self.total,
        }


def _capped(items: list[ItemProgress], caps: dict[str, float | None]) -> float:
    got = round(sum(i.self_score or 0 for i in items), 2)
    cap_values = [c for c in (caps[i.item_id] for i in items) if c is not None]
    return min(got, min(cap_values)) if cap_values else got


def score_summary(
    items: list[ItemProgress], titles: dict[str, str], caps: dict[str, float | None]
) -> ScoreSummary:
    """Totals over the counted items that have 分值 (an item not taken part in counts for nothing)."""
    base: dict[str, list[ItemProgress]] = {}
    for i in items:
        if (
            i.points is not None
            and i.counted
            and i.kind in ("task", "indicator")
            and i.result != NOT_APPLICABLE
        ):
            base.setdefault(i.group, []).append(i)

    def line(key: str, title: str, members: list[ItemProgress]) -> ScoreLine:
        return ScoreLine(
            key,
            title,
            round(sum(m.self_score or 0 for m in members), 2),
            round(sum(m.points or 0 for m in members), 2),
            sum(1 for m in members if m.self_score is None),
        )

    groups = tuple(line(k, titles[k], m) for k, m in base.items())
    everything = [m for ms in base.values() for m in ms]
    adjust = [i for i in items if i.points is not None and i.counted and i.result == "有"]
    return ScoreSummary(
        groups,
        line("ALL", "合计", everything),
        _capped([i for i in adjust if i.kind == "bonus"], caps),
        _capped([i for i in adjust if i.kind == "deduction"], caps),
    )


@dataclass(frozen=True)
class GroupProgress:
    key: str
    kind: str  # section (工作计划的部分) | area (一级指标) | adjustments (附加项)
    number: int
    title: str
    figure: Figure

    def to_dict(self) -> dict[str, Any]:
        return json_fields(self, omit={"figure"}) | self.figure.to_dict()


@dataclass(frozen=True)
class Deadline:
    item_id: str
    deadline: str
    days_left: int
    measures: str
    responsible_person: str
    work_status: str

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item_id,
            "deadline": self.deadline,
            "days_left": self.days_left,
            "overdue": self.overdue,
            "measures": self.measures,
            "responsible_person": self.responsible_person,
            "work_status": self.work_status,
        }


@dataclass(frozen=True)
class ProgressReport:
    period_id: int
    period_label: str
    unit_name: str
    items: tuple[ItemProgress, ...]
    groups: tuple[GroupProgress, ...]
    overall: Figure
    deadlines: tuple[Deadline, ...]
    today: str
    scores: ScoreSummary | None = None  # None: the plan gives no points
    _by_id: dict[str, ItemProgress] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({i.item_id: i for i in self.items})

    def item(self, item_id: str) -> ItemProgress:
        return self._by_id[item_id]

    @property
    def state_counts(self) -> dict[str, int]:
        counts = Counter(i.state for i in self.items)
        return {s: counts.get(s, 0) for s in STATES}

    @property
    def undecided(self) -> int:
        """Optional items nobody has opted in to or out of yet."""
        return sum(1 for i in self.items if i.state == STATE_UNDECIDED)

    @property
    def open_items(self) -> tuple[ItemProgress, ...]:
        """Counted items not yet done: what 还有 N 项未填完 counts (undecided ones are apart)."""
        return tuple(i for i in self.items if i.counted and not i.done)

    def to_dict(self) -> dict[str, Any]:
        counted = [i for i in self.items if i.counted]
        return {
            "period": {"id": self.period_id, "label": self.period_label},
            "unit": self.unit_name,
            "today": self.today,
            "overall": self.overall.to_dict(),
            "states": self.state_counts,
            # 加分项/减分项 have no work status (they state a fact): counted only for tasks and indicators.
            "work_status": dict(Counter(i.work_status for i in counted if i.kind in ("task", "indicator"))),
            "results": dict(Counter(i.result or "未选择" for i in counted)),
            "undecided_optional": self.undecided,
            "groups": [g.to_dict() for g in self.groups],
            "items": [i.to_dict() for i in self.items],
            "deadlines": [d.to_dict() for d in self.deadlines],
        } | ({"scores": self.scores.to_dict()} if self.scores is not None else {})


def evidence_counts(ws: Workspace, period_id: int) -> dict[str, int]:
    """How many documents of the period support each item."""
    return records.counts_by_item(ws.db, period_id)


def assess_item(a: Assessment, assignment: Assignment, evidence_count: int) -> tuple[str, tuple[str, ...]]:
    """The answer state of one item and what it still lacks (see docs/status-semantics.md)."""
    kind = assignment.item.kind
    if assignment.optional and a.opted_in is None:
        return STATE_UNDECIDED, (MISSING_ADJUSTMENT_CHOICE.get(kind, MISSING_CHOICE),)
    if assignment.optional and a.opted_in is False:
        return STATE_OUT, ()
    missing: list[str] = []
    if a.result not in (NOT_APPLICABLE, "无"):
        if not a.narrative.strip():
            missing.append(MISSING_NARRATIVE)
        if a.result is None:
            missing.append(MISSING_RESULT)
        needs_evidence = a.result not in _NO_EVIDENCE_NEEDED and not (
            kind == "deduction" and a.result == "有"
        )
        if needs_evidence and evidence_count == 0:
            missing.append(MISSING_EVIDENCE)
        if assignment.item.points is not None and a.self_score is None:
            missing.append(MISSING_SCORE)
    missing += rule_problems(a, kind, assignment.item.points)
    if not missing:
        return (STATE_NA if a.result == NOT_APPLICABLE else STATE_DONE), ()
    if not a.has_content and evidence_count == 0:
        return STATE_EMPTY, tuple(missing)
    return STATE_DRAFT, tuple(missing)


def _group_of(assignment: Assignment) -> tuple[str, str, int, str]:
    item = assignment.item
    if item.kind == "task":
        return f"S{item.group_number}", "section", item.group_number, item.group_title
    if item.kind == "indicator":
        return f"A{item.group_number}", "area", item.group_number, item.group_title
    return "ADJ", "adjustments", 0, ADJUSTMENTS_GROUP


def check_progress(
    ws: Workspace, period_id: int | None = None, *, today: dt.date | None = None
) -> ProgressReport:
    """Completeness of every assigned item of a period, with per-group and overall figures."""
    period = ws.period if period_id is None else ws.period_by_id(period_id)
    today = today or dt.date.today()
    saved = list_assessments(ws, period.id)
    evidence = evidence_counts(ws, period.id)
    items: list[ItemProgress] = []
    groups: dict[str, tuple[str, int, str, list[ItemProgress]]] = {}
    deadlines: list[Deadline] = []
    for assignment in ws.assignments():
        item = assignment.item
        a = saved.get(item.id) or Assessment(item_id=item.id, period_id=period.id)
        state, missing = assess_item(a, assignment, evidence.get(item.id, 0))
        key, gkind, number, title = _group_of(assignment)
        progress = ItemProgress(
            item.id,
            item.kind,
            assignment.role,
            assignment.optional,
            a.opted_in,
            key,
            a.work_status,
            a.result,
            state,
            missing,
            evidence.get(item.id, 0),
            a.deadline,
            item.points,
            a.self_score,
        )
        items.append(progress)
        groups.setdefault(key, (gkind, number, title, []))[3].append(progress)
        if progress.counted and a.deadline:
            days = (dt.date.fromisoformat(a.deadline) - today).days
            deadlines.append(
                Deadline(item.id, a.deadline, days, a.measures, a.responsible_person, a.work_status)
            )
    group_list = []
    for key, (gkind, number, title, members) in groups.items():
        counted = [m for m in members if m.counted]
        if counted:
            group_list.append(
                GroupProgress(key, gkind, number, title, Figure(sum(m.done for m in counted), len(counted)))
            )
    counted_all = [i for i in items if i.counted]
    overall = Figure(sum(i.done for i in counted_all), len(counted_all))
    deadlines.sort(key=lambda d: (d.deadline, d.item_id))
    scores = None
    if ws.plan.scored:
        titles = {key: title for key, (_, _, title, _) in groups.items()}
        scores = score_summary(items, titles, {a.item.id: a.item.cap for a in ws.assignments()})
    return ProgressReport(
        period.id,
        period.label,
        ws.require_profile().unit_name,  # the stored identity, as on every output
        tuple(items),
        tuple(group_list),
        overall,
        tuple(deadlines),
        today.isoformat(),
        scores,
    )
