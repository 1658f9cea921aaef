"""The reviewer store's own numbered migrations (not the unit's set): never edit a shipped one, add a new one.

The SQL lives here rather than in db/ so that the bundle needs no extra data file.
"""

from __future__ import annotations

import re

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from fazhi_desktop.store.migrations import split_sql

MIGRATION_SET = "fazhi_review"
review_migrations = Migrations(MIGRATION_SET)

_INITIAL = """
-- The bureau: one row. The round it collects is one plan and one period.
CREATE TABLE bureau (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    plan_version TEXT NOT NULL,
    period_label TEXT NOT NULL,
    key_fingerprint TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Trusted unit keys. `fingerprint` is the full 64-digit value, or only the 32-digit form typed from
-- the paper cover until the unit's first package proves it (then `public_key` is filled in).
CREATE TABLE unit_keys (
    id INTEGER PRIMARY KEY,
    unit_name TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    public_key BLOB,
    source TEXT NOT NULL CHECK (source IN ('file', 'typed')),
    status TEXT NOT NULL CHECK (status IN ('active', 'replaced', 'revoked')),
    added_at TEXT NOT NULL,
    ended_at TEXT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX unit_keys_one_active ON unit_keys (unit_name) WHERE status = 'active';
CREATE INDEX unit_keys_fingerprint ON unit_keys (fingerprint);

-- Packages that verified. `standing`: current (the unit's newest), superseded (replaced by a newer one),
-- late (older than the current one, arrived after it), unregistered (signer not a registered key:
-- viewable, never counted).
CREATE TABLE received_packages (
    package_id TEXT PRIMARY KEY,
    zip_sha256 TEXT NOT NULL UNIQUE,
    unit_name TEXT NOT NULL,
    unit_kind TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    plan_version TEXT NOT NULL,
    period_label TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    supersedes TEXT,
    answers_return TEXT,
    created TEXT NOT NULL,
    key_fingerprint TEXT NOT NULL,
    size INTEGER NOT NULL,
    stored_name TEXT NOT NULL,
    source_path TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES batches (id),
    standing TEXT NOT NULL CHECK (standing IN ('current', 'superseded', 'late', 'unregistered')),
    results_json TEXT NOT NULL
);
CREATE INDEX received_packages_unit ON received_packages (unit_name, sequence);

-- One row per item a package answers (from its verified results.json).
CREATE TABLE answers (
    package_id TEXT NOT NULL REFERENCES received_packages (package_id),
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    group_number INTEGER NOT NULL,
    role TEXT NOT NULL,
    optional INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    work_status TEXT NOT NULL,
    result TEXT,
    narrative TEXT NOT NULL,
    problems TEXT NOT NULL,
    measures TEXT NOT NULL,
    deadline TEXT,
    responsible_person TEXT NOT NULL,
    points REAL,
    self_score REAL,
    complete INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (package_id, item_id)
);

-- Evidence kept content-addressed, once (blobs/<aa>/<sha256>); each package lists its own documents.
CREATE TABLE evidence_files (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL
);
CREATE TABLE package_evidence (
    package_id TEXT NOT NULL REFERENCES received_packages (package_id),
    evidence_id TEXT NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES evidence_files (sha256),
    items TEXT NOT NULL,
    PRIMARY KEY (package_id, evidence_id)
);

-- Import batches, and every file that did not make it in, with the precise reason. Nothing of the
-- content of a rejected file is kept: only where it was and why.
CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT
);
CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES batches (id),
    source_path TEXT NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    unit_name TEXT,
    package_id TEXT,
    at TEXT NOT NULL
);

-- The reviewer's verdict per unit and item (通过 / 退回修改), the 审核得分 where the plan has points.
CREATE TABLE reviews (
    unit_name TEXT NOT NULL,
    item_id TEXT NOT NULL,
    package_id TEXT NOT NULL,
    verdict TEXT CHECK (verdict IN ('通过', '退回修改')),
    comment TEXT NOT NULL DEFAULT '',
    score REAL,
    deduction_reason TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    PRIMARY KEY (unit_name, item_id)
);

-- The county's rectification ledger: an open 存在问题 stays open until the reviewer confirms it (销号).
CREATE TABLE rectifications (
    unit_name TEXT NOT NULL,
    item_id TEXT NOT NULL,
    period_label TEXT NOT NULL,
    package_id TEXT NOT NULL,
    problems TEXT NOT NULL,
    measures TEXT NOT NULL,
    responsible_person TEXT NOT NULL,
    deadline TEXT,
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    close_note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (unit_name, item_id, period_label)
);

-- Returns sent and receipts issued.
CREATE TABLE returns (
    return_id TEXT PRIMARY KEY,
    unit_name TEXT NOT NULL,
    package_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    items TEXT NOT NULL,
    file_sha256 TEXT NOT NULL
);
CREATE TABLE receipts (
    receipt_id TEXT PRIMARY KEY,
    package_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    file_sha256 TEXT NOT NULL
);

CREATE TABLE review_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


@review_migrations(name="0001_review_initial")
def m0001_review_initial(db: Database) -> None:
    for statement in split_sql(_INITIAL):
        db.execute(statement)


_ROUNDS = """
-- The rounds the bureau has collected, in order: the bureau row names the current one. A round is one
-- plan and one period; what was received in an earlier round stays on record, keyed by its plan and period.
CREATE TABLE rounds (
    id INTEGER PRIMARY KEY,
    plan_id TEXT NOT NULL,
    plan_version TEXT NOT NULL,
    period_label TEXT NOT NULL,
    started_at TEXT NOT NULL,
    UNIQUE (plan_id, period_label)
);
INSERT INTO rounds (plan_id, plan_version, period_label, started_at)
    SELECT plan_id, plan_version, period_label, created_at FROM bureau;
