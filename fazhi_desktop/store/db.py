"""Open the database: WAL, foreign keys, a busy timeout, a copy aside before migrating, then migrate."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Self

from fazhi_desktop.errors import StoreError, describe_os_error, describe_sqlite_error
from fazhi_desktop.paths import default_data_dir
from fazhi_desktop.sizes import format_size

if TYPE_CHECKING:
    # Loaded where a database is opened (_connect, _unit_migrations), not by each module that names the
    # type: sqlite-utils brings click, dateutil and pluggy (≈60 ms), which a verb that opens no store —
    # `verify`, `--version`, `--help` — need not pay for.
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

DB_NAME = "fazhi.db"
BUSY_TIMEOUT_MS = 5000


def utc_now() -> str:
    """Current UTC time as an ISO-8601 string with microseconds (sortable)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


class DataDirectory:
    """A data directory and its open database; `close`, or the end of a `with` block, closes it."""

    def __init__(self, data_dir: Path, db: Database) -> None:
        self.data_dir = data_dir
        self.db = db

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def where_clause(*conditions: tuple[str, object | None]) -> tuple[str, list[object]]:
    """`WHERE a AND b …` ("" for none) and its parameters, from `(condition with one ?, value)` pairs;
    a pair whose value is None is left out (no filter on that column)."""
    kept = [(sql, value) for sql, value in conditions if value is not None]
    where = ("WHERE " + " AND ".join(sql for sql, _ in kept)) if kept else ""
    return where, [value for _, value in kept]


def as_database(conn: sqlite3.Connection) -> Database:
    """sqlite-utils over `conn`. No sqlite-utils plugin found in the environment may hook our
    connection (and scanning every installed distribution's entry points for one cost ≈18 ms of each
    process that opens a store)."""
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[Database]:
    """A database file opened read-only, outside any workspace (a backup, a store being restored)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield as_database(conn)
    finally:
        conn.close()


def _connect(path: Path) -> Database:
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=True
    )
    db = as_database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    mode = _set_wal(db)
    if str(mode).lower() != "wal":
        conn.close()
        raise StoreError(f"数据库 {path} 无法使用 WAL 模式（{mode}），请把数据目录放在本机磁盘上")
    db.execute("PRAGMA synchronous = FULL")
    return db


def _set_wal(db: Database) -> str:
    """Switch to WAL. Two programs creating the database at the same moment can both ask; the loser is
    told "locked" at once (the switch does not wait on the busy handler), so it waits and asks again."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return str(db.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _backup_before_migration(path: Path) -> Path:
    """Copy the database aside with SQLite's backup API, so a failed upgrade can be undone.

    Called while this program holds the write lock: a second, read-only connection copies the last
    committed state (the backup API cannot read through the connection that holds the lock)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.parent / "backups" / f"before-migration-{stamp}.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def _unit_migrations() -> Migrations:
    """The unit store's migration set (store/migrations.py), the default of open_database."""
    from fazhi_desktop.store.migrations import migrations

    return migrations


def _migrate(db: Database, path: Path, migration_set: Migrations) -> None:
    """Apply pending migrations under the write lock.

    Two programs may open a brand-new (or just upgraded) database at the same moment: each takes the
    write lock first (BEGIN IMMEDIATE waits on the busy timeout) and looks again at what is pending, so
    the second one finds the work done instead of creating the same tables twice. The copy aside and
    every migration happen inside that one transaction: all of it, or none of it.
    """
    if not migration_set.pending(db):
        return  # the usual case, read-only: no lock taken
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        pending = [m.name for m in migration_set.pending(db)]
        if pending:
            if db.table_names():
                _backup_before_migration(path)
            migration_set.apply(db)  # each migration becomes a savepoint of this transaction
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def _check_data_dir(data_dir: Path, db_name: str = DB_NAME) -> Path:
    """Create the data directory; refuse clearly when it cannot be one."""
    if data_dir.exists() and not data_dir.is_dir():
        raise StoreError(f"数据目录 {data_dir} 是一个文件，不是文件夹。请用 --data-dir 指定一个文件夹")
    if not data_dir.exists() and not data_dir.parent.is_dir() and data_dir != default_data_dir():
        # A chosen folder whose parent is missing is most often a USB stick that is not plugged in (or a
        # typing mistake): creating the path would put a new, empty database somewhere nobody looks.
        raise StoreError(
            f"数据目录 {data_dir} 所在的文件夹 {data_dir.parent} 不存在（U盘是否已插好？路径是否写错？）。"
            "请确认后重试；要在新位置开始，请先建好上一级文件夹"
        )
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"无法创建数据目录 {data_dir}（{describe_os_error(exc)}）。请用 --data-dir 指定一个可以写入的文件夹",
            detail=str(exc),
        ) from exc
    path = data_dir / db_name
    if path.is_dir():
        raise StoreError(f"数据库位置 {path} 是一个文件夹，不是数据库文件。请把它移走，或换一个数据目录")
    return path


def open_database(
    data_dir: Path, *, db_name: str = DB_NAME, migration_set: Migrations | None = None
) -> Database:
    """Open (creating if needed) and migrate the database in `data_dir`.

    The bureau's reviewer store is another file with its own migration set (fazhi_desktop/review/store.py):
    the same opening rules, WAL and copy aside apply to it; without one, the unit store's."""
    if migration_set is None:
        migration_set = _unit_migrations()
    path = _check_data_dir(Path(data_dir), db_name)
    db: Database | None = None
    try:
        db = _connect(path)
        _migrate(db, path, migration_set)
    except sqlite3.Error as exc:
        if db is not None:
            db.conn.close()
        raise StoreError(_open_failure(path, exc), detail=str(exc)) from exc
    except OSError as exc:  # the copy aside before a migration could not be written
        if db is not None:
            db.conn.close()
        raise StoreError(
            f"升级数据库前无法先备份（{describe_os_error(exc)}），未做任何改动：{path.parent / 'backups'}",
            detail=str(exc),
        ) from exc
    return db


LOW_SPACE_BYTES = 1 << 20  # below this the database may not even open (it needs its -wal and -shm files)


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _open_failure(path: Path, exc: sqlite3.Error) -> str:
    """What went wrong opening the database, and what the clerk can do about it."""
    reason = describe_sqlite_error(exc)
    if _is_busy(exc):
        return f"无法打开数据库 {path}：{reason}"
    free = _free_bytes(path.parent)
    if free is not None and free < LOW_SPACE_BYTES:
        # Opening needs room for the -wal and -shm files: SQLite reports a full disk as an I/O error here.
        return (
            f"无法打开数据库 {path}：磁盘空间不足（剩余 {format_size(free)}）。"
            "请清理数据目录所在的磁盘后重试，已保存的内容不受影响"
        )
    if not os.access(path.parent, os.W_OK) or "readonly" in str(exc).lower():
        return (
            f"无法打开数据库 {path}：数据目录 {path.parent} 不能写入（只读磁盘或没有权限）。"
            "本程序需要在数据目录中保存数据，请用 --data-dir 指定一个可以写入的文件夹"
        )
    if "not a database" in str(exc).lower() or "malformed" in str(exc).lower():
        return (
            f"无法打开数据库 {path}：{reason}。"
            "如果文件已损坏，请用“从备份恢复”（fazhi-desktop backup list，再 backup restore）"
        )
    return f"无法打开数据库 {path}：{reason}"


def applied_migrations(db: Database) -> list[str]:
    """Names of the migrations applied to `db`, in order."""
    return [m.name for m in _unit_migrations().applied(db)]


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
        if _is_busy(exc):
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
