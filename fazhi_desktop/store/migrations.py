"""Numbered migrations. `0001_initial` is db/schema.sql; never edit a shipped migration, add a new one."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from fazhi_desktop.paths import schema_path

MIGRATION_SET = "fazhi_desktop"
migrations = Migrations(MIGRATION_SET)


def split_sql(script: str) -> list[str]:
    """Split a script into complete statements (executescript would COMMIT the migration's transaction)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(ln.strip().startswith("--") for ln in buffer.strip().splitlines()):
        statements.append(buffer.strip())
    return statements


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    for statement in split_sql(schema_path().read_text(encoding="utf-8")):
        db.execute(statement)


# 0005 (reviewer, issue 10): returns (退回包) and receipts (回执) from the county justice bureau. Owner:
# selfcheck/returns.py. Inline so the bundle needs no extra data file.
_0005_REVIEWER = """
CREATE TABLE returns_received (
    return_id TEXT PRIMARY KEY,
    period_id INTEGER NOT NULL REFERENCES periods (id),
    package_id TEXT NOT NULL,
    bureau TEXT NOT NULL,
    bureau_fingerprint TEXT NOT NULL,
    created_at TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    answered_by TEXT
);
CREATE TABLE return_items (
    return_id TEXT NOT NULL REFERENCES returns_received (return_id),
    item_id TEXT NOT NULL,
    comment TEXT NOT NULL,
    PRIMARY KEY (return_id, item_id)
);
CREATE TABLE receipts_received (
    receipt_id TEXT PRIMARY KEY,
    package_id TEXT NOT NULL,
    zip_sha256 TEXT NOT NULL,
    received_at TEXT NOT NULL,
    verification TEXT NOT NULL,
    bureau TEXT NOT NULL,
    bureau_fingerprint TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
"""


@migrations(name="0005_reviewer")
def m0005_reviewer(db: Database) -> None:
    for statement in split_sql(_0005_REVIEWER):
        db.execute(statement)
