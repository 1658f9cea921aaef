"""Attaching evidence: a simulated drop from the desktop, linking existing files, removing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from test_ui_support import drop_files

from fazhi_desktop.evidence.attachments import list_evidence

pytest_plugins = ["test_ui_support"]  # the GUI fixtures (app, session, window)


def _files(tmp_path: Path, *names: str) -> list[Path]:
    out = []
    for i, name in enumerate(names):
        p = tmp_path / name
        p.write_bytes(f"扫描件 {i} {name}".encode() * 1000)
        out.append(p)
    return out


def test_dropped_files_are_attached_and_counted(window, tmp_path):
    window.go_item("T01")
    panel = window.item_page.evidence
    files = _files(tmp_path, "学习记录.pdf", "讲座照片.jpg")
    drop = drop_files(panel, files)
    assert drop.isAccepted()
    records = list_evidence(window.ws, "T01")
    assert sorted(r.original_name for r in records) == ["学习记录.pdf", "讲座照片.jpg"]
    assert panel.model.rowCount() == 2
    assert window.tree_model.node("T01").evidence_count == 2
    assert "2 个" in panel.title.text()
    assert not panel.progress.isVisible()


def test_drop_of_non_files_is_refused(window):
    window.go_item("T01")
    mime = QMimeData()
    mime.setText("只是文字")
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.item_page.evidence, enter)
    assert not enter.isAccepted()


def test_a_vanished_file_shows_a_plain_message(window, tmp_path, captured_dialogs):
    window.go_item("T01")
    gone = tmp_path / "已删除.pdf"
    window.item_page.evidence.add_files([str(gone)])
    assert captured_dialogs and "已删除.pdf" in captured_dialogs[0][1]
    assert "Traceback" not in captured_dialogs[0][1]
    assert list_evidence(window.ws, "T01") == []


def test_link_existing_file_to_another_item_and_remove(window, tmp_path, monkeypatch):
    window.go_item("T01")
    (scan,) = _files(tmp_path, "工作要点.pdf")
    window.item_page.evidence.add_files([str(scan)])
    record = list_evidence(window.ws, "T01")[0]
    window.go_item("T02")
    window.item_page.evidence.link_existing([record.id])
    assert [r.id for r in list_evidence(window.ws, "T02")] == [record.id]
    assert window.tree_model.node("T02").evidence_count == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel = window.item_page.evidence
    panel.table.selectRow(0)
    panel.remove_selected()
    assert list_evidence(window.ws, "T02") == []
    assert [r.id for r in list_evidence(window.ws, "T01")] == [record.id]  # still supports T01


def test_made_date_and_description_are_edited_in_place(window, tmp_path):
    window.go_item("T01")
    (scan,) = _files(tmp_path, "记录.pdf")
    panel = window.item_page.evidence
    panel.add_files([str(scan)])
    model = panel.model
    assert model.setData(model.index(0, 2), "2021年6月30日")
    assert model.setData(model.index(0, 3), "中心组学习记录")
    r = list_evidence(window.ws, "T01")[0]
    assert (r.made_date, r.description) == ("2021-06-30", "中心组学习记录")


def test_open_makes_a_named_read_only_copy(window, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "fazhi_desktop.ui.evidence_panel.QDesktopServices.openUrl", lambda url: opened.append(url) or True
    )
    window.go_item("T01")
    (scan,) = _files(tmp_path, "照片.jpg")
    panel = window.item_page.evidence
    panel.add_files([str(scan)])
    panel.table.selectRow(0)
    panel.open_selected()
    copy = Path(opened[0].toLocalFile())
    assert copy.name == "照片.jpg" and copy.read_bytes() == scan.read_bytes()


def test_one_batch_after_another(window, tmp_path):
    window.go_item("T01")
    panel = window.item_page.evidence
    first, second = _files(tmp_path, "一.pdf", "二.pdf")
    panel.add_files([str(first)])
    assert not panel.busy
    panel.add_files([str(second)])
    assert len(list_evidence(window.ws, "T01")) == 2


def test_large_copy_runs_in_the_background_with_progress(window, tmp_path, qtbot):
    """The copy runs on a worker thread: the UI thread keeps handling events and sees the bar move."""
    from fazhi_desktop.ui.tasks import TaskRunner

    panel = window.item_page.evidence
    panel.runner = TaskRunner()  # the real thread pool, not the synchronous test runner
    big = tmp_path / "扫描件合集.pdf"
    with open(big, "wb") as out:
        block = bytes(range(256)) * 4096  # 1 MiB, not all zeros
        for _ in range(96):
            out.write(block)
    window.go_item("T01")
    seen = []
    panel.progress.valueChanged.connect(lambda v: seen.append((v, panel.progress.isVisible())))
    panel.add_files([str(big)])
    assert panel.busy and panel.progress.isVisible()
    qtbot.waitUntil(lambda: not panel.busy, timeout=60_000)
    assert [r.original_name for r in list_evidence(window.ws, "T01")] == ["扫描件合集.pdf"]
    assert seen and all(visible for _v, visible in seen)
    assert not panel.progress.isVisible()
    assert panel.runner.wait(10_000)
