"""Bad input of every kind on the command line: each gets a plain Chinese message on stderr, a non-zero
exit code, no traceback and none of Python's or SQLite's English, and loses nothing already saved."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from evidence_checks import assert_healthy, fill_disk, mount_small_disk, open_unit, unmount

from fazhi_desktop.cli.parser import translate_error
from fazhi_desktop.selfcheck.assessments import get_assessment, save_assessment
from fazhi_desktop.store.db import DB_NAME

# Words that only appear when an English message from Python, argparse or SQLite leaks through.
_LEAKS = re.compile(
    r"Traceback|Error\b|error:|usage:|No such|Permission|denied|Read-only|read-only|readonly|invalid|"
    r"is a directory|Is a directory|locked|unable|database|not a|File exists|expected|required|argument",
)


def assert_plain(r, code: int | None = None) -> None:
    """A refusal in plain Chinese: non-zero exit, one message starting with 错误：, no English leak."""
    assert r.code != 0 and (code is None or r.code == code), (r.code, r.err)
    message = r.err.strip().splitlines()[-1]
    assert message.startswith("错误："), r.err
    # Paths and option names are the clerk's own input, not leaks.
    cleaned = re.sub(r"(/[^\s“”（），。：；]+)|(--[a-z-]+)|fazhi-desktop[a-z -]*", "", message)
    assert not _LEAKS.search(cleaned), message


@contextlib.contextmanager
def read_only(folder: Path):
    """Make `folder` unwritable even for root: remount a tmpfs read-only; as another user, chmod."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    r = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True)
    assert r.returncode == 0, r.stderr
    try:
        yield
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(folder)], capture_output=True)


@pytest.fixture
def disk(tmp_path):
    """A small real file system of our own (tmpfs for root), so it can be made read-only or full."""
    d = mount_small_disk(tmp_path / "disk", 16, tmp_path)
    if d.how == "patched" and os.geteuid() == 0:
        pytest.fail("root without mount: cannot make a read-only or full disk")
    yield d.path
    unmount(d)


# --- the data directory -----------------------------------------------------------------------------


def test_data_dir_that_is_a_file(cli_at, tmp_path):
    f = tmp_path / "not-a-folder"
    f.write_text("x")
    r = cli_at(f, "init", "--unit", "燕店镇", "--no-key")
    assert_plain(r, 1)
    assert "是一个文件，不是文件夹" in r.err
    assert f.read_text() == "x"


def test_data_dir_whose_parent_does_not_exist(cli_at, tmp_path):
    """A USB stick that is not plugged in: no phantom folder and no new empty database are created."""
    r = cli_at(tmp_path / "usb-stick" / "fazhi", "init", "--unit", "燕店镇", "--no-key")
    assert_plain(r, 1)
    assert "所在的文件夹" in r.err and "不存在（U盘是否已插好" in r.err
    assert not (tmp_path / "usb-stick").exists()


def test_a_missing_data_dir_in_an_existing_folder_is_created(cli_at, tmp_path):
    r = cli_at(tmp_path / "新的数据目录", "init", "--unit", "燕店镇", "--no-key")
    assert r.code == 0, r.err
    assert (tmp_path / "新的数据目录" / DB_NAME).is_file()


def test_the_default_data_dir_is_created_with_its_parents(tmp_path, monkeypatch):
    from fazhi_desktop.store.db import open_database

    default = tmp_path / "home" / ".local" / "share" / "fazhi-desktop"
    monkeypatch.setattr("fazhi_desktop.store.db.default_data_dir", lambda: default)
    open_database(default).conn.close()
    assert (default / DB_NAME).is_file()


def test_data_dir_that_cannot_be_created(cli_at, disk):
    with read_only(disk):
        r = cli_at(disk / "data", "init", "--unit", "燕店镇", "--no-key")
    assert_plain(r, 1)
    assert "无法创建数据目录" in r.err and "可以写入的文件夹" in r.err


