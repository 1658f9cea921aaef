"""Review and scoring (table `reviews`, and the `grade_bands` setting, owned here).

Per item the reviewer says 通过 or 退回修改 with a comment and, where the plan gives points, a 审核得分
with the reason for any deduction. An item the reviewer has not scored counts with the unit's 自评分.
A plan without points (the 2021 plan) has no scores: units are then graded and ranked by the share of
their answered items judged 已完成/达标 — and every output says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fazhi_desktop.errors import UsageError
from fazhi_desktop.jsonfields import json_fields
from fazhi_desktop.review import received
from fazhi_desktop.review.store import Round, current_round
from fazhi_desktop.store.db import utc_now, write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database


VERDICTS = ("通过", "退回修改")
DEFAULT_BANDS: tuple[tuple[float, str], ...] = ((90, "优秀"), (80, "良好"), (60, "一般"), (0, "较差"))
BANDS_KEY = "grade_bands"
GOOD = frozenset({"已完成", "达标", "不适用"})
PARTIAL = frozenset({"部分完成", "基本达标"})
BAD = frozenset({"未完成", "未达标"})


@dataclass(frozen=True)
class Review:
    unit_name: str
    item_id: str
    package_id: str
    verdict: str | None
    comment: str
    score: float | None
    deduction_reason: str
    at: str

    def to_dict(self) -> dict[str, object]:
        return json_fields(self, rename={"unit_name": "unit", "item_id": "item"})


def result_class(result: str | None) -> str:
    """good / partial / bad / none: how a result counts in the county's figures."""
    if result in GOOD:
        return "good"
    if result in PARTIAL:
        return "partial"
    if result in BAD:
        return "bad"
    return "none"


def set_review(
    db: Database,
    unit_name: str,
    item_id: str,
    package_id: str,
    *,
    verdict: str | None = None,
    comment: str = "",
    score: float | None = None,
    points: float | None = None,
    deduction_reason: str = "",
) -> Review:
    """Record the reviewer's verdict (and score) for one item of a unit's current package (in the round
    of that package: a review belongs to its round)."""
    if verdict is not None and verdict not in VERDICTS:
        raise UsageError(f"审核意见只能是 {' 或 '.join(VERDICTS)}，不是“{verdict}”")
    if verdict == "退回修改" and not comment.strip():
        raise UsageError("退回修改时请写明意见（单位要据此修改）")
    if score is not None:
        if points is None:
            raise UsageError("本计划的这一项没有分值，不能打分：请只给出通过或退回修改")
        if not 0 <= score <= points:
            raise UsageError(f"审核得分应在 0 到 {points:g} 分之间")
        if score < points and not deduction_reason.strip():
            raise UsageError("扣分时请写明扣分理由")
    package = received.package_by_id(db, package_id)
    if package is None:
        raise UsageError(f"审核数据中没有编号为 {package_id} 的上报包")
    with write_transaction(db):
        db.execute(
            "INSERT INTO reviews (unit_name, item_id, plan_id, period_label, package_id, verdict, comment,"
            " score, deduction_reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (unit_name, item_id, plan_id, period_label) DO UPDATE SET"
            " package_id = excluded.package_id, verdict = COALESCE(excluded.verdict, verdict),"
            " comment = CASE WHEN excluded.comment != '' THEN excluded.comment ELSE comment END,"
            " score = COALESCE(excluded.score, score),"
            " deduction_reason = CASE WHEN excluded.deduction_reason != '' THEN excluded.deduction_reason"
            " ELSE deduction_reason END, at = excluded.at",
            [
                unit_name,
                item_id,
                package.plan_id,
                package.period_label,
                package_id,
                verdict,
                comment.strip(),
                score,
                deduction_reason.strip(),
                utc_now(),
            ],
        )
    return reviews_of(db, unit_name, in_round=package.round)[item_id]


def reviews_of(
    db: Database, unit_name: str | None = None, *, in_round: Round | None = None
) -> dict[str, Review]:
    """Item id → review in `in_round` (the bureau's current round by default), for one unit; with no
    unit, keys are `unit/item`."""
    which = in_round or current_round(db)
    sql = (
        "SELECT unit_name, item_id, package_id, verdict, comment, score, deduction_reason, at FROM reviews"
        " WHERE plan_id = ? AND period_label = ?"
    )
    args: list[object] = [which.plan_id, which.period_label]
    if unit_name is not None:
        rows = db.execute(sql + " AND unit_name = ?", [*args, unit_name]).fetchall()
        return {r[1]: Review(*r) for r in rows}
    return {f"{r[0]}/{r[1]}": Review(*r) for r in db.execute(sql, args).fetchall()}


def grade_bands(db: Database) -> tuple[tuple[float, str], ...]:
    row = db.execute("SELECT value FROM review_settings WHERE key = ?", [BANDS_KEY]).fetchone()
    if row is None:
        return DEFAULT_BANDS
    return tuple((float(a), str(b)) for a, b in json.loads(row[0]))


def parse_bands(text: str) -> tuple[tuple[float, str], ...]:
    """`优秀=90,良好=80,一般=60` (the last grade, below the lowest bound, is 较差 unless named `X=0`)."""
    bands: list[tuple[float, str]] = []
    for part in text.replace("，", ",").split(","):
        if not part.strip():
            continue
        name, sep, bound = part.partition("=")
        try:
            value = float(bound)
        except ValueError:
            raise UsageError(f"等次写法不对：“{part}”（应为 等次=分数，如 优秀=90）") from None
        if not sep or not name.strip() or not 0 <= value <= 100:
            raise UsageError(f"等次写法不对：“{part}”（应为 等次=分数，如 优秀=90）")
        bands.append((value, name.strip()))
    bands.sort(reverse=True)
    if not bands:
        raise UsageError("请至少给出一个等次，如 优秀=90,良好=80,一般=60")
    if len({b for b, _ in bands}) != len(bands):
        raise UsageError("两个等次的分数线相同")
    if bands[-1][0] > 0:
        bands.append((0, "较差"))
    return tuple(bands)


def set_grade_bands(db: Database, bands: tuple[tuple[float, str], ...]) -> None:
    with write_transaction(db):
        db.execute(
            "INSERT INTO review_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [BANDS_KEY, json.dumps(bands, ensure_ascii=False)],
        )


def grade_for(value: float, bands: tuple[tuple[float, str], ...]) -> str:
    for bound, name in bands:
        if value >= bound:
            return name
    return bands[-1][1]


def describe_bands(bands: tuple[tuple[float, str], ...]) -> str:
    parts = [f"{name} ≥ {bound:g}" for bound, name in bands if bound > 0]
    return "，".join(parts) + f"，其余为{bands[-1][1]}"
