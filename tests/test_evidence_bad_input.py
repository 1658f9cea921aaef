"""Bad input for the evidence store: each case has its own test, refused with a clear message, and
each ends with `assert_healthy` (the database passes its integrity check and every recorded evidence
file matches its hash)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from evidence_checks import (
    assert_healthy,
    fill_disk,
    make_file,
    mount_small_disk,
    open_unit,
    stored_files,
    temp_leftovers,
    unmount,
)

from fazhi_desktop import settings
from fazhi_desktop.errors import ItemNotAssigned, NotInitialised, StoreError, UnknownItem, UsageError
from fazhi_desktop.evidence import store as blob_store
from fazhi_desktop.evidence.attachments import add_evidence, list_evidence
from fazhi_desktop.evidence.errors import (
    BudgetExceeded,
    CopyCancelled,
    DiskFull,
    EmptyFile,
    FileTooLarge,
    NotAFile,
    SourceChanged,
    SourceMissing,
    SourceVanished,
    Unreadable,
)
from fazhi_desktop.evidence.store import blob_path
from fazhi_desktop.selfcheck.workspace import Workspace

MIB = 1 << 20


@pytest.fixture
def ws(data_dir):
    w = open_unit(data_dir)
    yield w
    w.close()


# --- refused before copying ------------------------------------------------------------------------


def test_zero_byte_file_is_refused(ws, tmp_path, data_dir):
    src = tmp_path / "空.pdf"
    src.write_bytes(b"")
    with pytest.raises(EmptyFile, match="空文件"):
        add_evidence(ws, "T01", src)
    assert stored_files(data_dir) == [] and list_evidence(ws) == []
    assert_healthy(data_dir)


def test_a_directory_is_refused(ws, tmp_path, data_dir):
    folder = tmp_path / "扫描件"
    folder.mkdir()
    with pytest.raises(NotAFile, match="是一个文件夹"):
        add_evidence(ws, "T01", folder)
    assert_healthy(data_dir)


def test_a_pipe_is_refused(ws, tmp_path, data_dir):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(NotAFile, match="不是普通文件"):
        add_evidence(ws, "T01", fifo)
    assert_healthy(data_dir)


def test_a_missing_file_is_refused(ws, tmp_path, data_dir):
    with pytest.raises(SourceMissing, match="找不到文件“没有.pdf”"):
        add_evidence(ws, "T01", tmp_path / "没有.pdf")
    assert_healthy(data_dir)


_CAP_V3 = 0x20080522
_DAC_CAPS = (1 << 1) | (1 << 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


@contextlib.contextmanager
def without_read_rights():
    """Root reads everything: drop the two capabilities that let it (effective set only, restored after).

    Switching to `nobody` instead fails when the checkout lies where nobody may not go (a clone in /root):
    the program reads its own plan files during the block."""
    if os.geteuid() != 0:
        yield
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header, data = _CapHeader(_CAP_V3, 0), (_CapData * 2)()
    assert libc.capget(ctypes.byref(header), data) == 0, os.strerror(ctypes.get_errno())
    saved = data[0].effective
    data[0].effective &= ~_DAC_CAPS
    assert libc.capset(ctypes.byref(header), data) == 0, os.strerror(ctypes.get_errno())
    try:
        yield
    finally:
        data[0].effective = saved
        assert libc.capset(ctypes.byref(header), data) == 0, os.strerror(ctypes.get_errno())


def test_an_unreadable_file_is_refused(tmp_path):
    data = tmp_path / "data"
    ws = open_unit(data)
    src = make_file(tmp_path / "机密 文件.pdf", 5000)
    src.chmod(0)
    with without_read_rights(), pytest.raises(Unreadable, match="无法读取文件“机密 文件.pdf”"):
        add_evidence(ws, "T01", src)
    assert temp_leftovers(data) == [] and stored_files(data) == []
    ws.close()
    assert_healthy(data)


def test_a_file_over_the_limit_is_refused_before_copying(ws, tmp_path, data_dir):
    settings.set(ws.db, "evidence.max_file_bytes", "1MB")
    calls = []
    with pytest.raises(FileTooLarge, match="超过单个文件上限 1 MB"):
        add_evidence(
            ws, "T01", make_file(tmp_path / "big.pdf", 2 * MIB), progress=lambda d, t: calls.append(d)
        )
    assert calls == [] and stored_files(data_dir) == []
    assert_healthy(data_dir)


def test_the_package_budget_is_checked_before_copying(ws, tmp_path, data_dir):
    settings.set(ws.db, "evidence.max_file_bytes", "5MB")
    settings.set(ws.db, "evidence.max_period_bytes", "10MB")
    big = add_evidence(ws, "T01", make_file(tmp_path / "a.pdf", 5 * MIB, seed=1))
    calls = []
    with pytest.raises(BudgetExceeded, match="超过上限 10 MB"):
        add_evidence(
            # 5 MB + (5 MB - 1 KB) leaves less room than the reports need (a few hundred KB)
            ws,
            "T02",
            make_file(tmp_path / "b.pdf", 5 * MIB - 1024, seed=2),
            progress=lambda d, t: calls.append(d),
        )
    assert calls == [] and len(stored_files(data_dir)) == 1
    # the same content again adds nothing, so the budget does not stand in its way
    again = add_evidence(ws, "T02", tmp_path / "a.pdf")
    assert again.id == big.id and again.item_ids == ("T01", "T02")
    assert_healthy(data_dir)


def test_an_unknown_or_unassigned_item_is_refused_before_copying(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "a.pdf", 1000)
    with pytest.raises(UnknownItem):
        add_evidence(ws, "T01,T99", src)
    with pytest.raises(ItemNotAssigned):
        add_evidence(ws, "I01", src)  # a county-level indicator the township does not answer
    with pytest.raises(UsageError, match="至少指定一个事项"):
        add_evidence(ws, " , ", src)
    assert stored_files(data_dir) == [] and list_evidence(ws) == []
    assert_healthy(data_dir)


def test_without_a_unit_nothing_can_be_attached(data_dir, tmp_path):
    with Workspace.open(data_dir) as w, pytest.raises(NotInitialised):
        add_evidence(w, "T01", make_file(tmp_path / "a.pdf", 1000))


@pytest.mark.parametrize("text", ["2021-13-01", "昨天", "2021-02-30"])
def test_a_bad_date_is_refused(ws, tmp_path, text):
    with pytest.raises(UsageError, match="形成日期"):
        add_evidence(ws, "T01", make_file(tmp_path / "a.pdf", 1000), made_date=text)


def test_a_date_in_the_future_is_refused(ws, tmp_path):
    with pytest.raises(UsageError, match="晚于今天"):
        add_evidence(ws, "T01", make_file(tmp_path / "a.pdf", 1000), made_date="2999-01-01")


# --- trouble during the copy -----------------------------------------------------------------------


def test_a_file_that_vanishes_during_the_copy(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "a.pdf", 3 * MIB)

    def pull_the_stick(done, total):
        if src.exists():
            src.unlink()

    with pytest.raises(SourceVanished, match="不见了"):
        add_evidence(ws, "T01", src, progress=pull_the_stick)
    assert stored_files(data_dir) == [] and list_evidence(ws) == []
    assert_healthy(data_dir)


def test_a_file_that_grows_during_the_copy(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "a.pdf", 3 * MIB)

    def scanner_still_writing(done, total):
        with open(src, "ab") as f:
            f.write(b"more pages")

    with pytest.raises(SourceChanged, match="被修改了"):
        add_evidence(ws, "T01", src, progress=scanner_still_writing)
    assert stored_files(data_dir) == [] and list_evidence(ws) == []
    assert_healthy(data_dir)


def test_a_file_that_shrinks_during_the_copy(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "a.pdf", 3 * MIB)
    with pytest.raises(SourceChanged):
        add_evidence(ws, "T01", src, progress=lambda d, t: os.truncate(src, MIB + 10))
    assert stored_files(data_dir) == []
    assert_healthy(data_dir)


def test_a_file_rewritten_in_place_with_the_same_size(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "a.pdf", 3 * MIB)
    os.utime(src, ns=(1_000_000_000, 1_000_000_000))  # an old time, so any write moves it

    def rewrite(done, total):
        if done == MIB:
            with open(src, "r+b") as f:
                f.write(b"X" * 100)

    with pytest.raises(SourceChanged):
        add_evidence(ws, "T01", src, progress=rewrite)
    assert stored_files(data_dir) == []
    assert_healthy(data_dir)


def test_a_file_replaced_by_another_during_the_copy(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "a.pdf", 3 * MIB)
    other = make_file(tmp_path / "b.pdf", 3 * MIB, seed=9)
    with pytest.raises(SourceChanged):
        add_evidence(ws, "T01", src, progress=lambda d, t: other.exists() and os.replace(other, src))
    assert stored_files(data_dir) == []
    assert_healthy(data_dir)


def test_a_cancelled_copy_leaves_nothing(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "a.pdf", 4 * MIB)
    seen = []
    with pytest.raises(CopyCancelled, match="已取消"):
        add_evidence(ws, "T01", src, progress=lambda d, t: seen.append(d), cancel=lambda: len(seen) >= 2)
    assert seen == [MIB, 2 * MIB]
    assert stored_files(data_dir) == [] and list_evidence(ws) == []
    assert_healthy(data_dir)


def test_a_second_program_holding_the_write_lock(monkeypatch, data_dir, tmp_path):
    """Another program mid-write: a clear message, no leftovers, and it works once the lock is free."""
    monkeypatch.setattr("fazhi_desktop.store.db.BUSY_TIMEOUT_MS", 200)  # the wait before giving up
    ws = open_unit(data_dir)
    other = sqlite3.connect(str(data_dir / "fazhi.db"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    src = make_file(tmp_path / "a.pdf", 2 * MIB)
    try:
        with pytest.raises(StoreError, match="正被另一个程序写入"):
            add_evidence(ws, "T01", src)
        assert stored_files(data_dir) == []
    finally:
        other.execute("ROLLBACK")
        other.close()
    add_evidence(ws, "T01", src)
    ws.close()
    assert_healthy(data_dir)


def test_two_copies_at_once_in_two_threads(data_dir, tmp_path):
    """The GUI copies in a worker thread with its own connection while the main thread edits."""
    open_unit(data_dir).close()
    files = [make_file(tmp_path / f"{n}.pdf", 3 * MIB, seed=n) for n in range(2)]
    shared = make_file(tmp_path / "shared.pdf", 2 * MIB, seed=7)
    errors = []

    def work(n):
        try:
            with Workspace.open(data_dir) as w:
                add_evidence(w, "T01", files[n])
                add_evidence(w, f"T0{n + 2}", shared)
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Workspace.open(data_dir) as w:
        records = list_evidence(w)
        assert len(records) == 3
        assert next(r for r in records if r.original_name == "shared.pdf").item_ids == ("T02", "T03")
    assert_healthy(data_dir)


# --- a full disk -----------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    disks = []

    def make(size_mib: int):
        disk = mount_small_disk(tmp_path / f"disk{len(disks)}", size_mib, tmp_path)
        disks.append(disk)
        return disk

    yield make
    for disk in disks:
        unmount(disk)


def test_too_little_free_space_is_refused_before_copying(small_disk, tmp_path, monkeypatch):
    disk = small_disk(4)
    data = disk.path / "data"
    ws = open_unit(data)
    if disk.how == "patched":
        monkeypatch.setattr(
            blob_store.shutil, "disk_usage", lambda p: shutil._ntuple_diskusage(4 << 20, 3 << 20, 1 << 20)
        )
    calls = []
    with pytest.raises(DiskFull, match="磁盘空间不足（需要约"):
        add_evidence(ws, "T01", make_file(tmp_path / "a.pdf", 2 * MIB), progress=lambda d, t: calls.append(d))
    assert calls == [] and stored_files(data) == []
    ws.close()
    assert_healthy(data)


def test_a_disk_that_fills_up_during_the_copy(small_disk, tmp_path, monkeypatch):
    disk = small_disk(24)
    print(f"small disk: {disk.how}")
    data = disk.path / "data"
    ws = open_unit(data)
    src = make_file(tmp_path / "a.pdf", 6 * MIB)
    filler: list[Path] = []

    def another_program_fills_the_disk(done, total):
        if not filler and disk.how != "patched":
            filler.append(fill_disk(disk.path, leave=64 << 10))

    if disk.how == "patched":
        real = blob_store._write_all
        calls = []

        def failing(fd, view):
            calls.append(1)
            if len(calls) > 2:
                raise OSError(28, "No space left on device")
            real(fd, view)

        monkeypatch.setattr(blob_store, "_write_all", failing)
    with pytest.raises(DiskFull, match="磁盘空间不足"):
        add_evidence(ws, "T01", src, progress=another_program_fills_the_disk)
    assert stored_files(data) == [] and list_evidence(ws) == []
    for f in filler:
        f.unlink()
    assert_healthy(data)
    monkeypatch.undo()
    rec = add_evidence(ws, "T01", src)  # with room again it simply works
    assert rec.size == 6 * MIB
    ws.close()
    assert_healthy(data)


def test_a_disk_that_fills_up_just_before_the_database_write(small_disk, tmp_path):
    """The copy is complete; then the disk is full when the rows are written: either the whole add
    happens or nothing does, and the store stays consistent."""
    disk = small_disk(24)
    if disk.how == "patched":
        pytest.skip("needs a real small file system")  # reported: only when neither tmpfs nor loop mounts
    data = disk.path / "data"
    ws = open_unit(data)
    filler: list[Path] = []

    def fill_at_the_end(done, total):
        if done == total and not filler:
            filler.append(fill_disk(disk.path, leave=0))

    try:
        rec = add_evidence(ws, "T01", make_file(tmp_path / "a.pdf", 3 * MIB), progress=fill_at_the_end)
        print("added despite the full disk (the WAL had room)")
    except DiskFull:
        print("refused: disk full at the database write")
        assert list_evidence(ws) == []
    else:
        assert blob_path(data, rec.sha256).exists()
    for f in filler:
        f.unlink()
    ws.close()
    assert_healthy(data)
