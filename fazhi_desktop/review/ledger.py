"""The county rectification ledger (整改台账, table `rectifications`, owned here).

Every 存在问题 a unit reports in its current package opens a row; the row stays open — whatever later
packages say — until the reviewer confirms the rectification (销号). Open rows from an earlier period
are listed with the current ones: they carry into the next round.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from fazhi_desktop.errors import UsageError
from fazhi_desktop.store.db import utc_now, write_transaction


@dataclass(frozen=True)
class LedgerRow:
    unit_name: str
    item_id: str
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
        return {
            "unit": self.unit_name,
            "item": self.item_id,
            "period": self.period_label,
            "package_id": self.package_id,
            "problems": self.problems,
            "measures": self.measures,
            "responsible_person": self.responsible_person,
            "deadline": self.deadline,
            "opened_at": self.opened_at,
            "closed_at": self.closed_at,
            "close_note": self.close_note,
            "overdue": self.overdue(today),
        }


def note_problems(
    db: Database, unit_name: str, period_label: str, package_id: str, items: Iterable[dict[str, Any]]
) -> None:
    """Open or update a row for each item whose answer names a problem (inside the import's transaction)."""
    for item in items:
        problems = str(item.get("problems") or "").strip()
        if not problems or not item.get("answered"):
            continue
        row = db.execute(
            "SELECT problems, closed_at FROM rectifications WHERE unit_name = ? AND item_id = ? AND period_label = ?",
            [unit_name, item["id"], period_label],
        ).fetchone()
        values = [package_id, problems, item["measures"], item["responsible_person"], item["deadline"]]
        if row is None:
            db.execute(
                "INSERT INTO rectifications (package_id, problems, measures, responsible_person, deadline,"
                " unit_name, item_id, period_label, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [*values, unit_name, item["id"], period_label, utc_now()],
            )
        elif row[1] is None or row[0] != problems:  # open, or a new problem after 销号: (re)open
            db.execute(
                "UPDATE rectifications SET package_id = ?, problems = ?, measures = ?, responsible_person = ?,"
                " deadline = ?, closed_at = NULL WHERE unit_name = ? AND item_id = ? AND period_label = ?",
                [*values, unit_name, item["id"], period_label],
            )


def ledger_rows(db: Database, *, include_closed: bool = False) -> list[LedgerRow]:
    """Rows grouped by unit (then item); open ones of every period, closed ones on request."""
    sql = (
        "SELECT unit_name, item_id, period_label, package_id, problems, measures, responsible_person,"
        " deadline, opened_at, closed_at, close_note FROM rectifications"
    )
    if not include_closed:
        sql += " WHERE closed_at IS NULL"
    rows = db.execute(sql + " ORDER BY unit_name, item_id, period_label").fetchall()
    return [LedgerRow(*r) for r in rows]


def close_item(db: Database, unit_name: str, item_id: str, note: str) -> LedgerRow:
    """销号: the reviewer confirms the rectification of one open row."""
    with write_transaction(db):
        cur = db.execute(
            "UPDATE rectifications SET closed_at = ?, close_note = ?"
            " WHERE unit_name = ? AND item_id = ? AND closed_at IS NULL",
            [utc_now(), note, unit_name, item_id],
        )
        if cur.rowcount == 0:
            raise UsageError(f"整改台账中没有 {unit_name} 第 {item_id} 项未销号的问题")
    return next(
        r for r in ledger_rows(db, include_closed=True) if r.unit_name == unit_name and r.item_id == item_id
    )
