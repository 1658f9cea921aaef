"""The file chooser in Chinese, opening where the clerk last was for the same purpose, USB sticks first."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QFileDialog, QLabel, QWidget

from fazhi_desktop.ui import file_dialogs
from fazhi_desktop.ui.file_dialogs import EVIDENCE, EXPORT, FolderMemory, build_dialog, is_removable_root

pytest_plugins = ["test_ui_support"]


def _settle() -> None:
    for _ in range(30):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def _texts(dialog: QFileDialog) -> set[str]:
    """Every text the dialog shows: labels, buttons, tips, combo items, headers and the listed rows."""
    texts: set[str] = set()
    for w in dialog.findChildren(QWidget):
        if isinstance(w, (QLabel, QAbstractButton)) and w.text():
            texts.add(w.text())
        if w.toolTip():
            texts.add(w.toolTip())
        if isinstance(w, QComboBox):
            texts |= {w.itemText(i) for i in range(w.count())}
        if isinstance(w, QAbstractItemView) and w.model() is not None and w.isVisible():
            m, root = w.model(), w.rootIndex()
            texts |= {str(m.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(m.columnCount())}
            for r in range(m.rowCount(root)):
                texts |= {str(m.index(r, c, root).data() or "") for c in range(m.columnCount(root))}
    return texts - {""}


def test_qt_file_dialog_is_fully_chinese_with_program_sizes(ui_app, tmp_path):
    folder = tmp_path / "材料"
    (folder / "子文件夹").mkdir(parents=True)
    (folder / "会议纪要.pdf").write_bytes(b"x" * 20_000)
    dialog = build_dialog(None, "选择佐证材料", folder)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.show()
    _settle()
    texts = _texts(dialog)
    # Words of Qt's own, that is: not paths, file names, the user's name or size units and file kinds.
    allowed = {str(folder), str(tmp_path), "会议纪要.pdf", Path.home().name}
    english = sorted(
        t for t in texts - allowed if re.search(r"[A-Za-z]{2,}", re.sub(r"\b(KB|MB|GB|PDF)\b", "", t))
    )
    assert english == [], english
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    assert "文件夹" in texts  # the type of 子文件夹, not "Folder"
    assert "19.5 KB" in texts and not any("KiB" in t for t in texts)  # as everywhere in the program
    dialog.close()


def test_last_folder_is_remembered_per_purpose(ui_app, tmp_path, monkeypatch):
    monkeypatch.setattr(file_dialogs, "removable_drives", lambda: [])
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    scans, stick = tmp_path / "扫描件", tmp_path / "U盘"
    scans.mkdir()
    stick.mkdir()
    memory = FolderMemory(settings)
    memory.remember(EVIDENCE, scans / "会议纪要.pdf")  # a file: its folder is remembered
    memory.remember(EXPORT, stick)
    again = FolderMemory(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    assert again.start(EVIDENCE) == scans and again.start(EXPORT) == stick
    stick.rmdir()  # the stick was pulled out: back to the home folder, not a dead path
    assert again.start(EXPORT) == Path.home()


def test_removable_drives_are_offered_first_for_export(ui_app, tmp_path, monkeypatch):
    assert is_removable_root("/media/clerk/U盘", platform="linux")
    assert is_removable_root("/run/media/clerk/KINGSTON", platform="linux")
    assert not is_removable_root("/home/clerk", platform="linux") and not is_removable_root(
        "/", platform="linux"
    )
    stick = tmp_path / "media" / "U盘"
    (stick / "上报").mkdir(parents=True)
    monkeypatch.setattr(file_dialogs, "removable_drives", lambda: [stick])
    memory = FolderMemory(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    memory.remember(EXPORT, tmp_path)  # last time: a folder on the computer
    assert memory.start(EXPORT) == stick  # the plugged-in stick comes first
    memory.remember(EXPORT, stick / "上报")  # a folder on the stick itself is kept
    assert memory.start(EXPORT) == stick / "上报"
    assert memory.start(EVIDENCE) != stick  # only the export prefers the stick
    dialog = build_dialog(None, "选择", tmp_path)
    assert dialog.sidebarUrls()[0].toLocalFile() == str(stick)
    dialog.close()


def test_export_dialog_suggests_the_stick(window, tmp_path, monkeypatch, qtbot):
    from fazhi_desktop.ui.export_dialog import ExportDialog

    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(file_dialogs, "removable_drives", lambda: [stick])
    dialog = ExportDialog(window.ws, window.runner, window.ui_state, window)
    qtbot.addWidget(dialog)
    assert dialog.folder.text() == str(stick)


def test_evidence_chooser_opens_where_the_last_files_came_from(window, tmp_path, monkeypatch):
    scans = tmp_path / "扫描件"
    scans.mkdir()
    (scans / "a.txt").write_text("学法记录", encoding="utf-8")
    (scans / "b.txt").write_text("会议纪要", encoding="utf-8")
    seen: list[str] = []
    picks = [str(scans / "a.txt"), str(scans / "b.txt")]

    def fake_exec(self) -> int:  # the clerk picks a file in the real dialog object
        seen.append(self.directory().absolutePath())
        return 1

    monkeypatch.setattr(QFileDialog, "exec", fake_exec)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda self: [picks[len(seen) - 1]])
    window.go_item("T01")
    window.item_page.evidence.choose_files()
    assert window.item_page.evidence.model.rowCount() == 1
    window.item_page.evidence.choose_files()
    assert window.item_page.evidence.model.rowCount() == 2
    assert seen[1] == str(scans)  # the second time it opens where the first file was
    assert window.ui_state.value("folders/evidence") == str(scans)
