"""Rotating backups of the database with SQLite's backup API, into `<data_dir>/backups/`.

Backups are named `<reason>-<UTC stamp>.db` (the store's own `before-migration-<stamp>.db` follow the same
pattern). Each is a single self-contained file (rollback journal mode), checked after writing. Only the
automatic ones rotate: a manual backup or the copy made before an upgrade is never deleted by the program.
Evidence files are not in these backups: they are content-addressed and never rewritten in place.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from fazhi_desktop import settings
from fazhi_desktop.errors import FazhiError, describe_os_error, describe_sqlite_error
from fazhi_desktop.fsutil import fsync_dir
from fazhi_desktop.hashchain import GENESIS
from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.store.db import DB_NAME, read_only

BACKUP_DIR = "backups"
REASONS = {
    "start": "启动时自动备份",
    "interval": "定时自动备份",
    "manual": "手动备份",
    "before-restore": "恢复前自动保存的当前数据",
    "before-migration": "程序升级前的备份",
}
_ROTATED = {
    "start": "auto",
    "interval": "auto",
    "before-restore": "before-restore",
}  # reason -> rotation group
_NAME = re.compile(r"(?P<reason>[a-z]+(?:-[a-z]+)*)-(?P<stamp>\d{8}T\d{12}Z)\.db")
_STAMP = "%Y%m%dT%H%M%S%fZ"


class BackupError(FazhiError):
    """A backup could not be written or read."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    reason: str  # a key of REASONS, or "other" for a .db file someone put there
    created_at: dt.datetime  # UTC
    size: int

    @property
    def reason_name(self) -> str:
        """The kind of backup in Chinese."""
        return REASONS.get(self.reason, "其他")

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return {
            "file": self.path.name,
            "path": str(self.path),
            "reason": self.reason,
            "reason_name": self.reason_name,
            "created_at": self.created_at.isoformat(),
            "size": self.size,
        }


def backups_dir(data_dir: Path) -> Path:
    """Where backups live."""
    return Path(data_dir) / BACKUP_DIR


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Every backup in the data directory, newest first."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if not path.is_file() or path.name.startswith(".") or path.suffix != ".db":
            continue
        m = _NAME.fullmatch(path.name)
        st = path.stat()
        if m and m.group("reason") in REASONS:
            reason, when = (
                m.group("reason"),
                dt.datetime.strptime(m.group("stamp"), _STAMP).replace(tzinfo=dt.UTC),
            )
        else:
            reason, when = "other", dt.datetime.fromtimestamp(st.st_mtime, dt.UTC)
        found.append(BackupInfo(path, reason, when, st.st_size))
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def write_backup(conn: sqlite3.Connection, target: Path) -> None:
    """Copy the database behind `conn` to `target` (temp name, check, fsync, rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".part-{secrets.token_hex(6)}.db")
    try:
        dest = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.backup(dest)
            # A backup is one file: no -wal beside it to lose when it is copied somewhere.
            dest.execute("PRAGMA journal_mode = DELETE")
            result = dest.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            dest.close()
        if result != "ok":
            raise BackupError(f"刚写入的备份未通过检查（{result}），请运行 fazhi-desktop doctor 检查数据库")
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except (OSError, sqlite3.Error) as exc:
        why = describe_os_error(exc) if isinstance(exc, OSError) else describe_sqlite_error(exc)
        raise BackupError(f"无法写入备份 {target.parent}（{why}）", detail=str(exc)) from exc
    finally:
        tmp.unlink(missing_ok=True)


def backup_now(ws: Workspace, reason: str = "manual", *, now: dt.datetime | None = None) -> Path:
    """Back up the database now; automatic and before-restore backups rotate to `backup.keep`."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    when = now or dt.datetime.now(dt.UTC)
    target = backups_dir(ws.data_dir) / f"{reason}-{when.strftime(_STAMP)}.db"
    write_backup(ws.db.conn, target)
    rotate(ws.data_dir, settings.get(ws.db, "backup.keep"))
    return target


def rotate(data_dir: Path, keep: int) -> list[Path]:
    """Delete automatic backups beyond the newest `keep` of each rotation group; returns what was deleted."""
    deleted = []
    groups: dict[str, list[BackupInfo]] = {}
    for info in list_backups(data_dir):
        if info.reason in _ROTATED:
            groups.setdefault(_ROTATED[info.reason], []).append(info)
    for infos in groups.values():
        for old in infos[keep:]:
            old.path.unlink(missing_ok=True)
            deleted.append(old.path)
    return deleted


def maybe_backup(ws: Workspace, reason: str = "interval", *, now: dt.datetime | None = None) -> Path | None:
    """Back up if anything changed since the newest backup and (for `interval`) that one is older than
    `backup.interval_minutes`; the GUI calls it at start and periodically, writing commands at their start."""
    current_head = history.head(ws.db)
    if current_head == GENESIS:
        return None  # nothing entered yet: nothing to lose
    now = now or dt.datetime.now(dt.UTC)
    latest = next(iter(list_backups(ws.data_dir)), None)
    if latest is not None:
        if _history_head(latest.path) == current_head:
            return None
        interval = dt.timedelta(minutes=settings.get(ws.db, "backup.interval_minutes"))
        if reason == "interval" and dt.timedelta(0) <= now - latest.created_at < interval:
            return None
    return backup_now(ws, reason, now=now)


