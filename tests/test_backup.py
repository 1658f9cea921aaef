"""Rotating backups with SQLite's backup API, and restoring one safely."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from evidence_checks import assert_healthy, fill_disk, make_file, mount_small_disk, open_unit, unmount
from sqlite_utils import Database

from fazhi_desktop import settings
from fazhi_desktop.evidence.attachments import add_evidence, list_evidence
from fazhi_desktop.safety.backup import (
    BackupError,
    RestoreError,
    backup_now,
    list_backups,
    maybe_backup,
    restore_backup,
    write_backup,
)
from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.profile import update_contact
from fazhi_desktop.selfcheck.workspace import Workspace

T0 = dt.datetime(2021, 9, 30, 8, 0, tzinfo=dt.UTC)


def contact_in(db_file: Path) -> str:
    conn = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT contact FROM unit_profile").fetchone()[0]
    finally:
        conn.close()


def test_a_backup_is_a_checked_self_contained_copy(data_dir):
    with open_unit(data_dir) as ws:
        path = backup_now(ws, "manual", now=T0)
    assert path == data_dir / "backups" / "manual-20210930T080000000000Z.db"
    conn = sqlite3.connect(str(path))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT contact FROM unit_profile").fetchone()[0] == "张三"
    conn.close()
    assert not Path(f"{path}-wal").exists()
    assert [p.name for p in (data_dir / "backups").iterdir()] == [path.name]  # no temp left


def test_automatic_backups_rotate_manual_ones_stay(data_dir):
    with open_unit(data_dir) as ws:
        settings.set(ws.db, "backup.keep", 3)
        backup_now(ws, "manual", now=T0)
        for n in range(5):
            backup_now(ws, "interval" if n % 2 else "start", now=T0 + dt.timedelta(hours=n + 1))
    infos = list_backups(data_dir)
    assert [(i.reason, i.created_at.hour) for i in infos] == [
        ("start", 13),
        ("interval", 12),
        ("start", 11),
        ("manual", 8),
    ]


def test_maybe_backup_only_when_something_changed_and_the_interval_passed(data_dir):
    with Workspace.open(data_dir) as ws:
        assert maybe_backup(ws, now=T0) is None  # nothing entered yet
    with open_unit(data_dir) as ws:
        first = maybe_backup(ws, "start", now=T0)
        assert first is not None and first.name.startswith("start-")
        assert maybe_backup(ws, "start", now=T0 + dt.timedelta(hours=5)) is None  # nothing changed since
        update_contact(ws, contact="李四")
        assert maybe_backup(ws, now=T0 + dt.timedelta(minutes=59)) is None  # changed, but within the hour
        second = maybe_backup(ws, now=T0 + dt.timedelta(minutes=61))
        assert second is not None and contact_in(second) == "李四"
        settings.set(ws.db, "backup.interval_minutes", 10)
        update_contact(ws, contact="王五")
        assert maybe_backup(ws, now=T0 + dt.timedelta(minutes=72)) is not None
        update_contact(ws, contact="赵六")
        assert (
            maybe_backup(ws, "start", now=T0 + dt.timedelta(minutes=73)) is not None
        )  # start ignores the interval


def test_list_includes_the_stores_migration_backups(data_dir):
    with open_unit(data_dir) as ws:
        write_backup(ws.db.conn, data_dir / "backups" / "before-migration-20210101T000000000000Z.db")
        backup_now(ws, "manual", now=T0)
    (data_dir / "backups" / "拷来的.db").write_bytes(b"")
    (data_dir / "backups" / ".part-123.db").write_bytes(b"")  # a temp name is never listed
    infos = list_backups(data_dir)
    assert {i.reason for i in infos} == {"manual", "before-migration", "other"}
    assert next(i for i in infos if i.reason == "before-migration").reason_name == "程序升级前的备份"


def test_restore_brings_back_the_backup_and_keeps_the_current_data(data_dir, tmp_path):
    with open_unit(data_dir) as ws:
        good = backup_now(ws, "manual", now=T0)
        update_contact(ws, contact="后来改的")
        add_evidence(ws, "T01", make_file(tmp_path / "a.pdf", 10_000))
    result = restore_backup(data_dir, good.name)  # a name from `backup list` is enough
    assert result.restored_from == good
    assert result.saved_current is not None and result.saved_current.name.startswith("before-restore-")
    assert contact_in(result.saved_current) == "后来改的"
    with Workspace.open(data_dir) as ws:
        assert ws.require_profile().contact == "张三"
        assert list_evidence(ws) == []
    assert_healthy(data_dir)


def test_a_damaged_backup_is_refused_and_nothing_changes(data_dir):
    with open_unit(data_dir) as ws:
        good = backup_now(ws, "manual", now=T0)
        update_contact(ws, contact="当前")
    garbage = data_dir / "backups" / "manual-20210930T090000000000Z.db"
    garbage.write_bytes(os.urandom(8192))
    truncated = data_dir / "backups" / "manual-20210930T100000000000Z.db"
    truncated.write_bytes(good.read_bytes()[:10_000])
    for bad in (garbage, truncated):
        with pytest.raises(RestoreError, match="未做任何改动"):
            restore_backup(data_dir, bad)
    assert contact_in(data_dir / "fazhi.db") == "当前"
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".restore-")]
    assert not [i for i in list_backups(data_dir) if i.reason == "before-restore"]


def test_a_database_of_another_program_is_refused(data_dir, tmp_path):
    open_unit(data_dir).close()
    other = tmp_path / "other.db"
    conn = sqlite3.connect(str(other))
    conn.execute("CREATE TABLE t (a)")
    conn.commit()
    conn.close()
    with pytest.raises(RestoreError, match="不是本程序的数据库备份"):
        restore_backup(data_dir, other)
    with pytest.raises(RestoreError, match="找不到备份文件"):
        restore_backup(data_dir, "nothing-here.db")


def test_restore_is_refused_while_the_program_has_the_database_open(data_dir):
    with open_unit(data_dir) as ws:
        good = backup_now(ws, "manual", now=T0)
        update_contact(ws, contact="当前")
        with pytest.raises(RestoreError, match="数据库正在被使用"):  # open in this process
            restore_backup(data_dir, good)
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from fazhi_desktop.selfcheck.workspace import Workspace;"
            "ws = Workspace.open(Path(sys.argv[1])); ws.profile; print('open', flush=True); time.sleep(600)",
            str(data_dir),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "open"
        with pytest.raises(RestoreError, match="请先关闭所有正在运行的本程序窗口"):
            restore_backup(data_dir, good)
    finally:
        child.kill()
        child.wait()
    assert contact_in(data_dir / "fazhi.db") == "当前"
    restore_backup(data_dir, good)  # once it is closed
    assert contact_in(data_dir / "fazhi.db") == "张三"


def test_restore_after_a_writer_was_killed_keeps_its_committed_work_aside(data_dir):
    """A killed program leaves a -wal holding committed changes: they go into the before-restore copy,
    and are never replayed into the restored database."""
    with open_unit(data_dir) as ws:
        good = backup_now(ws, "manual", now=T0)
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from fazhi_desktop.selfcheck.workspace import Workspace;"
            "from fazhi_desktop.selfcheck.profile import update_contact;"
            "ws = Workspace.open(Path(sys.argv[1])); update_contact(ws, contact='被杀前写入');"
            "print('written', flush=True); time.sleep(600)",
            str(data_dir),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "written"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert (data_dir / "fazhi.db-wal").stat().st_size > 0
    result = restore_backup(data_dir, good)
    assert contact_in(result.saved_current) == "被杀前写入"
    assert not (data_dir / "fazhi.db-wal").exists() and not (data_dir / "fazhi.db-shm").exists()
    assert contact_in(data_dir / "fazhi.db") == "张三"
    assert_healthy(data_dir)


def test_restore_over_a_database_sqlite_cannot_read(data_dir):
    with open_unit(data_dir) as ws:
        good = backup_now(ws, "manual", now=T0)
    damaged = os.urandom(4096) * 3
    (data_dir / "fazhi.db").write_bytes(damaged)
    result = restore_backup(data_dir, good)
    assert result.saved_current.read_bytes() == damaged  # kept byte for byte
    with Workspace.open(data_dir) as ws:
        assert ws.require_profile().contact == "张三"
    assert_healthy(data_dir)


def test_backup_on_a_full_disk_fails_clearly_and_leaves_no_partial_file(tmp_path):
    disk = mount_small_disk(tmp_path / "disk", 8, tmp_path)
    try:
        if disk.how == "patched":
            pytest.skip("needs a real small file system")  # only when neither tmpfs nor a loop mount works
        data = disk.path / "data"
        with open_unit(data) as ws:
            filler = fill_disk(disk.path, leave=0)
            with pytest.raises(BackupError, match="无法写入备份"):
                backup_now(ws, "manual")
            assert list((data / "backups").glob("*")) == []
            filler.unlink()
            assert backup_now(ws, "manual").exists()
    finally:
        unmount(disk)


# --- the command line ------------------------------------------------------------------------------


def test_backup_commands(cli, data_dir):
    open_unit(data_dir).close()
    r = cli("backup", "list")
    assert r.code == 0 and "还没有备份" in r.out
    r = cli("backup", "now")
    assert r.code == 0 and "已备份到" in r.out
    name = list_backups(data_dir)[0].path.name
    r = cli("backup", "list", "--json")
    listed = json.loads(r.out)
    assert listed[0]["file"] == name and listed[0]["reason"] == "manual" and listed[0]["size"] > 0
    assert name in cli("backup", "list").out
    assert cli("init", "--unit", "燕店镇", "--contact", "钱七").code == 0
    r = cli("backup", "restore", name)
    assert r.code == 0, r.err
    assert "已从" in r.out and "before-restore-" in r.out
    with Workspace.open(data_dir) as ws:
        assert ws.require_profile().contact == "张三"
    r = cli("backup", "restore", "没有这个.db")
    assert r.code == 1 and r.err.startswith("错误：找不到备份文件")


def test_writing_commands_back_up_first(cli, data_dir, tmp_path):
    open_unit(data_dir).close()
    assert list_backups(data_dir) == []
    assert cli("evidence", "add", "T01", str(make_file(tmp_path / "a.pdf", 1000))).code == 0
    assert [i.reason for i in list_backups(data_dir)] == ["interval"]
    assert cli("settings", "set", "backup.keep", "5").code == 0  # within the hour: no second backup
    assert len(list_backups(data_dir)) == 1


def test_a_backup_takes_a_consistent_snapshot_while_another_program_writes(data_dir, tmp_path):
    with open_unit(data_dir) as ws:
        update_contact(ws, contact="v0")
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path;"
            "from fazhi_desktop.selfcheck.workspace import Workspace;"
            "from fazhi_desktop.selfcheck.profile import update_contact;"
            "ws = Workspace.open(Path(sys.argv[1]))\n"
            "for n in range(300): update_contact(ws, contact=f'v{n}')",
            str(data_dir),
        ],
    )
    paths = []
    with Workspace.open(data_dir) as ws:
        while writer.poll() is None and len(paths) < 20:
            paths.append(backup_now(ws, "manual", now=dt.datetime.now(dt.UTC)))
            time.sleep(0.01)
    writer.wait()
    assert writer.returncode == 0
    assert paths
    for p in paths:
        db = Database(str(p))
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert history.verify_chain(db) == []  # a snapshot, never half a transaction
        db.close()
