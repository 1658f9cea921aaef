"""The local store: schema as migration 0001, WAL, foreign keys, a copy aside before migrating."""

from __future__ import annotations

import sqlite3

import pytest

from fazhi_desktop.errors import StoreError
from fazhi_desktop.store import migrations as migrations_module
from fazhi_desktop.store.db import DB_NAME, applied_migrations, open_database, write_transaction
from fazhi_desktop.store.migrations import shipped, split_sql

SHIPPED = shipped()  # every migration this version ships, in order

EXPECTED_TABLES = {
    "plans",
    "unit_profile",
    "periods",
    "assessments",
    "blobs",
    "evidence",
    "evidence_items",
    "history",
    "packages",
    "settings",
}


SHIPPED = [m.name for m in migrations_module.migrations._migrations]  # every migration this version ships


def test_fresh_database_has_schema_wal_and_foreign_keys(tmp_path):
    db = open_database(tmp_path)
    assert EXPECTED_TABLES <= set(db.table_names())
    assert applied_migrations(db)[0] == "0001_initial"
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO evidence_items (evidence_id, item_id, linked_at) VALUES (999, 'T01', 'x')")


def test_reopening_applies_nothing_and_makes_no_backup(tmp_path):
    open_database(tmp_path).conn.close()
    db = open_database(tmp_path)
    assert applied_migrations(db) == SHIPPED
    assert not (tmp_path / "backups").exists()


def test_an_old_database_is_copied_aside_then_upgraded(tmp_path, monkeypatch):
    db = open_database(tmp_path)
    db.execute("INSERT INTO settings (key, value) VALUES ('marker', 'kept')")
    db.conn.close()

    registry = migrations_module.migrations
    added = registry._Migration(
        "0002_test_column", lambda d: d.execute("ALTER TABLE settings ADD COLUMN note TEXT")
    )
    monkeypatch.setattr(registry, "_migrations", [*registry._migrations, added])

    db = open_database(tmp_path)
    assert applied_migrations(db) == [*SHIPPED, "0002_test_column"]
    assert "note" in db["settings"].columns_dict
    backups = list((tmp_path / "backups").glob("before-migration-*.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT value FROM settings WHERE key = 'marker'").fetchone() == ("kept",)
    assert "note" not in [r[1] for r in old.execute("PRAGMA table_info(settings)")]


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    open_database(tmp_path).conn.close()

    def broken(d):
        d.execute("CREATE TABLE half_done (x)")
        d.execute("THIS IS NOT SQL")

    registry = migrations_module.migrations
    monkeypatch.setattr(
        registry, "_migrations", [*registry._migrations, registry._Migration("0002_broken", broken)]
    )
    with pytest.raises(StoreError, match="无法打开数据库"):
        open_database(tmp_path)
    monkeypatch.undo()
    db = open_database(tmp_path)
    assert "half_done" not in db.table_names()
    assert applied_migrations(db) == SHIPPED


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    (tmp_path / DB_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="从备份恢复"):
        open_database(tmp_path)


def test_write_transaction_rolls_back_on_error(tmp_path):
    db = open_database(tmp_path)
    with pytest.raises(RuntimeError), write_transaction(db):
        db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        raise RuntimeError("boom")
    assert db.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_a_second_writer_gets_a_clear_busy_message(tmp_path):
    first = open_database(tmp_path)
    second = open_database(tmp_path)
    second.execute("PRAGMA busy_timeout = 50")
    with write_transaction(first):
        first.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        with pytest.raises(StoreError, match="另一个程序"), write_transaction(second):
            pass


def test_schema_splitter_keeps_every_statement():
    script = "-- c\nCREATE TABLE a (x TEXT DEFAULT ';');\nCREATE INDEX i ON a(x);\n-- trailing comment\n"
    assert split_sql(script) == ["-- c\nCREATE TABLE a (x TEXT DEFAULT ';');", "CREATE INDEX i ON a(x);"]