def _history_head(path: Path) -> str | None:
    """The newest history hash inside a backup (None when it cannot be read)."""
    try:
        with read_only(path) as db:
            return history.head(db)
    except sqlite3.Error:
        return None


# --- restore ---------------------------------------------------------------------------------------


class RestoreError(FazhiError):
    """A restore was refused or failed; the current database is left as it was."""


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    saved_current: Path | None  # the database as it was before, kept as a `before-restore-…` backup


_REQUIRED_TABLES = {"unit_profile", "periods", "assessments", "evidence", "history"}


def resolve_backup(data_dir: Path, name: str | Path) -> Path:
    """A backup given by path, or by its file name inside the backups folder."""
    path = Path(name)
    if not path.exists() and not path.is_absolute():
        path = backups_dir(data_dir) / path.name
    if not path.is_file():
        raise RestoreError(f"找不到备份文件“{name}”（可用 fazhi-desktop backup list 查看现有备份）")
    return path


def restore_backup(data_dir: Path, backup_path: Path | str) -> RestoreResult:
    """Replace the database with a backup: the backup is checked first, the current database is kept
    as a `before-restore` backup, and the swap is one rename. No program may have the database open."""
    data_dir = Path(data_dir)
    source = resolve_backup(data_dir, backup_path)
    db_path = data_dir / DB_NAME
    staged = data_dir / f".restore-{secrets.token_hex(6)}.db"
    try:
        _stage_checked_copy(source, staged)
        saved = _set_current_aside(data_dir, db_path) if db_path.exists() else None
        os.replace(staged, db_path)
        # A -wal or -shm left by the old database must never be replayed into the restored one.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        fsync_dir(data_dir)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{staged}{suffix}").unlink(missing_ok=True)
    return RestoreResult(source, saved)


def _stage_checked_copy(source: Path, staged: Path) -> None:
    """Copy the backup next to the database and check the copy (never the chosen file itself, which
    may sit on a USB stick), folding in any -wal that travelled with it."""
    try:
        _copy_file(source, staged)
        wal = Path(f"{source}-wal")
        if wal.exists():
            _copy_file(wal, Path(f"{staged}-wal"))
        conn = sqlite3.connect(str(staged), isolation_level=None)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise RestoreError(
            f"备份文件“{source.name}”已损坏或不是本程序的数据库，未做任何改动",
            detail=str(exc),
        ) from exc
    except OSError as exc:
        raise RestoreError(
            f"无法读取或复制备份文件“{source.name}”（{describe_os_error(exc)}），未做任何改动",
            detail=str(exc),
        ) from exc
    if result != ["ok"]:
        raise RestoreError(
            f"备份文件“{source.name}”未通过完整性检查（{'；'.join(result[:3])}），未做任何改动。请换一个较早的备份"
        )
    if not _REQUIRED_TABLES.issubset(tables):
        raise RestoreError(f"“{source.name}”不是本程序的数据库备份，未做任何改动")


def _copy_file(source: Path, target: Path) -> None:
    with open(source, "rb") as src, open(target, "wb") as out:
        while block := src.read(1 << 20):
            out.write(block)
        out.flush()
        os.fsync(out.fileno())


def _set_current_aside(data_dir: Path, db_path: Path) -> Path:
    """Take the database for ourselves (refusing if any program has it open), keep it as a backup,
    and leave it as one file without a -wal, ready to be replaced."""
    conn = sqlite3.connect(str(db_path), timeout=0.2, isolation_level=None)
    try:
        try:
            # Exclusive locking fails while any other connection, even an idle one, has the file open.
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise RestoreError(
                    "数据库正在被使用：请先关闭所有正在运行的本程序窗口（以及正在执行的命令），再从备份恢复。未做任何改动"
                ) from exc
            conn.close()  # unreadable: nothing can be using it meaningfully; keep its bytes instead
            return _set_damaged_aside(data_dir, db_path)
        stamp = dt.datetime.now(dt.UTC).strftime(_STAMP)
        saved = backups_dir(data_dir) / f"before-restore-{stamp}.db"
        try:
            write_backup(conn, saved)
        except BackupError as exc:
            raise RestoreError(f"无法先保存当前数据库（{exc.message}），未做任何改动") from exc
        conn.execute("PRAGMA journal_mode = DELETE")  # checkpoints and removes the -wal under our lock
    finally:
        conn.close()
    rotate(data_dir, _keep_setting(db_path))
    return saved


def _set_damaged_aside(data_dir: Path, db_path: Path) -> Path:
    """A database SQLite cannot read at all is kept byte for byte (with its -wal) before replacing it."""
    stamp = dt.datetime.now(dt.UTC).strftime(_STAMP)
    saved = backups_dir(data_dir) / f"before-restore-{stamp}.db"
    saved.parent.mkdir(parents=True, exist_ok=True)
    _copy_file(db_path, saved)
    wal = Path(f"{db_path}-wal")
    if wal.exists():
        _copy_file(wal, Path(f"{saved}-wal"))
    return saved


def _keep_setting(db_path: Path) -> int:
    """`backup.keep` read straight from the file (no workspace is open during a restore)."""
    try:
        with read_only(db_path) as db:
            return int(settings.get(db, "backup.keep"))
    except sqlite3.Error:
        return int(settings.setting("backup.keep").default)
