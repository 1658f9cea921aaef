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


@migrations(name="0003_plan")
def m0003_plan(db: Database) -> None:
    """Plan format 2 (issue 9): the bureau key first seen, how each plan arrived, self-scores."""
    for statement in split_sql((schema_path().parent / "0003_plan.sql").read_text(encoding="utf-8")):
        db.execute(statement)
