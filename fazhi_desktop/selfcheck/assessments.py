"""Assessments: one answer per assigned item and period, its vocabularies and its rules.

Work status (how far the work has got) and result (the verdict on the item) are separate fields;
docs/status-semantics.md explains both and what "done" means. The rules below are checked before a
strict save (command line) and reported by the completeness check for drafts (GUI autosave), so the
two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from fazhi_desktop.catalogue.model import ADJUSTMENT_KINDS, ITEM_KIND_NAMES, ItemKind
from fazhi_desktop.dates import parse_user_date
from fazhi_desktop.errors import BadDate, UsageError
from fazhi_desktop.selfcheck import history
from fazhi_desktop.store.db import write_transaction
from fazhi_desktop.textclean import clean_input

if TYPE_CHECKING:
    from sqlite_utils import Database

    from fazhi_desktop.selfcheck.workspace import Workspace

WORK_STATUSES: tuple[str, ...] = ("未开始", "推进中", "已完成")
# 加分项/减分项 state a fact rather than a degree of achievement: 有 (the situation exists: an award
# won, a serious violation happened) or 无.
RESULTS: dict[str, tuple[str, ...]] = {
    "task": ("已完成", "部分完成", "未完成", "不适用"),
    "indicator": ("达标", "基本达标", "未达标", "不适用"),
    "bonus": ("有", "无"),
    "deduction": ("有", "无"),
}
NOT_APPLICABLE = "不适用"
# 加分项/减分项 are every unit's optional items, but "taking part" means nothing for them: the question
# is whether the fact exists, answered in one step (answer_adjustment: opted in, result 有 or 无), with
# no work status. An item opted out (command line --opt-out) reads as 无 / 未发生.
ADJUSTMENT_QUESTIONS = {"bonus": "本单位本期有无此项加分情况", "deduction": "本单位本期是否发生此情况"}
ADJUSTMENT_ANSWERS: dict[str, dict[bool, str]] = {
    "bonus": {True: "有", False: "无"},
    "deduction": {True: "已发生", False: "未发生"},
}
# What the narrative of an adjustment item holds instead of 工作开展情况.
ADJUSTMENT_NARRATIVE = {"bonus": "取得的成绩", "deduction": "发生的情况"}


def adjustment_value(opted_in: bool | None, result: str | None) -> bool | None:
    """Whether the fact of an adjustment item exists (True 有/已发生), False for 无, None not answered."""
    if opted_in is False or (opted_in and result == "无"):
        return False
    if opted_in and result == "有":
        return True
    return None


def adjustment_answer(kind: str, opted_in: bool | None, result: str | None) -> str:
    """`有`/`无` for a 加分项, `已发生`/`未发生` for a 减分项, `尚未填写` when not answered yet."""
    value = adjustment_value(opted_in, result)
    return "尚未填写" if value is None else ADJUSTMENT_ANSWERS[kind][value]


# Results that admit something is still wrong, so they must say what (存在问题) and how it is fixed.
SHORTFALL: dict[str, frozenset[str]] = {
    "task": frozenset({"部分完成", "未完成"}),
    "indicator": frozenset({"基本达标", "未达标"}),
    "bonus": frozenset(),
    "deduction": frozenset({"有"}),
}
# Results that claim work was done, and so cannot go with work status 未开始.
ACHIEVED = frozenset({"已完成", "部分完成", "达标", "基本达标"})

FIELD_LABELS: dict[str, str] = {
    "work_status": "工作状态",
    "result": "自评结果",
    "narrative": "工作开展情况",
    "problems": "存在问题",
    "measures": "整改措施",
    "deadline": "整改时限",
    "responsible_person": "责任人",
    "na_reason": "不适用理由",
    "opted_in": "是否参与",
    "self_score": "自评分",
    "score_note": "扣分说明",
}
TEXT_FIELDS = ("narrative", "problems", "measures", "responsible_person", "na_reason", "score_note")
EDITABLE_FIELDS = ("work_status", "result", *TEXT_FIELDS, "deadline", "opted_in", "self_score")

# The answer proper, in the order it is shown and carried into a new period (the self-score is not carried:
# a new period is scored afresh).
ANSWER_FIELDS = (
    "work_status",
    "result",
    "narrative",
    "problems",
    "measures",
    "deadline",
    "responsible_person",
    "na_reason",
    "opted_in",
)
SCORE_FIELDS = ("self_score", "score_note")
_COLUMNS = ("item_id", *ANSWER_FIELDS, "updated_at", "period_id", *SCORE_FIELDS)


class RuleViolation(UsageError):
    """A strict save broke one or more cross-field rules; `problems` lists them in Chinese."""

    def __init__(self, item_id: str, problems: list[str]) -> None:
        super().__init__(f"事项 {item_id} 未保存：" + "；".join(problems))
        self.item_id = item_id
        self.problems = problems


@dataclass(frozen=True)
class Assessment:
    item_id: str
    work_status: str = "未开始"
    result: str | None = None
    narrative: str = ""
    problems: str = ""
    measures: str = ""
    deadline: str | None = None  # YYYY-MM-DD
    responsible_person: str = ""
    na_reason: str = ""
    opted_in: bool | None = None  # optional (有关部门) items only; None = not chosen yet
    updated_at: str | None = None  # None: never saved (a default answer)
    period_id: int | None = None
    self_score: float | None = None  # 自评分, only where the plan gives the item 分值
    score_note: str = ""  # 扣分说明

    @property
    def is_saved(self) -> bool:
        return self.updated_at is not None

    @property
    def has_content(self) -> bool:
        """Whether anything has been filled in (beyond the opt-in choice)."""
        return (
            self.work_status != "未开始"
            or self.result is not None
            or self.deadline is not None
            or self.self_score is not None
            or any(getattr(self, f).strip() for f in TEXT_FIELDS)
        )

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def points_deducted(a: Assessment, kind: ItemKind | str, points: float | None) -> bool:
    """Whether the self-score gives away points: below the 分值, or (减分项) any points taken off."""
    if points is None or a.self_score is None:
        return False
    return a.self_score > 0 if kind == "deduction" else a.self_score < points


def rule_problems(a: Assessment, kind: ItemKind | str, points: float | None = None) -> list[str]:
    """The cross-field rules `a` breaks, in Chinese (empty when none); `points` is the item's 分值."""
    problems: list[str] = []
    if points_deducted(a, kind, points) and not a.score_note.strip():
        problems.append(
            "自评有扣分但未填写扣分说明" if kind != "deduction" else "减分项有扣分但未填写扣分说明"
        )
    if a.result == NOT_APPLICABLE and not a.na_reason.strip():
        problems.append("不适用未说明理由")
    if a.result in SHORTFALL.get(kind, ()):
        missing = [
            label
            for label, value in (("存在问题", a.problems), ("整改措施", a.measures))
            if not value.strip()
        ]
        if missing:
            problems.append(f"自评结果为{a.result}但未填写{'和'.join(missing)}")
    if a.measures.strip() and not a.deadline:
        problems.append("整改措施缺少整改时限")
    if a.result in ACHIEVED and a.work_status == "未开始":
        problems.append(f"自评结果为{a.result}，工作状态却是未开始，两者矛盾")
    return problems


