"""Attaching many files in one call: recorded in groups (one write transaction and one sync per folder
for each group), each outcome in order and only once durable, failures per file, a cancel keeping
what was finished. Kill -9 during a batch is in test_evidence_crash.py (the command line attaches
through this path)."""

from __future__ import annotations

import sqlite3

import pytest
from evidence_checks import assert_healthy, make_file, open_unit, temp_leftovers

from fazhi_desktop import settings
from fazhi_desktop.evidence import attachments, store
from fazhi_desktop.evidence.attachments import Attached, add_evidence, add_evidence_files, list_evidence
from fazhi_desktop.evidence.budget import size_budget
from fazhi_desktop.evidence.errors import BudgetExceeded, CopyCancelled, DiskFull, SourceMissing

KIB = 1 << 10


@pytest.fixture
def ws(data_dir):
    w = open_unit(data_dir)
    yield w
    w.close()


def _files(folder, n, size=40 * KIB):
    folder.mkdir(exist_ok=True)
    return [make_file(folder / f"{i:02d}_会议记录.pdf", size + i, seed=i) for i in range(n)]


def _commits(ws) -> list[str]:
    """Every COMMIT the workspace's connection sends from now on."""
    seen: list[str] = []
    ws.db.conn.set_trace_callback(lambda sql: seen.append(sql) if sql.strip().upper() == "COMMIT" else None)
    return seen


def test_a_batch_is_recorded_in_one_transaction_and_every_file_is_there(ws, tmp_path, data_dir):
    files = _files(tmp_path / "src", 12)
    commits = _commits(ws)
    outcomes = add_evidence_files(ws, "T01", files, made_date="2021.5.1", description="每月台账")
    ws.db.conn.set_trace_callback(None)
    assert len(commits) == 1  # not one per file
    assert [o.path for o in outcomes] == files and all(o.error is None for o in outcomes)
    stored = list_evidence(ws)
    assert [r.original_name for r in stored] == [f.name for f in files]
    assert {r.made_date for r in stored} == {"2021-05-01"} and {r.description for r in stored} == {"每月台账"}
    assert all(r.item_ids == ("T01",) for r in stored)
    assert temp_leftovers(data_dir) == []
    assert_healthy(data_dir)


def test_groups_are_bounded_and_each_outcome_is_heard_once_it_is_durable(ws, tmp_path, data_dir, monkeypatch):
    monkeypatch.setattr(attachments, "GROUP_FILES", 3)
    files = _files(tmp_path / "src", 7)
    commits = _commits(ws)
    heard: list[tuple[str, int]] = []

    def on_recorded(outcome: Attached) -> None:
        # another connection sees the record already: it was committed before we were told
        with sqlite3.connect(data_dir / "fazhi.db") as other:
            rows = other.execute(
                "SELECT count(*) FROM evidence WHERE original_name = ?", [outcome.path.name]
            ).fetchone()
        heard.append((outcome.path.name, rows[0]))

    add_evidence_files(ws, ["T01"], files, on_recorded=on_recorded)
    ws.db.conn.set_trace_callback(None)
    assert len(commits) == 3  # 3 + 3 + 1
    assert heard == [(f.name, 1) for f in files]


def test_a_file_that_fails_is_reported_in_its_place_and_the_others_go_on(ws, tmp_path):
    files = _files(tmp_path / "src", 4)
    missing = tmp_path / "src" / "不存在.pdf"
    again = files[0]  # the same content twice in one call: the second one only links
    outcomes = add_evidence_files(ws, ["T01", "T02"], [files[0], missing, files[1], again, files[2]])
    assert [o.path for o in outcomes] == [files[0], missing, files[1], again, files[2]]
    assert isinstance(outcomes[1].error, SourceMissing) and outcomes[1].record is None
    assert outcomes[3].record is not None and outcomes[3].record.id == outcomes[0].record.id
    assert "已存在" in outcomes[3].record.note
    assert len(list_evidence(ws)) == 3


def test_the_budget_is_kept_across_a_batch_as_if_each_file_were_added_alone(ws, tmp_path):
    files = _files(tmp_path / "src", 5, size=3400 * KIB)  # the smallest limit allowed is 10 MB
    before = size_budget(ws)
    expected = before
    for f in files[:3]:
        expected = expected.plus_file(f.stat().st_size, len(f.name.encode()))
    # room for exactly three of them
    limit = expected.used_bytes + 1
    settings.set(ws.db, "evidence.max_file_bytes", 5 << 20)
    settings.set(ws.db, "evidence.max_period_bytes", limit)
    outcomes = add_evidence_files(ws, ["T01"], files)
    assert [o.error is None for o in outcomes] == [True, True, True, False, False]
    assert all(isinstance(o.error, BudgetExceeded) for o in outcomes[3:])
    after = size_budget(ws)
    assert (
        after.used_bytes == expected.used_bytes and after.file_count == 3
    )  # plus_file is size_budget's rule


def test_a_cancel_keeps_the_finished_files_and_drops_the_copy_under_way(ws, tmp_path, data_dir):
    files = _files(tmp_path / "src", 5, size=3 << 20)
    stop = {"now": False}

    def progress_for(i):
        def progress(done, total):
            if i == 2 and done > total // 2:
                stop["now"] = True

        return progress

    outcomes = add_evidence_files(ws, ["T01"], files, progress_for=progress_for, cancel=lambda: stop["now"])
    assert [o.path for o in outcomes] == files[:3]  # the two after the cancel are not tried
    assert outcomes[0].record and outcomes[1].record and isinstance(outcomes[2].error, CopyCancelled)
    assert [r.original_name for r in list_evidence(ws)] == [files[0].name, files[1].name]
    assert temp_leftovers(data_dir) == []
    assert_healthy(data_dir)


def test_a_group_that_cannot_be_made_durable_records_nothing_and_leaves_no_file(
    ws, tmp_path, data_dir, monkeypatch
):
    add_evidence(ws, "T01", make_file(tmp_path / "先前.pdf", 50 * KIB, seed=99))
    files = _files(tmp_path / "src", 3)

    def full(_folders):  # the folder sync of a full disk, just before the group's commit
        raise DiskFull(str(data_dir))

    monkeypatch.setattr(store, "sync_folders", full)
    outcomes = add_evidence_files(ws, ["T02"], files)
    assert all(isinstance(o.error, DiskFull) and o.record is None for o in outcomes)
    assert [r.original_name for r in list_evidence(ws)] == ["先前.pdf"]  # the earlier record stays
    assert len(store_files := list(store.stored_files(data_dir))) == 1, store_files
    assert temp_leftovers(data_dir) == []
    monkeypatch.undo()
    assert_healthy(data_dir)


def test_a_copy_the_disk_cannot_make_durable_is_refused_alone(ws, tmp_path, data_dir, monkeypatch):
    """Delayed allocation reports a full disk only at fsync, which a batch issues for its copies
    together: that file is refused with the full-disk message, the others of its group are recorded."""
    import errno
    import os

    files = _files(tmp_path / "src", 4)
    real_fsync = os.fsync
    victim = {}

    def fsync(fd):
        if victim.get("fd") is None:
            victim["fd"] = fd  # the first copy synced
        if fd == victim["fd"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(store, "_SYNC_THREADS", 1)  # one after another, so "the first" is well defined
    monkeypatch.setattr(os, "fsync", fsync)
    outcomes = add_evidence_files(ws, ["T01"], files)
    monkeypatch.undo()
    assert isinstance(outcomes[0].error, DiskFull) and outcomes[0].record is None
    assert all(o.record is not None for o in outcomes[1:])
    assert [r.original_name for r in list_evidence(ws)] == [f.name for f in files[1:]]
    assert temp_leftovers(data_dir) == []
    assert_healthy(data_dir)
