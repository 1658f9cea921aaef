"""Change history: every change recorded, each row chained to the previous one (the rule: hashchain.py).

This module owns the `history` table. Callers record inside the same transaction as the change itself,
so a change and its history row are written together or not at all; `verify_chain` reports the rows
that no longer match.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fazhi_desktop.dates import split_user_date
from fazhi_desktop.errors import BadDate, UsageError
from fazhi_desktop.hashchain import GENESIS, ChainRow, broken_rows, row_hash
from fazhi_desktop.store.db import utc_now, where_clause

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: str
    period_id: int | None
    item_id: str | None
    entity: str
    field: str
    old_value: str | None
    new_value: str | None
    hash: str


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def record(
    db: Database,
    *,
    entity: str,
    field: str,
    old: Any,
    new: Any,
    period_id: int | None = None,
    item_id: str | None = None,
    at: str | None = None,
) -> str:
    """Append one change to the chain (call inside the change's own transaction); returns its hash."""
    if not db.conn.in_transaction:
        # Outside a write transaction two programs could both read the same head and fork the chain.
        raise RuntimeError("history.record must be called inside write_transaction(db)")
    old_t, new_t = _text(old), _text(new)
    at = at or utc_now()
    prev = head(db)
    digest = row_hash(prev, at, period_id, item_id, entity, field, old_t, new_t)
    db.execute(
        "INSERT INTO history (at, period_id, item_id, entity, field, old_value, new_value, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [at, period_id, item_id, entity, field, old_t, new_t, prev, digest],
    )
    return digest


def record_all(
    db: Database,
    changes: Iterable[tuple[str, Any, Any]],
    *,
    entity: str,
    period_id: int | None = None,
    item_id: str | None = None,
    at: str | None = None,
) -> None:
    """One row per `(field, old, new)` of `changes`, all of the same entity, item and time."""
    for field, old, new in changes:
        record(db, entity=entity, field=field, old=old, new=new, period_id=period_id, item_id=item_id, at=at)


def record_changes(
    db: Database,
    old: Any,
    new: Any,
    fields: Iterable[str],
    *,
    entity: str,
    period_id: int,
    item_id: str | None = None,
) -> str | None:
    """A row for each of `fields` whose value differs between the records `old` and `new`; the rows'
    time (for the record's `updated_at`), or None when nothing changed and nothing was written."""
    changed = [(f, getattr(old, f), getattr(new, f)) for f in fields if getattr(old, f) != getattr(new, f)]
    if not changed:
        return None
    now = utc_now()
    record_all(db, changed, entity=entity, period_id=period_id, item_id=item_id, at=now)
    return now


def verify_chain(db: Database) -> list[int]:
    """Ids of history rows whose hash or link does not match (empty when the chain is intact)."""
    return broken_rows(chain_rows(db))


def chain_rows(db: Database) -> Iterator[ChainRow]:
    """Every stored row with its links, oldest first (what history.jsonl carries), read as they are
    used: years of history need not fit in memory at once."""
    for r in db.execute(
        "SELECT id, at, period_id, item_id, entity, field, old_value, new_value, prev_hash, hash"
        " FROM history ORDER BY id"
    ):
        yield tuple(r)


def count(db: Database) -> int:
    return int(db.execute("SELECT COUNT(*) FROM history").fetchone()[0])


def entry(db: Database, row_id: int) -> HistoryEntry | None:
    """One stored row, or None when there is no row with that id."""
    row = db.execute(f"SELECT {_COLUMNS} FROM history WHERE id = ?", [row_id]).fetchone()
    return HistoryEntry(*row) if row else None


def _entries(rows: list[tuple[Any, ...]]) -> list[HistoryEntry]:
    return [HistoryEntry(*r) for r in rows]


_COLUMNS = "id, at, period_id, item_id, entity, field, old_value, new_value, hash"


def changes_since(
    db: Database, since: str | None = None, *, period_id: int | None = None, item_id: str | None = None
) -> list[HistoryEntry]:
    """Changes after the time `since` (ISO-8601, UTC; a bare date means its start), oldest first."""
    where, params = where_clause(
        ("at > ?", since or None),
        ("(period_id = ? OR period_id IS NULL)", period_id),
        ("item_id = ?", item_id),
    )
    return _entries(db.execute(f"SELECT {_COLUMNS} FROM history {where} ORDER BY id", params).fetchall())


def parse_since(text: str) -> str:
    """A time or date the clerk typed (local time unless it names a zone) as the UTC form `at` uses."""
    try:
        day, rest = split_user_date(text, "时间")
    except BadDate as err:
        if not err.unreadable:
            raise  # a readable date the calendar does not have: say so
        raise UsageError(f"时间“{text}”无法识别，请写成 2021-09-30 或 2021-09-30 14:00") from None
    clock = rest.strip()
    try:
        moment = dt.datetime.fromisoformat(day.isoformat() + ("T" + clock.lstrip("T") if clock else ""))
    except ValueError:
        raise UsageError(f"时间“{text}”无法识别，请写成 2021-09-30 或 2021-09-30 14:00") from None
    # A naive time is the clerk's wall clock; astimezone() reads it as local time.
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def head(db: Database) -> str:
    """Hash of the newest history row (GENESIS when empty): what a package's history ends with."""
    row = db.execute("SELECT hash FROM history ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS
