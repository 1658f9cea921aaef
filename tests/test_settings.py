"""The settings registry: typed values with defaults, unknown keys refused, limits that fit a USB stick."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from evidence_checks import open_unit

from fazhi_desktop import settings
from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.settings import GIB, MIB, SettingError

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


@pytest.fixture
def db(data_dir):
    ws = Workspace.open(data_dir)
    yield ws.db
    ws.close()


def test_defaults(db):
    assert settings.all(db) == {
        "evidence.max_file_bytes": 200 * MIB,
        "evidence.max_period_bytes": 2 * GIB,
        "backup.keep": 10,
        "backup.interval_minutes": 60,
    }


def test_the_package_budget_stays_below_what_fat32_can_hold():
    spec = settings.setting("evidence.max_period_bytes")
    assert spec.default < spec.maximum < 4 * GIB - 1
    assert settings.setting("evidence.max_file_bytes").maximum <= spec.maximum


@pytest.mark.parametrize("key", ["evidence.max_size", "", "backup"])
def test_unknown_keys_are_refused(db, key):
    with pytest.raises(SettingError, match="没有名为"):
        settings.get(db, key)
    with pytest.raises(SettingError, match="可用的设置项"):
        settings.set(db, key, 1)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("evidence.max_file_bytes", "300MB", 300 * MIB),
        ("evidence.max_file_bytes", "1.5 GB", int(1.5 * GIB)),
        ("evidence.max_file_bytes", 5 * MIB, 5 * MIB),
        ("evidence.max_file_bytes", "2048k", 2 * MIB),
        ("evidence.max_period_bytes", "3GB", 3 * GIB),
        ("backup.keep", "3", 3),
        ("backup.interval_minutes", 15, 15),
    ],
)
def test_values_are_parsed_and_stored(db, data_dir, key, value, expected):
    assert settings.set(db, key, value) == expected
    with Workspace.open(data_dir) as again:  # persisted
        assert settings.get(again.db, key) == expected


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("evidence.max_period_bytes", "4GB", "FAT32"),
        ("evidence.max_period_bytes", "3.6GB", "不能大于 3.5 GB"),
        ("evidence.max_file_bytes", "5GB", "不能大于"),
        ("evidence.max_file_bytes", "100k", "不能小于 1 MB"),
        ("evidence.max_file_bytes", "lots", "需要一个大小"),
        ("evidence.max_file_bytes", "12 parsecs", "需要一个大小"),
        ("backup.keep", "0", "不能小于 1"),
        ("backup.keep", "ten", "需要一个整数"),
        ("backup.keep", True, "需要一个整数"),
        ("backup.interval_minutes", "1", "不能小于 5"),
    ],
)
def test_bad_values_are_refused(db, key, value, message):
    before = settings.get(db, key)
    with pytest.raises(SettingError, match=message):
        settings.set(db, key, value)
    assert settings.get(db, key) == before


def test_a_file_limit_above_the_package_budget_is_refused(db):
    settings.set(db, "evidence.max_period_bytes", "1GB")
    with pytest.raises(SettingError, match="不能大于上报包上限"):
        settings.set(db, "evidence.max_file_bytes", "2GB")
    settings.set(db, "evidence.max_file_bytes", "500MB")
    with pytest.raises(SettingError, match="请先调小 evidence.max_file_bytes"):
        settings.set(db, "evidence.max_period_bytes", "400MB")


def test_changes_are_in_the_history_and_reset_restores_the_default(db):
    settings.set(db, "backup.keep", 4)
    settings.set(db, "backup.keep", 4)  # unchanged: no second record
    assert settings.reset(db, "backup.keep") == 10
    rows = [(e.entity, e.field, e.old_value, e.new_value) for e in history.changes_since(db)]
    assert rows == [("setting", "backup.keep", "10", "4"), ("setting", "backup.keep", "4", "10")]
    assert db.execute("SELECT count(*) FROM settings").fetchone()[0] == 0  # defaults are not stored


def test_an_unusable_stored_value_falls_back_to_the_default(db, data_dir):
    db.execute("INSERT INTO settings (key, value) VALUES ('backup.keep', 'many')")
    assert settings.get(db, "backup.keep") == 10


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0 B"),
        (900, "900 B"),
        (1536, "1.5 KB"),
        (200 * MIB, "200 MB"),
        (2 * GIB, "2 GB"),
        (int(3.5 * GIB), "3.5 GB"),
    ],
)
def test_format_size(n, text):
    assert settings.format_size(n) == text


# --- the command line ------------------------------------------------------------------------------


def test_settings_commands(cli, data_dir):
    r = cli("settings", "list")
    assert r.code == 0 and "evidence.max_file_bytes\t200 MB\t单个佐证材料文件的大小上限" in r.out
    r = cli("settings", "set", "evidence.max_file_bytes", "300MB")
    assert r.code == 0 and "= 300 MB" in r.out
    assert cli("settings", "get", "evidence.max_file_bytes").out.strip() == str(300 * MIB)
    assert "300 MB（默认 200 MB）" in cli("settings", "list").out
    listed = json.loads(cli("settings", "list", "--json").out)
    assert listed["evidence.max_file_bytes"] == {
        "value": 300 * MIB,
        "default": 200 * MIB,
        "title": "单个佐证材料文件的大小上限",
    }
    r = cli("settings", "reset", "evidence.max_file_bytes")
    assert r.code == 0 and "默认值 200 MB" in r.out


@pytest.mark.parametrize("args", [("get", "no.such"), ("set", "no.such", "1"), ("set", "backup.keep", "-1")])
def test_settings_command_errors(cli, args):
    r = cli("settings", *args)
    assert r.code == 2 and r.err.startswith("错误：") and "Traceback" not in r.err


def test_every_setting_and_verb_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    for spec in settings.definitions():
        assert f"`{spec.key}`" in text
    for heading in ("evidence", "doctor", "backup", "settings"):
        assert re.search(rf"^## `{heading}`$", text, re.M)
    for verb in (
        "evidence add",
        "evidence list",
        "evidence link",
        "evidence unlink",
        "evidence remove",
        "evidence edit",
        "doctor [--json] [--fix-orphans]",
        "backup list",
        "backup now",
        "backup restore",
        "settings list",
        "settings get",
        "settings set",
        "settings reset",
    ):
        assert f"fazhi-desktop {verb}" in text


def test_settings_of_a_unit_survive_in_its_database_only(data_dir, tmp_path):
    with open_unit(data_dir) as ws:
        settings.set(ws.db, "backup.keep", 7)
    conn = sqlite3.connect(str(data_dir / "fazhi.db"))
    assert conn.execute("SELECT value FROM settings WHERE key = 'backup.keep'").fetchone() == ("7",)
    conn.close()
    with Workspace.open(tmp_path / "another") as other:
        assert settings.get(other.db, "backup.keep") == 10
