"""Open the database: WAL, foreign keys, a busy timeout, a copy aside before migrating, then migrate."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from fazhi_desktop.errors import StoreError
from fazhi_desktop.store.migrations import migrations

DB_NAME = "fazhi.db"
BUSY_TIMEOUT_MS = 5000


def utc_now() -> str:
    """Current UTC time as an ISO-8601 string with microseconds (sortable)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _connect(path: Path) -> Database:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=True)  # fmt: skip
    db = Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"数据库 {path} 无法使用 WAL 模式（{mode}）")
    db.execute("PRAGMA synchronous = FULL")
    return db


def _backup_before_migration(db: Database, path: Path, pending: list[str]) -> Path:
    """Copy the database aside with SQLite's backup API, so a failed upgrade can be undone."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.parent / "backups" / f"before-migration-{stamp}.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def open_database(data_dir: Path) -> Database:
    """Open (creating if needed) and migrate the database in `data_dir`."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DB_NAME
    existed = path.exists() and path.stat().st_size > 0
    try:
        db = _connect(path)
        pending = [m.name for m in migrations.pending(db)]
        if pending:
            if existed and db.table_names():
                _backup_before_migration(db, path, pending)
            migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"无法打开数据库 {path}：{exc}。如果文件已损坏，请用“从备份恢复”（fazhi-desktop backup restore）。"
        ) from exc
    return db


def applied_migrations(db: Database) -> list[str]:
    """Names of the migrations applied to `db`, in order."""
    return [m.name for m in migrations.applied(db)]


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """A write transaction taken up front (BEGIN IMMEDIATE), so two programs never interleave a
    read-then-write such as appending to the history chain; nested calls become savepoints."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError("数据库正被另一个程序写入，请稍后再试（是否同时打开了两个本程序？）") from exc
        raise
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")
