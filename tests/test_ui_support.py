"""Shared set-up for the GUI tests (imported by the test_ui_* modules; holds no tests itself)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from fazhi_desktop.selfcheck.profile import set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace


def drop_files(widget: QWidget, paths: list[Path]) -> QDropEvent:
    """Drop files on `widget` the way a file manager does: a drag-enter (must be accepted), then the drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, drop)
    return drop


def type_text(widget: QWidget, text: str) -> None:
    """Type (Chinese) text the way an input method commits it; qtbot.keyClicks aborts on non-ASCII."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def set_up(data_dir: Path, unit: str = "燕店镇") -> None:
    with Workspace.open(data_dir) as ws:
        set_up_unit(ws, unit, contact="刘晓燕", phone="0635-7361234", year=2021)


def open_window(qtbot, data_dir: Path, ui_ini: Path):
    """A session on the unit in `data_dir` (synchronous tasks, short autosave) and its shown main window."""
    from fazhi_desktop.ui.session import Session
    from fazhi_desktop.ui.tasks import TaskRunner

    s = Session(
        data_dir,
        QSettings(str(ui_ini), QSettings.Format.IniFormat),
        runner=TaskRunner(synchronous=True),
        autosave_ms=20,
    )
    s.open()
    w = s.show_main_window(health_check=False)
    qtbot.addWidget(w)
    return s, w


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A message box nobody expected must fail the test, not hang the whole run waiting for a click."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected modal message box: {args[1:3]}")

    for name in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    monkeypatch.setattr("fazhi_desktop.ui.error_dialog.present", lambda *a: unexpected(*a))


@pytest.fixture
def ui_app(qapp, data_dir: Path):
    """The application as the program builds it (font, translations, style), Chinese."""
    from fazhi_desktop.ui.app import create_app

    return create_app(lang="zh_CN", data_dir=data_dir)


@pytest.fixture
def session(ui_app, data_dir: Path):
    """A session on a set-up township with a synchronous task runner and a short autosave delay."""
    from fazhi_desktop.ui.session import Session
    from fazhi_desktop.ui.tasks import TaskRunner

    set_up(data_dir)
    s = Session(
        data_dir,
        QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat),
        runner=TaskRunner(synchronous=True),
        autosave_ms=20,
    )
    s.open()
    yield s
    s.close()


@pytest.fixture
def window(session, qtbot):
    w = session.show_main_window(health_check=False)
    qtbot.addWidget(w)
    return w


@pytest.fixture
def captured_dialogs(monkeypatch):
    """Replace the error dialog by a list of (title, message, log_file) tuples."""
    shown: list[tuple[str, str, object]] = []

    def present(parent, title, message, log_file):
        shown.append((title, message, log_file))

    monkeypatch.setattr("fazhi_desktop.ui.error_dialog.present", present)
    return shown
