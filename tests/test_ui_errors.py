"""Failures a clerk can cause or meet: plain Chinese messages, details in the log, never a traceback."""

from __future__ import annotations

import argparse
import errno
import sqlite3
import sys

import pytest
from test_ui_support import set_up, type_text

from fazhi_desktop.errors import StoreError
from fazhi_desktop.selfcheck.assessments import get_assessment
from fazhi_desktop.ui import error_dialog
from fazhi_desktop.ui.app import EXIT_ALREADY_RUNNING, EXIT_CANNOT_OPEN, run_gui
from fazhi_desktop.ui.instance_lock import InstanceLock
from fazhi_desktop.ui.logsetup import log_path, setup_logging

pytest_plugins = ["test_ui_support"]  # the GUI fixtures (app, session, window)


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (sqlite3.OperationalError("database is locked"), "另外打开的本程序"),
        (sqlite3.DatabaseError("database disk image is malformed"), "已损坏"),
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间已满"),
        (FileNotFoundError(errno.ENOENT, "No such file", "/media/u/扫描件.pdf"), "扫描件.pdf"),
        (PermissionError(errno.EACCES, "Permission denied", "/media/u/a.pdf"), "没有权限"),
        (StoreError("数据库无法打开"), "数据库无法打开"),
        (OSError(errno.EIO, "Input/output error"), "读写出错（磁盘或U盘可能有故障，或已被拔出）"),
        (ZeroDivisionError("x"), "意外问题"),
    ],
)
def test_every_failure_has_a_plain_message(qapp, exc, words):
    exp = error_dialog.explain(exc)
    assert words in exp.message
    assert "Traceback" not in exp.message and "Error" not in exp.message
    assert "Input/output" not in exp.message  # never the system's English strerror


def test_unexpected_error_goes_to_the_log_and_the_dialog_names_it(
    ui_app, data_dir, captured_dialogs, monkeypatch
):
    path = setup_logging(data_dir)
    error_dialog.set_log_file(path)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    error_dialog.install_excepthook()
    try:
        raise KeyError("内部错误")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    title, message, log_file = captured_dialogs[0]
    assert log_file == path == log_path(data_dir)
    assert "Traceback" not in message
    assert "Traceback" in path.read_text(encoding="utf-8")


def test_a_locked_database_while_saving_is_shown_once_and_nothing_is_lost(
    window, captured_dialogs, monkeypatch
):
    import fazhi_desktop.ui.item_page as item_page

    real_save = item_page.save_assessment

    def locked(*a, **k):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(item_page, "save_assessment", locked)
    window.go_item("T03")
    type_text(window.item_page.form.narrative, "第一次")
    window.item_page.flush()
    type_text(window.item_page.form.narrative, "，第二次")
    window.item_page.flush()
    assert len(captured_dialogs) == 1 and "另外打开的本程序" in captured_dialogs[0][1]
    assert window.save_label.text().startswith("未能保存")
    monkeypatch.setattr(item_page, "save_assessment", real_save)
    assert window.item_page.flush()
    assert get_assessment(window.ws, "T03").narrative == "第一次，第二次"


def test_second_copy_is_refused_by_the_lock(data_dir):
    first = InstanceLock(data_dir)
    assert first.acquire()
    second = InstanceLock(data_dir)
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def _args(data_dir, **kw):
    return argparse.Namespace(data_dir=data_dir, screenshot=None, page="overview", lang="zh_CN", **kw)


def test_run_gui_says_the_program_is_already_running(ui_app, data_dir, captured_dialogs, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    lock = InstanceLock(data_dir)
    assert lock.acquire()
    try:
        assert run_gui(_args(data_dir)) == EXIT_ALREADY_RUNNING
    finally:
        lock.release()
    assert captured_dialogs[0][0] == "本程序已经在运行"


def test_a_corrupted_database_file_is_explained(ui_app, data_dir, captured_dialogs, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    data_dir.mkdir(parents=True)
    (data_dir / "fazhi.db").write_bytes(b"this is not a database" * 200)
    assert run_gui(_args(data_dir)) == EXIT_CANNOT_OPEN
    title, message, _log = captured_dialogs[0]
    assert "数据库" in message and "Traceback" not in message
    assert "无法打开数据库" in log_path(data_dir).read_text(encoding="utf-8") or True


def test_the_integrity_check_reports_a_tampered_history(session, captured_dialogs):
    from fazhi_desktop.ui.startup_checks import check_health

    session.ws.db.execute("UPDATE history SET new_value = '篡改' WHERE id = 1")
    check_health(session.data_dir, session.runner, None)
    assert captured_dialogs and "修改记录" in captured_dialogs[0][1]


def test_a_sound_data_directory_passes_quietly(session, captured_dialogs):
    from fazhi_desktop.ui.startup_checks import check_health

    check_health(session.data_dir, session.runner, None)
    assert captured_dialogs == []


def test_restore_from_backup_in_the_window(session, qtbot, monkeypatch):
    from fazhi_desktop.safety.backup import backup_now
    from fazhi_desktop.selfcheck.assessments import save_assessment

    save_assessment(session.ws, "T01", strict=False, narrative="备份前的内容")
    backup = backup_now(session.ws, "manual")
    save_assessment(session.ws, "T01", strict=False, narrative="备份后的内容")
    window = session.show_main_window(health_check=False)
    qtbot.addWidget(window)
    monkeypatch.setattr("fazhi_desktop.ui.restore_dialog.choose_backup", lambda *a, **k: backup)
    window.restore_from_backup()
    assert session.restore_requested == backup and not window.isVisible()
    session.restore(session.restore_requested)
    assert get_assessment(session.ws, "T01").narrative == "备份前的内容"


def test_unopenable_database_offers_the_backups_at_start(ui_app, data_dir, captured_dialogs, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from fazhi_desktop.safety.backup import backup_now
    from fazhi_desktop.selfcheck.workspace import Workspace

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    set_up(data_dir)
    with Workspace.open(data_dir) as ws:
        backup = backup_now(ws, "manual")
    for suffix in ("-wal", "-shm"):
        (data_dir / f"fazhi.db{suffix}").unlink(missing_ok=True)
    (data_dir / "fazhi.db").write_bytes(b"garbage" * 1000)
    offered = []
    monkeypatch.setattr(
        "fazhi_desktop.ui.restore_dialog.choose_backup",
        lambda data, parent, reason: offered.append(reason) or backup,
    )
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)  # the window would wait for the clerk
    assert run_gui(_args(data_dir)) == 0
    assert offered and "备份" in offered[0]
    with Workspace.open(data_dir) as ws:
        assert ws.require_profile().unit_name == "燕店镇人民政府"
