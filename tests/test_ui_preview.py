"""文件 → 预览自查报告: the current draft rendered in the background and handed to the system's viewer."""

from __future__ import annotations

import subprocess

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from fazhi_desktop.selfcheck.assessments import save_assessment

pytest_plugins = ["test_ui_support"]


def _text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_preview_opens_the_current_draft_in_the_viewer(window, monkeypatch, tmp_path):
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    monkeypatch.setattr("fazhi_desktop.ui.report_preview.preview_folder", lambda: tmp_path / "预览")
    window.go_item("T01")
    from test_ui_support import type_text

    type_text(window.item_page.form.narrative, "开展专题学法四次")  # typed, not yet autosaved
    assert window.actions.preview.shortcut().toString() == "Ctrl+P"
    window.actions.preview.trigger()
    assert len(opened) == 1
    path = tmp_path / "预览" / "燕店镇人民政府_2021年度_自查报告（草稿）.pdf"
    assert opened == [str(path)] and path.read_bytes().startswith(b"%PDF")
    flat = "".join(_text(path).split())
    assert "开展专题学法四次" in flat and "草稿" in flat  # flushed first, marked as a draft
    # Again after a change: the same file, replaced.
    save_assessment(window.ws, "T02", strict=False, narrative="写入年度要点")
    window.actions.preview.trigger()
    assert opened == [str(path)] * 2 and "写入年度要点" in "".join(_text(path).split())


def test_preview_without_a_pdf_viewer_says_where_the_file_is(window, monkeypatch, tmp_path):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    monkeypatch.setattr("fazhi_desktop.ui.report_preview.preview_folder", lambda: tmp_path)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    window.actions.preview.trigger()
    assert len(told) == 1
    assert "没有可以打开 PDF" in told[0] and str(window.report_preview.last.path) in told[0]