def parse_date(text: str, what: str = "整改时限") -> str:
    """A deadline as YYYY-MM-DD, read by the one date parser; only this century's years make sense."""
    day = parse_user_date(text, what)
    if not 2000 <= day.year <= 2100:
        raise BadDate(f"{what}“{text.strip()}”不是有效日期：年份应在 2000 到 2100 之间", unreadable=False)
    return day.isoformat()


def parse_score(value: Any, points: float | None, item_id: str) -> float | None:
    """A 自评分: 0 … 分值 in steps of half a point; refused where the plan gives the item no 分值."""
    if value is None or not str(value).strip():
        return None
    if points is None:
        raise UsageError(f"{item_id} 在本计划中没有分值，不能填写自评分")
    text = str(value).strip().removesuffix("分")
    try:
        score = float(text)
    except ValueError:
        raise UsageError(f"自评分“{value}”不是数字，请填写 0 至 {points:g} 之间的分数") from None
    if not 0 <= score <= points:
        raise UsageError(f"自评分 {score:g} 超出范围：{item_id} 分值为 {points:g} 分，请填写 0 至 {points:g}")
    if score * 2 != int(score * 2):
        raise UsageError(f"自评分 {score:g} 应以半分为单位（如 2、2.5）")
    return score


def _validate(field: str, value: Any, kind: str, optional: bool, item_id: str) -> Any:
    """Check and normalise one field's value (the same in strict and draft saves)."""
    if field == "work_status":
        value = (value or "").strip()
        if value not in WORK_STATUSES:
            raise UsageError(f"工作状态“{value}”无效，可选：{'、'.join(WORK_STATUSES)}")
        return value
    if field == "result":
        if value is None or not str(value).strip():
            return None
        value = str(value).strip()
        if value not in RESULTS[kind]:
            raise UsageError(
                f"{item_id} 是{ITEM_KIND_NAMES[kind]}，自评结果“{value}”无效，可选：{'、'.join(RESULTS[kind])}"
            )
        return value
    if field == "deadline":
        if value is None or not str(value).strip():
            return None
        return parse_date(str(value))
    if field == "opted_in":
        if value is None:
            return None
        if not optional:
            raise UsageError(f"{item_id} 是本单位必须填报的事项，不能选择参与或不参与")
        return bool(value)
    if field in TEXT_FIELDS:
        # Line endings normalised so that history and hashes do not depend on the clerk's OS; pasted
        # control characters (Word's Shift+Enter) would break the workbook and the PDF.
        return clean_input(value, field, FIELD_LABELS[field])
    raise UsageError(f"未知的字段“{field}”，可修改：{'、'.join(EDITABLE_FIELDS)}")


