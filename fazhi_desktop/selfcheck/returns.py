"""Returns and receipts from the bureau, on the unit side (tables `returns_received`, `return_items` and
`receipts_received`, migration 0005, owned here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fazhi_desktop.jsonfields import json_fields
from fazhi_desktop.selfcheck import history
from fazhi_desktop.store.db import utc_now, write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class ReturnRecord:
    return_id: str
    package_id: str
    bureau: str
    bureau_fingerprint: str
    created_at: str
    imported_at: str
    answered_by: str | None
    items: tuple[tuple[str, str], ...]  # (item id, comment)

    def to_dict(self) -> dict[str, object]:
        return json_fields(self) | {"items": [{"id": i, "comment": c} for i, c in self.items]}


@dataclass(frozen=True)
class ReceiptRecord:
    receipt_id: str
    package_id: str
    zip_sha256: str
    received_at: str
    verification: str
    bureau: str
    bureau_fingerprint: str
    imported_at: str

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def find_return(db: Database, return_id: str) -> ReturnRecord | None:
    return next((r for r in list_returns(db) if r.return_id == return_id), None)


def list_returns(db: Database, period_id: int | None = None) -> list[ReturnRecord]:
    sql = (
        "SELECT return_id, package_id, bureau, bureau_fingerprint, created_at, imported_at, answered_by"
        " FROM returns_received"
    )
    args: list[object] = []
    if period_id is not None:
        sql += " WHERE period_id = ?"
        args.append(period_id)
    out = []
    for row in db.execute(sql + " ORDER BY imported_at", args).fetchall():
        items = db.execute(
            "SELECT item_id, comment FROM return_items WHERE return_id = ? ORDER BY item_id", [row[0]]
        ).fetchall()
        rid, pkg, bureau, fp, created, imported, answered = row
        out.append(
            ReturnRecord(rid, pkg, bureau, fp, created, imported, answered, tuple((i, c) for i, c in items))
        )
    return out


def open_return(db: Database, period_id: int) -> ReturnRecord | None:
    """The newest return of the period not yet answered by an export."""
    waiting = [r for r in list_returns(db, period_id) if r.answered_by is None]
    return waiting[-1] if waiting else None


def returned_items(db: Database, period_id: int) -> dict[str, str]:
    """Item id → the bureau's comment, for the period's open return (empty once an export answers it)."""
    record = open_return(db, period_id)
    return dict(record.items) if record is not None else {}


REOPENED_STATUS = (
    "推进中"  # what importing a return sets each returned item's work status to (app/returns.py)
)


def unanswered_returned_items(db: Database, period_id: int) -> set[str]:
    """The open return's items the clerk has not re-answered yet: nothing about the item (answer or
    evidence) changed since the return was imported — the reopening itself does not count."""
    record = open_return(db, period_id)
    if record is None:
        return set()
    marks = [
        e.id
        for e in history.changes_since(db, period_id=period_id)
        if e.entity == "return" and e.field == "imported" and e.new_value == record.return_id
    ]
    if not marks:  # no history row to measure from: every returned item still counts as waiting
        return {i for i, _ in record.items}
    waiting = set()
    for item_id, _ in record.items:
        later = [
            e for e in history.changes_since(db, period_id=period_id, item_id=item_id) if e.id > marks[0]
        ]
        if later and (later[0].entity, later[0].field, later[0].new_value) == (
            "assessment",
            "work_status",
            REOPENED_STATUS,
        ):  # the reopening itself, written in the import's own transaction
            later = later[1:]
        if not later:
            waiting.add(item_id)
    return waiting


def record_return(
    db: Database,
    *,
    return_id: str,
    period_id: int,
    package_id: str,
    bureau: str,
    bureau_fingerprint: str,
    created_at: str,
    items: list[tuple[str, str]],
) -> None:
    """Inside the caller's transaction (the items are reopened in the same one)."""
    db.execute(
        "INSERT INTO returns_received (return_id, period_id, package_id, bureau, bureau_fingerprint,"
        " created_at, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [return_id, period_id, package_id, bureau, bureau_fingerprint, created_at, utc_now()],
    )
    db.conn.executemany(
        "INSERT INTO return_items (return_id, item_id, comment) VALUES (?, ?, ?)",
        [(return_id, i, c) for i, c in items],
    )
    history.record(db, entity="return", field="imported", old=None, new=return_id, period_id=period_id)


def mark_answered(db: Database, return_id: str, package_id: str) -> None:
    with write_transaction(db):
        db.execute("UPDATE returns_received SET answered_by = ? WHERE return_id = ?", [package_id, return_id])


def record_receipt(db: Database, r: ReceiptRecord) -> bool:
    """False when this receipt is already recorded (importing it twice changes nothing)."""
    with write_transaction(db):
        if db.execute("SELECT 1 FROM receipts_received WHERE receipt_id = ?", [r.receipt_id]).fetchone():
            return False
        db.execute(
            "INSERT INTO receipts_received (receipt_id, package_id, zip_sha256, received_at, verification, bureau,"
            " bureau_fingerprint, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                r.receipt_id,
                r.package_id,
                r.zip_sha256,
                r.received_at,
                r.verification,
                r.bureau,
                r.bureau_fingerprint,
                r.imported_at,
            ],
        )
    return True


def receipts_by_package(db: Database) -> dict[str, ReceiptRecord]:
    rows = db.execute(
        "SELECT receipt_id, package_id, zip_sha256, received_at, verification, bureau, bureau_fingerprint,"
        " imported_at FROM receipts_received ORDER BY imported_at"
    ).fetchall()
    return {r[1]: ReceiptRecord(*r) for r in rows}
