"""Every command that writes backs up first (when something changed and the last backup is old enough),
and the backup holds the data as it was *before* the command."""

from __future__ import annotations

import sqlite3

import pytest
from evidence_checks import make_file, open_unit

from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.safety.backup import list_backups
from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.profile import add_period

WRITING_VERBS = {
    "check": ["check", "T01", "--text", "新的内容"],
    "init": ["init", "--unit", "燕店镇", "--contact", "李四", "--no-key"],
    "period add": ["period", "add", "2022"],
    "period switch": ["period", "switch", "2021年度"],
    "settings set": ["settings", "set", "backup.keep", "5"],
    "settings reset": ["settings", "reset", "evidence.max_file_bytes"],
    "evidence add": ["evidence", "add", "T02", "{file}"],
    "evidence link": ["evidence", "link", "1", "T03"],
    "evidence unlink": ["evidence", "unlink", "1", "T01"],
    "evidence edit": ["evidence", "edit", "1", "--note", "说明"],
    "evidence remove": ["evidence", "remove", "1"],
    "doctor --fix-orphans": ["doctor", "--fix-orphans"],
}


def _head(db_file) -> str:
    conn = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT hash FROM history ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    return row[0]


@pytest.mark.parametrize("verb", sorted(WRITING_VERBS))
def test_a_writing_command_backs_up_the_state_before_it(cli, data_dir, tmp_path, verb):
    with open_unit(data_dir) as ws:
        add_evidence(ws, "T01", make_file(tmp_path / "通知.pdf", 2000), description="")
        if verb == "period switch":
            add_period(ws, 2022)
        if verb == "settings reset":
            from fazhi_desktop import settings

            settings.set(ws.db, "evidence.max_file_bytes", "100MB")
        before = history.head(ws.db)
    assert list_backups(data_dir) == []
    args = [
        a.replace("{file}", str(make_file(tmp_path / "另一份.pdf", 3000, seed=1)))
        for a in WRITING_VERBS[verb]
    ]
    r = cli(*args)
    assert r.code == 0, r.err
    backups = list_backups(data_dir)
    assert [b.reason for b in backups] == ["interval"], backups
    assert _head(backups[0].path) == before  # the backup was taken before the command changed anything
    assert _head(data_dir / "fazhi.db") != before or verb == "doctor --fix-orphans"


def test_a_refused_command_is_refused_before_any_backup(cli, data_dir):
    with open_unit(data_dir) as ws:
        add_period(ws, 2022)
    for args in (
        ["check", "T99", "--text", "x"],
        ["period", "switch", "2030"],
        ["settings", "reset", "no.such"],
    ):
        assert cli(*args).code == 2
    assert list_backups(data_dir) == []
