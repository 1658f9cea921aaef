"""Defects of issue 13 around packages: record before rename (2), a foreign ZIP comment (8), leftovers
of killed runs cleaned on the next one (9). Each test failed before its fix."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from fazhi_desktop.app.export import ExportResult, export_package
from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.evidence.store import TEMP_PREFIX, evidence_root
from fazhi_desktop.package.bagzip import PART_PREFIX, PART_SUFFIX
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import create_unit_key
from fazhi_desktop.package.verify import verify_package
from fazhi_desktop.safety.doctor import run_doctor
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.selfcheck.packages import list_packages
from fazhi_desktop.selfcheck.profile import set_key_fingerprint, set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace

PASS = "正确的口令 horse battery"


@pytest.fixture
def unit(data_dir: Path, tmp_path: Path):
    ws = Workspace.open(data_dir)
    set_up_unit(ws, "燕店镇", contact="张三", phone="0635-1234567")
    key = create_unit_key(data_dir, PASS, kdf=KdfParams(n=2**10))
    set_key_fingerprint(ws, key.fingerprint)
    save_assessment(ws, "T01", strict=True, work_status="已完成", result="已完成", narrative="学法4次。")
    scan = tmp_path / "会议纪要.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    add_evidence(ws, ["T01"], scan, made_date="2021-05-01")
    yield ws, key
    ws.close()


def _stick(tmp_path: Path) -> Path:
    out = tmp_path / "stick"
    out.mkdir(exist_ok=True)
    return out


def _written(result: ExportResult) -> list[str]:
    """What one export leaves on the stick: the package, and the report and workbook beside it."""
    assert result.report_path is not None and result.workbook_path is not None
    return [result.package.path.name, result.report_path.name, result.workbook_path.name]


# --- (2) the database and the stick agree ---------------------------------------------------------------
def test_a_failed_record_leaves_no_package_and_the_next_export_works(unit, tmp_path, monkeypatch):
    ws, key = unit
    out = _stick(tmp_path)

    def full(*a, **k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("fazhi_desktop.app.export.record_package", full)
    with pytest.raises(sqlite3.OperationalError):
        export_package(ws, out, key)
    assert list(out.iterdir()) == []  # neither a package the database does not know, nor a .part
    monkeypatch.undo()
    result = export_package(ws, out, key)
    assert sorted(p.name for p in out.iterdir()) == sorted(_written(result))
    assert [p.package_id for p in list_packages(ws.db, ws.period.id)] == [result.package.package_id]


def test_a_failed_rename_takes_the_record_back(unit, tmp_path, monkeypatch):
    ws, key = unit
    out = _stick(tmp_path)
    real_replace = os.replace

    def pulled_out(src, dst, *a, **k):
        if str(dst).endswith(".zip"):
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr("fazhi_desktop.package.bagzip.os.replace", pulled_out)
    with pytest.raises(Exception, match="读写|出错|失败"):
        export_package(ws, out, key)
    assert list(out.iterdir()) == []
    assert list_packages(ws.db, ws.period.id) == []
    fields = [r[0] for r in ws.db.execute("SELECT field FROM history WHERE entity = 'package' ORDER BY id")]
    assert fields == ["exported", "withdrawn"]


def test_a_package_is_recorded_before_it_gets_its_final_name(unit, tmp_path, monkeypatch):
    """A kill between the two steps leaves a `.part` (cleaned later), never an unknown package."""
    ws, key = unit
    out = _stick(tmp_path)
    seen: list[tuple[list[str], int]] = []
    import fazhi_desktop.app.export as export_module

    real = export_module.record_package

    def watch(*a, **k):
        real(*a, **k)
        seen.append((sorted(p.name for p in out.iterdir()), len(list_packages(ws.db, ws.period.id))))

    monkeypatch.setattr(export_module, "record_package", watch)
    export_package(ws, out, key)
    names, recorded = seen[0]
    assert recorded == 1 and len(names) == 1 and names[0].endswith(PART_SUFFIX)


# --- (8) a re-zipped package with its own comment ----------------------------------------------------
def test_a_foreign_zip_comment_is_a_warning_and_a_damaged_seal_still_bad(unit, tmp_path):
    ws, key = unit
    pkg = export_package(ws, _stick(tmp_path), key).package.path
    commented = tmp_path / "commented.zip"
    shutil.copy(pkg, commented)
    r = subprocess.run(["zip", "-z", str(commented)], input=b"re-packed by the clerk\n", capture_output=True)
    assert r.returncode == 0, r.stderr
    report = verify_package(commented)
    assert report.ok, report.problems
    assert "unsealed_zip" in [w.code for w in report.warnings]
    assert "bad_seal" not in [p.code for p in report.problems]
    damaged = tmp_path / "damaged.zip"
    data = bytearray(pkg.read_bytes())
    data[-5] = ord("A") if data[-5] != ord("A") else ord("B")
    damaged.write_bytes(bytes(data))
    assert "bad_seal" in [p.code for p in verify_package(damaged).problems]


# --- (9) leftovers of a killed run ------------------------------------------------------------------
def _age(path: Path, seconds: float = 3600) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_a_killed_exports_part_file_is_removed_by_the_next_export(unit, tmp_path):
    ws, key = unit
    out = _stick(tmp_path)
    stale = out / f"{PART_PREFIX}abc123{PART_SUFFIX}"
    stale.write_bytes(b"PK" + bytes(10_000))
    _age(stale)
    fresh = out / f"{PART_PREFIX}fresh{PART_SUFFIX}"  # another export may be writing it right now
    fresh.write_bytes(b"PK")
    other = out / "clerks-own.zip.part"
    other.write_bytes(b"x")
    _age(other)
    result = export_package(ws, out, key)
    assert result.package.path.exists() and not stale.exists()
    assert fresh.exists() and other.exists()
    # A report or workbook written beside the package by a killed export is removed the same way.
    beside = out / ".part-abcd1234.tmp"
    beside.write_bytes(b"%PDF-1.4")
    _age(beside)
    export_package(ws, out, key)
    assert not beside.exists()


def test_a_locked_part_file_is_never_removed(unit, tmp_path):
    """A running export holds a lock on its .part; only an unlocked, untouched one is a leftover."""
    import fcntl

    ws, key = unit
    out = _stick(tmp_path)
    busy = out / f"{PART_PREFIX}busy{PART_SUFFIX}"
    busy.write_bytes(b"PK")
    _age(busy)
    fd = os.open(busy, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        export_package(ws, out, key)
        assert busy.exists()
    finally:
        os.close(fd)


def test_a_killed_copys_temp_file_is_removed_at_the_next_start(unit, data_dir):
    ws, _key = unit
    leftover = evidence_root(data_dir) / f"{TEMP_PREFIX}0123456789abcdef"
    leftover.write_bytes(bytes(50_000))
    _age(leftover)
    assert run_doctor(ws).orphans  # still there in this run
    ws2 = Workspace.open(data_dir)  # the next run
    try:
        assert not leftover.exists()
        report = run_doctor(ws2)
        assert report.orphans == [] and report.ok
    finally:
        ws2.close()


# --- the start-up check does not re-read every evidence file each time ---------------------------------
def test_the_quick_start_up_check_rereads_only_changed_files(unit, data_dir, tmp_path):
    ws, _key = unit
    second = tmp_path / "第二份.pdf"
    second.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 80)
    add_evidence(ws, ["T02"], second)
    full = run_doctor(ws, quick=True)  # nothing recorded yet: everything is read
    assert full.ok and full.checked_files == 2 and full.unchanged_files == 0
    again = run_doctor(ws, quick=True)
    assert again.ok and again.checked_files == 0 and again.unchanged_files == 2
    # Changed in place, same size, modification time put back: the change time still tells.
    blob = next(p for p in evidence_root(data_dir).rglob("*") if p.is_file() and p.stat().st_size > 11_000)
    st = blob.stat()
    data = bytearray(blob.read_bytes())
    data[100] ^= 0xFF
    blob.write_bytes(bytes(data))
    os.utime(blob, ns=(st.st_atime_ns, st.st_mtime_ns))
    changed = run_doctor(ws, quick=True)
    assert changed.checked_files == 1 and changed.unchanged_files == 1 and changed.corrupt_blobs
    assert run_doctor(ws).checked_files == 2  # doctor itself always reads everything


def test_a_stopped_start_up_check_keeps_what_it_found_sound(unit, data_dir, tmp_path):
    """Closing the window while the start-up check runs stops it at once; the next start reads only the
    files it had not reached — else a unit whose window always closes first re-reads them on every start."""
    from fazhi_desktop.safety.doctor import CheckCancelled

    ws, _key = unit
    for n in range(3):
        extra = tmp_path / f"第{n}份.pdf"
        extra.write_bytes(b"%PDF-1.4\n" + bytes([n]) * 300_000)
        add_evidence(ws, ["T02"], extra)
    reads: list[int] = []  # one progress call per file: each is smaller than a read block
    with pytest.raises(CheckCancelled) as stopped:
        run_doctor(
            ws, quick=True, progress=lambda done, _t: reads.append(done), cancel=lambda: len(reads) >= 2
        )
    assert "下次启动时继续" in stopped.value.message
    rest = run_doctor(ws, quick=True)
    assert rest.ok and rest.unchanged_files == 2 and rest.checked_files == 2
    again = run_doctor(ws, quick=True)
    assert again.checked_files == 0 and again.unchanged_files == 4