def test_read_only_data_dir_with_a_database(cli_at, disk):
    data = disk / "data"
    with open_unit(data) as ws:
        save_assessment(ws, "T01", strict=False, narrative="已保存的内容")
    with read_only(disk):
        for args in (["progress"], ["check", "T01", "--text", "新内容"], ["doctor"]):
            r = cli_at(data, *args)
            assert_plain(r, 1)
            assert "不能写入" in r.err and "从备份恢复" not in r.err
    with open_unit(data) as ws:
        assert get_assessment(ws, "T01").narrative == "已保存的内容"
    assert_healthy(data)


def test_database_position_taken_by_a_folder(cli_at, tmp_path):
    (tmp_path / "data" / DB_NAME).mkdir(parents=True)
    r = cli_at(tmp_path / "data", "progress")
    assert_plain(r, 1)
    assert "是一个文件夹" in r.err


def test_a_file_that_is_not_sqlite(cli_at, tmp_path):
    (tmp_path / "data").mkdir()
    garbage = os.urandom(3000)
    (tmp_path / "data" / DB_NAME).write_bytes(garbage)
    r = cli_at(tmp_path / "data", "progress")
    assert_plain(r, 1)
    assert "已损坏，或不是本程序的数据库" in r.err and "backup restore" in r.err
    assert (tmp_path / "data" / DB_NAME).read_bytes() == garbage  # nothing written over it


def test_a_locked_database_is_busy_not_damaged(cli, data_dir, monkeypatch):
    open_unit(data_dir).close()
    monkeypatch.setattr("fazhi_desktop.store.db.BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
    try:
        for args in (["progress"], ["check", "T01", "--text", "x"]):
            r = cli(*args)
            assert_plain(r, 1)
            assert "另一个程序" in r.err and "损坏" not in r.err and "恢复" not in r.err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert cli("check", "T01", "--text", "现在可以了").code == 0
    assert_healthy(data_dir)


def test_a_full_disk_while_saving_an_answer(cli_at, disk, tmp_path):
    data = disk / "data"
    with open_unit(data) as ws:
        save_assessment(ws, "T01", strict=False, narrative="已保存的内容")
    long_text = tmp_path / "长文本.txt"
    long_text.write_text("很长的工作开展情况。" * 1_900, encoding="utf-8")  # 57 KB, within the limit
    filler = fill_disk(disk, leave=64 << 10)  # room to open the database, not to write the text twice
    try:
        r = cli_at(data, "check", "T01", "--text", f"@{long_text}")
        assert_plain(r, 1)
        assert "磁盘空间不足" in r.err and "没有保存" in r.err
        fill_disk(disk, leave=0)
        r = cli_at(data, "progress")  # not even room for the database's -wal file
        assert_plain(r, 1)
        assert "磁盘空间不足" in r.err
    finally:
        filler.unlink()
    with open_unit(data) as ws:
        assert get_assessment(ws, "T01").narrative == "已保存的内容"
    assert_healthy(data)


# --- option values ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["init", "--unit", "燕店镇", "--year", "abc"], "参数 --year 需要一个整数，收到“abc”"),
        (
            ["init", "--unit", "燕店镇", "--year", "99999999999999999999"],
            "年份 99999999999999999999 不在合理范围内",
        ),
        (["init", "--unit", "燕店镇", "--year", "1990"], "年份 1990 不在合理范围内"),
        (["init", "--unit", "燕店镇", "--period", "quarterly"], "annual（年度）"),
        (["init"], "缺少必需的参数：--unit"),
        (["evidence", "remove", "abc"], "参数 id 需要一个整数，收到“abc”"),
        (["period", "add"], "缺少必需的参数：year"),
        (["no-such-verb"], "没有名为“no-such-verb”的子命令，可用：plan、units"),
        (["plan", "nothing"], "没有名为“nothing”的子命令，可用：list、show、import"),
        (["check", "T01", "--opt-in", "--opt-out"], "参数 --opt-out 不能与 --opt-in 同时使用"),
        (["progress", "--bogus"], "无法识别的参数：--bogus"),
        (["--lang", "xx", "progress"], "参数 --lang 的值“xx”无效，可选：zh_CN、en"),
    ],
)
def test_garbage_in_option_values(cli, args, expected):
    r = cli(*args)
    assert_plain(r, 2)
    assert expected in r.err


