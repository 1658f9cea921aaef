"""The open reviewer window follows imports made elsewhere (`review import` in another process, here another
ReviewStore connection running the real importer): PRAGMA data_version on the window's own connection is
looked at on activation and on a timer, and the window refreshes keeping its selection."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from review_corpus import bureau_trusting

from fazhi_desktop.review.importer import import_packages
from fazhi_desktop.review.store import ReviewStore
from fazhi_desktop.ui.review_window import ReviewWindow
from fazhi_desktop.ui.tasks import TaskRunner


@pytest.fixture
def county(tmp_path: Path, unit_factory):
    """Three registered units: a's package on the first stick (imported in the window), b's and c's on
    sticks of their own (imported elsewhere while the window is open)."""
    a, b, c = unit_factory("县民政局"), unit_factory("县人力资源和社会保障局"), unit_factory("县文化和旅游局")
    for u, stick in ((a, "stick1"), (b, "stick2"), (c, "stick3")):
        u.answer()
        u.export(tmp_path / stick)
    return bureau_trusting(tmp_path, a, b, c), (a, b, c)


def _import_elsewhere(data_dir: Path, stick: Path) -> None:
    with ReviewStore.open(data_dir) as other:  # a second connection, as `fazhi-desktop review import` has
        assert import_packages(other, [stick]).count("stored") == 1


def _units(window: ReviewWindow) -> list[str]:
    return [window.matrix.item(r, 1).text() for r in range(window.matrix.rowCount())]


def test_a_package_imported_elsewhere_appears_and_the_selection_stays(qtbot, county, tmp_path: Path) -> None:
    d, (a, b, _c) = county
    window = ReviewWindow(d, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.import_paths([tmp_path / "stick1"])
    assert _units(window) == [a.name]
    assert not window.check_for_changes()  # its own import is already shown: nothing to do
    window.matrix.selectRow(0)
    row = next(r for r, i in enumerate(window.review_items) if i["id"] == "T02")
    window.items_table.selectRow(row)
    window.comment.setText("尚未保存的意见")  # typed, not saved: a refresh must not wipe it

    _import_elsewhere(d, tmp_path / "stick2")
    assert _units(window) == [a.name]  # not yet looked at
    assert window.check_for_changes()
    assert sorted(_units(window)) == sorted([a.name, b.name])
    assert window.selected_unit() == a.name and window.review_unit == a.name
    selected = window._selected_item()
    assert selected is not None and selected["id"] == "T02"
    assert window.comment.text() == "尚未保存的意见" and window.save_review_button.isEnabled()
    assert "已计入 2 个" in window.summary_label.text()
    assert not window.check_for_changes()  # seen: the next look finds nothing new
    window.close()


def test_activation_and_the_timer_look_but_not_while_a_task_runs(qtbot, county, tmp_path: Path) -> None:
    d, (a, b, c) = county
    window = ReviewWindow(d, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    assert window.watch.isActive() and window.watch.interval() == 2000
    _import_elsewhere(d, tmp_path / "stick1")
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert _units(window) == [a.name]

    _import_elsewhere(d, tmp_path / "stick2")
    window.runner._running.add(object())  # a task of the window runs: no refresh under its feet
    assert not window.check_for_changes() and _units(window) == [a.name]
    window.runner._running.clear()
    window.watch.setInterval(20)
    qtbot.waitUntil(lambda: window.matrix.rowCount() == 2, timeout=5000)
    assert sorted(_units(window)) == sorted([a.name, b.name])
    window.close()
    assert not window.watch.isActive()
    _import_elsewhere(d, tmp_path / "stick3")
    assert not window.check_for_changes()  # closed: its store is closed, nothing is read
