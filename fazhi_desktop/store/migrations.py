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


# 0004 (docs-reports): the unit's own words for a period, placed in the report where a person would
# write them: 总体情况 (what the unit did overall) and 下一步工作打算. Inline, so a bundle needs no
# extra data file. Owned by fazhi_desktop/selfcheck/narratives.py.
_M0004 = """
CREATE TABLE period_narratives (
    period_id     INTEGER PRIMARY KEY REFERENCES periods(id) ON DELETE CASCADE,
    overall       TEXT NOT NULL DEFAULT '',
    next_steps    TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);
"""


@migrations(name="0004_narratives")
def m0004_narratives(db: Database) -> None:
    for statement in split_sql(_M0004):
        db.execute(statement)
