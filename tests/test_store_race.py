"""Several programs opening a brand-new data directory at the same moment (the migration race).

Each child process imports everything first, says it is ready, then waits for a "go" file, so that the
openings really overlap; no timing is asserted. After every round: every child succeeded, migration
0001 is recorded exactly once, the database passes its integrity check, and no copy was made aside
(there was nothing to copy).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi_desktop.store.db import DB_NAME
from fazhi_desktop.store.migrations import shipped

SHIPPED = shipped()  # every migration this version ships, in order

_CHILD = r"""
import sys, time
from pathlib import Path
from fazhi_desktop.cli.main import main
data_dir, go, verb = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
sys.exit(main(["--data-dir", data_dir, *verb]))
"""


def _race(data_dir: Path, go: Path, verbs: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(data_dir), str(go), *verb],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for verb in verbs
    ]
    for child in children:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
    go.touch()
    results = []
    for child, verb in zip(children, verbs, strict=True):
        out, err = child.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(verb, child.returncode, out, err))
    return results


def _assert_migrated_once(data_dir: Path) -> None:
    conn = sqlite3.connect(data_dir / DB_NAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        assert names == SHIPPED
    finally:
        conn.close()
    assert not list(data_dir.glob("backups/before-migration-*"))


@pytest.mark.parametrize("round_", range(12))
def test_three_programs_open_a_fresh_data_directory_at_once(tmp_path, round_):
    data_dir = tmp_path / "data"
    results = _race(data_dir, tmp_path / "go", [["settings", "list"], ["settings", "list"], ["doctor"]])
    for r in results:
        assert r.returncode == 0, (r.args, r.stderr)
        assert "Traceback" not in r.stderr and "错误" not in r.stderr
    _assert_migrated_once(data_dir)


@pytest.mark.parametrize("round_", range(4))
def test_two_first_time_set_ups_at_once(tmp_path, round_):
    """Two `init` on an empty data directory: both succeed, one profile, one period, one plan row."""
    data_dir = tmp_path / "data"
    results = _race(data_dir, tmp_path / "go", [["init", "--unit", "燕店镇", "--no-key"]] * 2)
    for r in results:
        assert r.returncode == 0, r.stderr
    _assert_migrated_once(data_dir)
    conn = sqlite3.connect(data_dir / DB_NAME)
    try:
        assert conn.execute("SELECT unit_name FROM unit_profile").fetchall() == [("燕店镇人民政府",)]
        assert conn.execute("SELECT label, is_current FROM periods").fetchall() == [("2021年度", 1)]
        assert conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 1
    finally:
        conn.close()


_UPGRADER = r"""
import sys, time
from pathlib import Path
from fazhi_desktop.store import migrations as m
from fazhi_desktop.store.db import open_database
m.migrations._migrations.append(
    m.migrations._Migration("0002_race_test", lambda db: db.execute("ALTER TABLE settings ADD COLUMN note TEXT")))
data_dir, go = Path(sys.argv[1]), Path(sys.argv[2])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
open_database(data_dir).conn.close()
"""


@pytest.mark.parametrize("round_", range(4))
def test_two_programs_upgrade_an_old_database_at_once(tmp_path, round_):
    """Both succeed; the new migration is applied once; the database was copied aside exactly once."""
    from fazhi_desktop.store.db import open_database

    data_dir = tmp_path / "data"
    db = open_database(data_dir)
    db.execute("INSERT INTO settings (key, value) VALUES ('marker', 'before the upgrade')")
    db.conn.close()
    go = tmp_path / "go"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _UPGRADER, str(data_dir), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    go.touch()
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    conn = sqlite3.connect(data_dir / DB_NAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")] == [
            *SHIPPED,
            "0002_race_test",
        ]
    finally:
        conn.close()
    copies = list(data_dir.glob("backups/before-migration-*.db"))
    assert len(copies) == 1
    old = sqlite3.connect(copies[0])
    try:
        assert old.execute("SELECT value FROM settings WHERE key = 'marker'").fetchone() == (
            "before the upgrade",
        )
        assert "note" not in [r[1] for r in old.execute("PRAGMA table_info(settings)")]
    finally:
        old.close()
