"""`doctor`: the database, the history chain, every stored file re-hashed, orphans found and removed."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest
from evidence_checks import assert_healthy, make_file, open_unit, temp_leftovers

from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.evidence.store import blob_path
from fazhi_desktop.safety.doctor import run_doctor
from fazhi_desktop.selfcheck.workspace import Workspace


@pytest.fixture
def attached(data_dir, tmp_path):
    """A unit with two documents attached; returns (source files, records)."""
    with open_unit(data_dir) as ws:
        files = [make_file(tmp_path / f"材料{n}.pdf", 200_000 + n, seed=n) for n in range(2)]
        records = [add_evidence(ws, "T01", f) for f in files]
    return files, records


def doctor(data_dir, **kw):
    with Workspace.open(data_dir) as ws:
        return run_doctor(ws, **kw)


def test_a_sound_store_passes(attached, data_dir, cli):
    report = doctor(data_dir)
    assert report.ok and report.problems() == []
    assert report.checked_files == 2 and report.checked_bytes == 400_001
    r = cli("doctor")
    assert r.code == 0 and "一切正常" in r.out and "2 个佐证材料文件" in r.out


def test_a_damaged_file_is_found_and_heals_when_added_again(attached, data_dir, cli):
    files, records = attached
    path = blob_path(data_dir, records[0].sha256)
    with open(path, "r+b") as f:
        f.seek(1000)
        f.write(b"\x00\x01\x02")
    report = doctor(data_dir)
    assert report.corrupt_blobs == {records[0].sha256: ["材料0.pdf"]}
    r = cli("doctor")
    assert r.code == 1 and "已损坏" in r.out and "材料0.pdf" in r.out and "重新添加" in r.out
    assert cli("evidence", "add", "T01", str(files[0])).code == 0
    assert cli("doctor").code == 0
    assert_healthy(data_dir)


def test_a_missing_file_is_found(attached, data_dir, cli):
    files, records = attached
    blob_path(data_dir, records[1].sha256).unlink()
    report = doctor(data_dir)
    assert report.missing_blobs == {records[1].sha256: ["材料1.pdf"]} and not report.ok
    assert any("缺失" in p for p in report.problems())
    # --fix-orphans never deletes a record: the missing file stays reported until the original is added
    assert cli("doctor", "--fix-orphans").code == 1
    assert cli("evidence", "add", "T01", str(files[1])).code == 0
    assert cli("doctor").code == 0


def test_orphans_and_crash_leftovers_are_listed_and_removed(attached, data_dir, cli):
    root = data_dir / "evidence"
    (root / ".incoming-deadbeef").write_bytes(b"half a scan")
    trash = ".deleting-" + "0" * 64 + "-abcd"  # a removal interrupted between commit and delete
    (root / trash).write_bytes(b"old content")
    (root / "ab").mkdir(exist_ok=True)
    stray_blob = root / "ab" / ("ab" + "c" * 62)
    stray_blob.write_bytes(b"not recorded anywhere")
    (root / "readme.txt").write_text("someone put this here")
    report = doctor(data_dir)
    # A hash-named file nothing records is a copy killed between its rename and its commit: the next
    # start removes it (issue 13). The fresh temporary file may still be a running copy's.
    assert sorted(report.orphans) == sorted([".incoming-deadbeef", trash, "readme.txt"])
    assert not stray_blob.exists()
    r = cli("doctor")
    assert r.code == 1 and "--fix-orphans" in r.out
    r = cli("doctor", "--fix-orphans")
    assert r.code == 0, r.out
    assert r.out.count("已删除") == 3
    assert temp_leftovers(data_dir) == [] and not stray_blob.exists() and not (root / "readme.txt").exists()
    assert doctor(data_dir).ok
    assert_healthy(data_dir)


def test_a_copy_still_running_elsewhere_is_not_an_orphan(data_dir, tmp_path):
    """A worker thread is mid-copy (paused in its progress callback) while doctor --fix-orphans runs."""
    open_unit(data_dir).close()
    src = make_file(tmp_path / "大文件.pdf", 4 << 20)
    paused, go_on, errors = threading.Event(), threading.Event(), []

    def progress(done, total):
        if done == 1 << 20:
            paused.set()
            go_on.wait(60)

    def worker():
        try:
            with Workspace.open(data_dir) as w:
                add_evidence(w, "T01", src, progress=progress)
        except Exception as exc:  # reported below
            errors.append(exc)

    t = threading.Thread(target=worker)
    t.start()
    try:
        assert paused.wait(60)
        report = doctor(data_dir, fix_orphans=True)
        assert report.orphans == [] and report.fixed == []
        assert len(report.in_progress) == 1 and report.in_progress[0].startswith(".incoming-")
        assert report.ok
    finally:
        go_on.set()
        t.join()
    assert errors == []
    assert doctor(data_dir).ok
    assert_healthy(data_dir)


def test_unused_stored_files_are_removed_with_their_rows(attached, data_dir):
    _, records = attached
    conn = sqlite3.connect(str(data_dir / "fazhi.db"))
    with conn:
        conn.execute("DELETE FROM evidence_items WHERE evidence_id = ?", [records[0].id])
        conn.execute("DELETE FROM evidence WHERE id = ?", [records[0].id])
    conn.close()
    report = doctor(data_dir)
    assert report.unused_blobs == [records[0].sha256] and not report.ok
    fixed = doctor(data_dir, fix_orphans=True)
    assert fixed.ok and f"evidence/{records[0].sha256[:2]}/{records[0].sha256}" in fixed.fixed
    assert not blob_path(data_dir, records[0].sha256).exists()
    assert blob_path(data_dir, records[1].sha256).exists()
    assert_healthy(data_dir)


def test_evidence_without_items_is_reported(attached, data_dir, cli):
    _, records = attached
    conn = sqlite3.connect(str(data_dir / "fazhi.db"))
    with conn:
        conn.execute("DELETE FROM evidence_items WHERE evidence_id = ?", [records[1].id])
    conn.close()
    report = doctor(data_dir)
    assert report.unlinked_evidence == [records[1].id]
    r = cli("doctor")
    assert r.code == 1 and "没有关联任何事项" in r.out


def test_a_broken_history_chain_is_reported(attached, data_dir, cli):
    conn = sqlite3.connect(str(data_dir / "fazhi.db"))
    with conn:
        conn.execute("UPDATE history SET new_value = '改过' WHERE id = 2")
    conn.close()
    assert doctor(data_dir).history_broken[0] == 2
    r = cli("doctor")
    assert r.code == 1 and "修改记录链从第 2 条起对不上" in r.out


def test_a_damaged_database_and_broken_references_are_reported(attached, data_dir, cli):
    conn = sqlite3.connect(str(data_dir / "fazhi.db"))
    with conn:
        conn.execute("INSERT INTO evidence_items (evidence_id, item_id, linked_at) VALUES (999, 'T01', 'x')")
    root, page_size = conn.execute(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = 'evidence_items_item'"
    ).fetchone()
    conn.close()
    assert not (data_dir / "fazhi.db-wal").exists()
    raw = bytearray((data_dir / "fazhi.db").read_bytes())
    raw[(root - 1) * page_size + 3 : (root - 1) * page_size + 5] = b"\0\0"  # the index page claims no entries
    (data_dir / "fazhi.db").write_bytes(bytes(raw))
    report = doctor(data_dir)
    assert any("evidence_items_item" in line for line in report.integrity)
    assert report.foreign_keys and "evidence_items" in report.foreign_keys[0]
    r = cli("doctor", "--json")
    assert r.code == 1
    data = json.loads(r.out)
    assert data["ok"] is False and data["integrity"] and any("backup restore" in p for p in data["problems"])


def test_json_output(attached, data_dir, cli):
    (data_dir / "evidence" / ".incoming-1234").write_bytes(b"x")
    data = json.loads(cli("doctor", "--json").out)
    assert data["ok"] is False and data["orphans"] == [".incoming-1234"]
    assert data["checked_files"] == 2 and data["corrupt_blobs"] == {} and data["fixed"] == []
    data = json.loads(cli("doctor", "--json", "--fix-orphans").out)
    assert data["ok"] is True and data["fixed"] == ["evidence/.incoming-1234"]
