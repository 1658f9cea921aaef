"""Closing the window while only the start-up check runs asks nothing: the check stops and keeps what it
found sound (a copy or an export still asks — tests/test_ui_errors.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from test_ui_support import set_up

from fazhi_desktop.ui.session import Session
from fazhi_desktop.ui.tasks import TaskCancelled, TaskRunner


def _until_cancelled(*, progress, cancelled, started: threading.Event) -> None:
    started.set()
    while not cancelled():
        threading.Event().wait(0.01)
    raise TaskCancelled()


@pytest.fixture
def opened(qtbot, data_dir: Path, monkeypatch):
    """A unit's window on a real (threaded) runner; the questions it asks are recorded, answered 否."""
    set_up(data_dir)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.No
    )
    session = Session(
        data_dir, QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat), runner=TaskRunner()
    )
    session.open()
    window = session.show_main_window(health_check=False)
    qtbot.addWidget(window)
    yield session, window, asked
    session.close()


def _start(session: Session, name: str, **kwargs):
    started = threading.Event()
    task = session.runner.run(name, _until_cancelled, started=started, **kwargs)
    assert started.wait(10)
    return task


def test_closing_during_a_check_that_stops_on_close_asks_nothing(opened) -> None:
    session, window, asked = opened
    check = _start(session, "检查数据", stops_on_close=True)
    assert session.runner.busy and not session.runner.busy_with_work
    assert window.close()  # not refused, not asked
    assert asked == [] and check.cancelled()


def test_closing_during_real_work_still_asks(qtbot, opened) -> None:
    session, window, asked = opened
    work = _start(session, "复制佐证材料")
    assert session.runner.busy_with_work
    assert not window.close() and asked  # the clerk said no: the window stays, the copy goes on
    work.cancel()
    qtbot.waitUntil(lambda: not session.runner.busy, timeout=10_000)
