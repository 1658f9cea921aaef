"""The packages this installation has exported (the `packages` table, owned here).

A package's id and sequence number let the bureau see that a resubmission supersedes an earlier one;
the record is written once the package file is complete and verified, just before the file gets its
final name (see app/export.py); if that rename fails, the record is withdrawn.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from fazhi_desktop.selfcheck import history
from fazhi_desktop.store.db import utc_now, write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class PackageRecord:
    package_id: str
    sequence: int
    supersedes: str | None
    created_at: str
    file_name: str
    size: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def last_package(db: Database, period_id: int) -> tuple[int, str | None]:
    """(sequence, package id) of the period's newest package, or (0, None) before the first one."""
    row = db.execute(
        "SELECT sequence, package_id FROM packages WHERE period_id = ? ORDER BY sequence DESC LIMIT 1",
        [period_id],
    ).fetchone()
    return (int(row[0]), row[1]) if row else (0, None)


def record_package(
    db: Database,
    *,
    package_id: str,
    period_id: int,
    sequence: int,
    supersedes: str | None,
    file_name: str,
    size: int,
    sha256: str,
) -> None:
    """Record a package just written, with its history row, in one transaction."""
    with write_transaction(db):
        db.execute(
            "INSERT INTO packages (package_id, period_id, sequence, supersedes, created_at, file_name, size, sha256)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [package_id, period_id, sequence, supersedes, utc_now(), file_name, size, sha256],
        )
        history.record(
            db, entity="package", field="exported", old=supersedes, new=package_id, period_id=period_id
        )


def withdraw_package(db: Database, *, package_id: str, period_id: int) -> None:
    """Take back the record of a package that never reached its final name (the history keeps both
    rows: it is only ever appended to)."""
    with write_transaction(db):
        db.execute("DELETE FROM packages WHERE package_id = ?", [package_id])
        history.record(db, entity="package", field="withdrawn", old=package_id, new=None, period_id=period_id)


def list_packages(db: Database, period_id: int) -> list[PackageRecord]:
    """Packages written for a period, newest first."""
    rows = db.execute(
        "SELECT package_id, sequence, supersedes, created_at, file_name, size, sha256 FROM packages"
        " WHERE period_id = ? ORDER BY sequence DESC",
        [period_id],
    ).fetchall()
    return [PackageRecord(*r) for r in rows]
