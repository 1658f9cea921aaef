"""生成上报包 from the window: pre-flight, passphrase, folder, a verified package; a wrong passphrase."""

from __future__ import annotations

import re
import zipfile

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import create_unit_key
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.ui.export_dialog import ExportDialog

pytest_plugins = ["test_ui_support"]  # the GUI fixtures (app, session, window)

PASS = "yandian-2021!"


@pytest.fixture
def dialog(window, qtbot, monkeypatch):
    create_unit_key(window.ws.data_dir, PASS, kdf=KdfParams(n=2**10))  # a cheap KDF keeps the test fast
    save_assessment(
        window.ws, "T01", strict=False, narrative="开展专题学习 4 次", result="已完成", work_status="已完成"
    )
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    d = ExportDialog(window.ws, window.runner, window.ui_state, window)
    qtbot.addWidget(d)
    return d


def test_preflight_tells_what_is_missing_and_the_size(dialog):
    text = dialog.layout().itemAt(0).widget().text()
    assert "已填完" in text and "未填完" in text and "上报包约" in text
    assert dialog.go.isEnabled()


def test_export_writes_a_verified_package_to_the_folder(dialog, tmp_path, monkeypatch):
    stick = tmp_path / "U盘"
    stick.mkdir()
    dialog.folder.setText(str(stick))
    dialog.passphrase.setText(PASS)
    dialog.go.click()
    result = dialog.result_value
    assert result is not None and result.sequence == 1
    assert result.package.path.parent == stick and result.package.path.is_file()
    with zipfile.ZipFile(result.package.path) as z:
        assert any(n.endswith("data/report.pdf") for n in z.namelist())
    assert dialog.ui_state.value("folders/export") == str(stick)
    # The result replaces the progress text (it used to stay at "正在写入 0/7 个文件").
    shown = dialog.shown_text
    assert dialog.status.text() == shown and "正在写入" not in shown
    assert str(result.package.path) in shown and "指纹" in shown and "大小" in shown
    # The report to print sits beside the package under a Chinese name, with buttons to open it.
    assert result.report_path.parent == stick and result.report_path.name.endswith("_自查报告.pdf")
    assert result.report_path.name in shown
    assert dialog.open_report_btn.isEnabled() and dialog.open_folder_btn.isEnabled()
    assert not dialog.go.isVisible() and dialog.cancel_btn.text() == "关闭"
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog.open_report_btn.click()
    dialog.open_folder_btn.click()
    assert opened == [str(result.report_path), str(stick)]


def test_files_and_bytes_are_shown_while_writing(dialog, tmp_path):
    dialog.folder.setText(str(tmp_path))
    dialog.passphrase.setText(PASS)
    texts: list[str] = []
    real = dialog.status.setText
    dialog.status.setText = lambda t: texts.append(t) or real(t)
    dialog.go.click()
    steps = [t for t in texts if t.startswith("正在") and "个文件" in t]
    # files and bytes, not just a bar: "正在写入 12/31 个文件，35.2/120.0 MB"
    assert steps and all(
        re.fullmatch(r"正在(写入|校验) \d+/\d+ 个文件，\d+\.\d/\d+\.\d MB", t) for t in steps
    )
    assert texts[-1] == dialog.shown_text


def test_cancel_during_the_export_leaves_nothing(dialog, tmp_path, captured_dialogs):
    dialog.folder.setText(str(tmp_path))
    dialog.passphrase.setText(PASS)
    texts: list[str] = []

    def cancel_on_first_step(text: str) -> None:
        texts.append(text)
        if text.startswith("正在写入"):
            for task in list(dialog.runner._running):
                task.cancel()  # as 取消 does; the writer checks the flag between blocks

    dialog.status.setText = cancel_on_first_step
    dialog.go.click()
    assert any(t.startswith("正在写入") for t in texts)
    assert dialog.result_value is None and captured_dialogs == []
    assert texts[-1].startswith("已取消")
    assert list(tmp_path.glob("*.zip")) == [] and dialog.go.isEnabled()


def test_wrong_passphrase_is_explained_and_nothing_written(dialog, tmp_path, captured_dialogs):
    dialog.folder.setText(str(tmp_path))
    dialog.passphrase.setText("not the passphrase")
    dialog.go.click()
    assert dialog.result_value is None
    assert captured_dialogs and "口令不正确" in captured_dialogs[0][1]
    assert list(tmp_path.glob("*.zip")) == []
    assert dialog.go.isEnabled()


def test_missing_folder_is_refused_before_starting(dialog, tmp_path):
    dialog.folder.setText(str(tmp_path / "没有这个文件夹"))
    dialog.passphrase.setText(PASS)
    dialog.go.click()
    assert "不存在" in dialog.status.text() and dialog.result_value is None