"""
ROUND_KEY = ("plan_id", "period_label")


def _key_by_round(db: Database, table: str) -> None:
    """Widen `table`'s primary key with the round (plan_id, period_label), adding the columns it lacks.

    SQLite cannot change a key in place: the table is made again from its own stored definition (as 0001
    created it: only the new columns after item_id and the key differ), the rows are copied with the plan
    and period of the package each names (the bureau's round for a package not on record), and the old
    table is dropped."""
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()
    old = [r[1] for r in db.execute(f"PRAGMA table_info({table})").fetchall()]
    new = [c for c in ROUND_KEY if c not in old]
    key = re.search(r"PRIMARY KEY \(([^)]*)\)", sql)
    anchor = "item_id TEXT NOT NULL,"
    if key is None or anchor not in sql or not sql.startswith(f"CREATE TABLE {table} ("):
        raise RuntimeError(f"unexpected definition of {table}: {sql}")
    wider = [k.strip() for k in key.group(1).split(",") if k.strip() not in ROUND_KEY] + list(ROUND_KEY)
    sql = sql.replace(f"CREATE TABLE {table} (", f"CREATE TABLE {table}_0002 (", 1)
    sql = sql.replace(anchor, anchor + "".join(f" {c} TEXT NOT NULL," for c in new), 1)
    db.execute(sql.replace(key.group(0), f"PRIMARY KEY ({', '.join(wider)})"))
    fill = [f"COALESCE(p.{c}, b.{c}, '')" for c in new]
    db.execute(
        f"INSERT INTO {table}_0002 ({', '.join(old + new)})"
        f" SELECT {', '.join([f't.{c}' for c in old] + fill)} FROM {table} t"
        " LEFT JOIN received_packages p ON p.package_id = t.package_id LEFT JOIN bureau b ON b.id = 1"
    )
    db.execute(f"DROP TABLE {table}")
    db.execute(f"ALTER TABLE {table}_0002 RENAME TO {table}")


@review_migrations(name="0002_review_rounds")
def m0002_review_rounds(db: Database) -> None:
    """Issue 10: a next round. The `rounds` table (seeded with the bureau's round); reviews, and ledger
    rows, keyed by the round's plan and period: a verdict given in one round is not one on the next
    round's package, and two plans collected for the same period each keep their own ledger rows."""
    for statement in split_sql(_ROUNDS):
        db.execute(statement)
    for table in ("reviews", "rectifications"):
        _key_by_round(db, table)
