"""The county rectification ledger (整改台账, table `rectifications`, owned here).

Every 存在问题 a unit reports in its current package opens a row (keyed by unit, item and the package's
plan and period); the row stays open — whatever later packages say — until the reviewer confirms the
rectification (销号). The ledger of a round is its own rows and every row of an earlier round still open
when it began: open rows carry into the next round (marked with their period), closed ones do not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fazhi_desktop.errors import UsageError
from fazhi_desktop.jsonfields import json_fields
from fazhi_desktop.review.store import Round, current_round, round_started
from fazhi_desktop.store.db import utc_now, write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class LedgerRow:
    unit_name: str
    item_id: str
    plan_id: str
    period_label: str
    package_id: str
    problems: str
    measures: str
    responsible_person: str
    deadline: str | None
    opened_at: str
    closed_at: str | None
    close_note: str

    def overdue(self, today: dt.date) -> bool:
        return self.closed_at is None and self.deadline is not None and self.deadline < today.isoformat()

    def to_dict(self, today: dt.date) -> dict[str, object]:
        renamed = {"unit_name": "unit", "item_id": "item", "period_label": "period"}
        return json_fields(self, rename=renamed) | {"overdue": self.overdue(today)}


def note_problems(
    db: Database, unit_name: str, in_round: Round, package_id: str, items: Iterable[dict[str, Any]]
) -> None:
    """Open or update a row for each item whose answer names a problem (inside the import's transaction)."""
    key = [in_round.plan_id, in_round.period_label]
    for item in items:
        problems = str(item.get("problems") or "").strip()
        if not problems or not item.get("answered"):
            continue
        row = db.execute(
            "SELECT problems, closed_at FROM rectifications WHERE unit_name = ? AND item_id = ?"
            " AND plan_id = ? AND period_label = ?",
            [unit_name, item["id"], *key],
        ).fetchone()
        values = [package_id, problems, item["measures"], item["responsible_person"], item["deadline"]]
        if row is None:
            db.execute(
                "INSERT INTO rectifications (package_id, problems, measures, responsible_person, deadline,"
                " unit_name, item_id, plan_id, period_label, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [*values, unit_name, item["id"], *key, utc_now()],
            )
        elif row[1] is None or row[0] != problems:  # open, or a new problem after 销号: (re)open
            db.execute(
                "UPDATE rectifications SET package_id = ?, problems = ?, measures = ?, responsible_person = ?,"
                " deadline = ?, closed_at = NULL WHERE unit_name = ? AND item_id = ? AND plan_id = ?"
                " AND period_label = ?",
                [*values, unit_name, item["id"], *key],
            )


_COLS = (
    "unit_name, item_id, plan_id, period_label, package_id, problems, measures, responsible_person,"
    " deadline, opened_at, closed_at, close_note"
)


def ledger_rows(db: Database, *, include_closed: bool = False) -> list[LedgerRow]:
    """The current round's ledger, grouped by unit (then item, then period): open rows of every period,
    and on request the closed ones of this round (its own, and carried rows closed since it began)."""
    which = current_round(db)
    since = round_started(db, which) or ""
    ours = "(plan_id = ? AND period_label = ?)"
    if include_closed:
        where = f"WHERE {ours} OR closed_at IS NULL OR closed_at >= ?"
        args: list[object] = [which.plan_id, which.period_label, since]
    else:
        where = "WHERE closed_at IS NULL"
        args = []
    rows = db.execute(
        f"SELECT {_COLS} FROM rectifications {where} ORDER BY unit_name, item_id, opened_at, period_label",
        args,
    ).fetchall()
    return [LedgerRow(*r) for r in rows]


def close_item(
    db: Database, unit_name: str, item_id: str, note: str, *, period: str | None = None
) -> LedgerRow:
    """销号: the reviewer confirms the rectification of one open row. When the item has open rows from
    more than one period (carried from an earlier round), `period` says which one."""
    with write_transaction(db):
        open_rows = [
            LedgerRow(*r)
            for r in db.execute(
                f"SELECT {_COLS} FROM rectifications WHERE unit_name = ? AND item_id = ? AND closed_at IS NULL"
                " ORDER BY opened_at",
                [unit_name, item_id],
            ).fetchall()
        ]
        if period is not None:
            open_rows = [r for r in open_rows if r.period_label == period.strip()]
        if not open_rows:
            when = f"{period.strip()}" if period is not None else ""
            raise UsageError(f"整改台账中没有 {unit_name} 第 {item_id} 项{when}未销号的问题")
        if len(open_rows) > 1:
            periods = "、".join(f"{r.period_label}（{r.plan_id}）" for r in open_rows)
            raise UsageError(
                f"{unit_name} 第 {item_id} 项有多个期间的问题未销号：{periods}。请用 --period 指明销哪一期的"
            )
        row = open_rows[0]
        closed_at = utc_now()
        db.execute(
            "UPDATE rectifications SET closed_at = ?, close_note = ?"
            " WHERE unit_name = ? AND item_id = ? AND plan_id = ? AND period_label = ?",
            [closed_at, note, unit_name, item_id, row.plan_id, row.period_label],
        )
    return dataclasses.replace(row, closed_at=closed_at, close_note=note)