def test_help_is_in_chinese(cli):
    r = cli("check", "--help")
    assert r.code == 0 and r.out.startswith("用法：") and "选项：" in r.out and "显示本帮助并退出" in r.out


@pytest.mark.parametrize(
    ("message", "chinese"),
    [
        ("argument --x: expected one argument", "参数 --x 后面需要一个值"),
        ("something argparse may say one day", "参数有误：something argparse may say one day"),
    ],
)
def test_argparse_messages_are_translated(message, chinese):
    assert translate_error(message) == chinese


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "T01", "--text", "@{dir}"], "无法读取工作开展情况文件"),
        (["check", "T01", "--text", "@{missing}"], "文件或文件夹不存在"),
        (["plan", "import", "{dir}"], "这是一个文件夹，不是文件"),
        (["plan", "import", "{missing}"], "文件或文件夹不存在"),
        (["backup", "restore", "{junk}"], "已损坏或不是本程序的数据库"),
        (["init", "--unit", "县政府各部门", "--no-key"], "是文件中的统称，不是某一个单位"),
        (["init", "--unit", "  ", "--no-key"], "请输入单位名称"),
    ],
)
def test_files_and_names_that_are_not_what_they_should_be(cli, data_dir, tmp_path, args, expected):
    open_unit(data_dir).close()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 50)
    filled = [a.format(dir=tmp_path, missing=tmp_path / "没有.txt", junk=junk) for a in args]
    r = cli(*filled)
    assert_plain(r)
    assert expected in r.err
    assert_healthy(data_dir)


# --- what nobody anticipated ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "expected", "code", "logged"),
    [
        (RuntimeError("boom"), "程序内部出错", 70, True),
        # A full disk is not a defect: a clear message, no traceback in a log on that disk.
        (sqlite3.OperationalError("database or disk is full"), "磁盘空间不足", 1, False),
        (PermissionError(13, "Permission denied", "/x/y"), "没有访问权限（/x/y）", 1, True),
    ],
)
def test_an_unexpected_error_is_logged_not_shown(cli, data_dir, monkeypatch, exc, expected, code, logged):
    open_unit(data_dir).close()

    def broken(*args, **kwargs):
        raise exc

    monkeypatch.setattr(
        "fazhi_desktop.selfcheck.assessments.save_assessment", broken
    )  # imported by the handler
    r = cli("check", "T01", "--text", "内容")
    assert_plain(r, code)
    assert expected in r.err and "没有保存" in r.err
    assert ("logs/fazhi.log" in r.err) is logged
    if logged:
        log = (data_dir / "logs" / "fazhi.log").read_text(encoding="utf-8")
        assert "Traceback" in log and type(exc).__name__ in log
    else:
        assert not (data_dir / "logs").exists()


def test_a_read_only_verb_logs_outside_the_data_directory(cli, data_dir, monkeypatch, tmp_path):
    open_unit(data_dir).close()
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))

    def broken(ws):
        raise RuntimeError("boom")

    monkeypatch.setattr("fazhi_desktop.selfcheck.progress.check_progress", broken)  # imported by the handler
    r = cli("progress")
    assert_plain(r, 70)
    assert "程序内部出错" in r.err and "没有保存" not in r.err
    assert not (data_dir / "logs").exists()
    assert "RuntimeError" in (tmp_path / "fazhi-desktop-error.log").read_text(encoding="utf-8")


def test_the_real_entry_point_never_prints_a_traceback(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    r = subprocess.run(
        [sys.executable, "-m", "fazhi_desktop", "--data-dir", str(f), "progress"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert r.returncode == 1 and r.stderr.startswith("错误：") and "Traceback" not in r.stderr