def _row(ws: Workspace, period_id: int, item_id: str) -> Assessment | None:
    return saved_answer(ws.db, period_id, item_id)


def saved_answer(db: Database, period_id: int, item_id: str) -> Assessment | None:
    """The stored answer of one item in a period (None when never saved); `item_id` must be canonical."""
    row = db.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM assessments WHERE period_id = ? AND item_id = ?",
        [period_id, item_id],
    ).fetchone()
    return _from_row(row) if row else None


def count_saved(db: Database, period_id: int) -> int:
    """How many items of a period have a saved answer."""
    return int(db.execute("SELECT COUNT(*) FROM assessments WHERE period_id = ?", [period_id]).fetchone()[0])


def typed_bytes(db: Database, period_id: int) -> int:
    """UTF-8 bytes of the text typed into a period's answers (for the package size estimate)."""
    row = db.execute(
        "SELECT coalesce(sum(length(CAST(narrative AS BLOB)) + length(CAST(problems AS BLOB))"
        " + length(CAST(measures AS BLOB)) + length(CAST(responsible_person AS BLOB))"
        " + length(CAST(na_reason AS BLOB)) + length(CAST(score_note AS BLOB))), 0) FROM assessments WHERE period_id = ?",
        [period_id],
    ).fetchone()
    return int(row[0])


def insert_answer(db: Database, answer: Assessment) -> None:
    """Write a whole answer as a new row (carrying forward); the caller records its history."""
    db.execute(
        f"INSERT INTO assessments ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
        [getattr(answer, c) for c in _COLUMNS],
    )


def _from_row(row: tuple[Any, ...]) -> Assessment:
    data = dict(zip(_COLUMNS, row, strict=True))
    data["opted_in"] = None if data["opted_in"] is None else bool(data["opted_in"])
    return Assessment(**data)


def get_assessment(ws: Workspace, item_id: str, period_id: int | None = None) -> Assessment:
    """The saved answer for an assigned item, or an unsaved default when nothing was saved yet."""
    item_id = ws.assignment(item_id).item.id
    period_id = ws.period.id if period_id is None else period_id
    return _row(ws, period_id, item_id) or Assessment(item_id=item_id, period_id=period_id)


