"""Numbered migrations. `0001_initial` is db/schema.sql; never edit a shipped migration, add a new one."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from fazhi_desktop.catalogue.assign import resolve_unit
from fazhi_desktop.catalogue.registry import plan_from_text
from fazhi_desktop.errors import CatalogueError, UnknownUnit
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


@migrations(name="0002_unit_identity")
def m0002_unit_identity(db: Database) -> None:
    """The unit's identity stored once: which plan version its canonical name and kind were resolved
    against. Every output (file name, bag-info, PDF, workbook, results.json) reads it from here.

    An existing store is resolved once, the way its outputs did until now: the entered name against the
    plan of the current period, as kept in `plans`. When that cannot be done (no period yet, a damaged
    catalogue, a name the plan no longer knows), the stored name and kind stay as they are.
    """
    db.execute("ALTER TABLE unit_profile ADD COLUMN identity_plan_id TEXT")
    db.execute("ALTER TABLE unit_profile ADD COLUMN identity_plan_version TEXT")
    profile = db.execute(
        "SELECT entered_name, unit_name, unit_kind FROM unit_profile WHERE id = 1"
    ).fetchone()
    current = db.execute(
        "SELECT p.plan_id, p.plan_version, s.sha256, s.catalogue FROM periods p"
        " JOIN plans s ON s.plan_id = p.plan_id AND s.version = p.plan_version WHERE p.is_current = 1"
    ).fetchone()
    if profile is None or current is None:
        return
    entered, name, kind = profile
    plan_id, version, sha256, catalogue = current
    try:
        plan = plan_from_text(catalogue, sha256=sha256, source=f"数据库中保存的计划 {plan_id} 版本 {version}")
        unit = resolve_unit(plan, entered)
    except (CatalogueError, UnknownUnit):
        plan_id = version = None
    else:
        name, kind = unit.name, unit.kind
    db.execute(
        "UPDATE unit_profile SET unit_name = ?, unit_kind = ?, identity_plan_id = ?, identity_plan_version = ?"
        " WHERE id = 1",
        [name, kind, plan_id, version],
    )


@migrations(name="0003_plan")
def m0003_plan(db: Database) -> None:
    """Plan format 2 (issue 9): the bureau key first seen, how each plan arrived, self-scores."""
    for statement in split_sql((schema_path().parent / "0003_plan.sql").read_text(encoding="utf-8")):
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


def shipped() -> list[str]:
    """Names of the migrations this program version applies, in order."""
    return [m.name for m in migrations._migrations]