def list_assessments(ws: Workspace, period_id: int | None = None) -> dict[str, Assessment]:
    """Every saved answer of a period, by item id (items never touched are absent)."""
    period_id = ws.period.id if period_id is None else period_id
    rows = ws.db.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM assessments WHERE period_id = ? ORDER BY item_id", [period_id]
    ).fetchall()
    return {r[0]: _from_row(r) for r in rows}


def save_assessment(
    ws: Workspace, item_id: str, *, strict: bool, period_id: int | None = None, **changes: Any
) -> Assessment:
    """Change the named fields of an item's answer, recording one history row per changed field.

    Values are always validated. With `strict` the cross-field rules must hold afterwards, else
    `RuleViolation` and nothing is written; without it a draft is saved as it is.
    """
    assignment = ws.assignment(item_id)
    item = assignment.item
    clean: dict[str, Any] = {
        f: parse_score(v, item.points, item.id)
        if f == "self_score"
        else _validate(f, v, item.kind, assignment.optional, item.id)
        for f, v in changes.items()
    }
    with write_transaction(ws.db):
        # Read inside the transaction: another program may have changed the row a moment ago.
        period_id = ws.period.id if period_id is None else period_id
        old = _row(ws, period_id, item.id) or Assessment(item_id=item.id, period_id=period_id)
        new = replace(old, **clean)
        if strict:
            problems = rule_problems(new, item.kind, item.points)
            if assignment.optional and new.opted_in is not True and new.has_content:
                word = "已选择不参与" if new.opted_in is False else "尚未选择参与"
                problems.insert(0, f"这是可选事项，{word}，填写前请先选择参与（命令行加 --opt-in）")
            if problems:
                raise RuleViolation(item.id, problems)
        now = history.record_changes(
            ws.db, old, new, clean, entity="assessment", period_id=period_id, item_id=item.id
        )
        if now is None:
            return old
        new = replace(new, updated_at=now)
        values = [getattr(new, c) for c in _COLUMNS]
        ws.db.execute(
            f"INSERT INTO assessments ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
            " ON CONFLICT (period_id, item_id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c not in ("period_id", "item_id")),
            values,
        )
    return new


def set_opt_in(ws: Workspace, item_id: str, opted: bool, *, period_id: int | None = None) -> Assessment:
    """Opt in to (or out of) an optional "有关部门" item; anything already written is kept."""
    assignment = ws.assignment(item_id)
    if not assignment.optional:
        raise UsageError(
            f"{assignment.item.id} 是本单位必须填报的事项（{assignment.role}），不能选择参与或不参与"
        )
    return save_assessment(ws, assignment.item.id, strict=False, period_id=period_id, opted_in=bool(opted))


def answer_adjustment(
    ws: Workspace, item_id: str, present: bool, *, period_id: int | None = None
) -> Assessment:
    """Answer a 加分项 (有/无) or 减分项 (已发生/未发生) in one step: opted in, with result 有 or 无.

    Stored as the command line stores `check B1 --opt-in --result 有`, so both read the same."""
    assignment = ws.assignment(item_id)
    if assignment.item.kind not in ADJUSTMENT_KINDS:
        raise UsageError(f"{assignment.item.id} 不是加分项或减分项")
    return save_assessment(
        ws,
        assignment.item.id,
        strict=False,
        period_id=period_id,
        opted_in=True,
        result="有" if present else "无",
    )


def choice_of(kind: str, opted_in: bool | None, result: str | None) -> bool | None:
    """The yes/no an optional item shows: 参与 for 有关部门 items, 有 / 已发生 for adjustment items."""
    return adjustment_value(opted_in, result) if kind in ADJUSTMENT_KINDS else opted_in


def set_choice(ws: Workspace, item_id: str, yes: bool) -> Assessment:
    """Record an optional item's yes/no: 参与/不参与, or for adjustment items 有/无 (已发生/未发生)."""
    if ws.assignment(item_id).item.kind in ADJUSTMENT_KINDS:
        return answer_adjustment(ws, item_id, yes)
    return set_opt_in(ws, item_id, yes)
