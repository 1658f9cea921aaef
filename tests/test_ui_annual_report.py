"""文件 → 生成年度报告（草稿） from the window: a save dialog, a background job, the files, a message."""

from __future__ import annotations

import docx
from PySide6.QtWidgets import QFileDialog, QMessageBox

from fazhi_desktop.reports.annual import PART_TITLES
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.selfcheck.narratives import save_narratives

pytest_plugins = ["test_ui_support"]  # the GUI fixtures (app, session, window)


def _menu_action(window, text: str):
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text().startswith(text):
                return action
    raise AssertionError(f"no menu entry {text}")


def test_menu_drafts_docx_and_pdf_in_the_background(window, tmp_path, monkeypatch):
    save_assessment(window.ws, "T01", strict=False, narrative="开展专题学习4次。", work_status="已完成")
    save_narratives(window.ws, overall="本年度扎实推进法治建设。", next_steps="一是加强培训。")
    target = tmp_path / "报告" / "年度报告.docx"
    target.parent.mkdir()
    asked = {}

    def save_dialog(parent, title, start, filters, *a, **k):
        asked.update(title=title, start=start, filters=filters)
        return str(target.with_suffix("")), filters  # the clerk typed no extension

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    shown = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.text(), box.informativeText())) or 0
    )
    started = []
    window.runner.task_started.connect(lambda task: started.append(task.name))
    _menu_action(window, "生成年度报告（草稿）").trigger()
    assert asked["title"] == "生成年度报告（草稿）" and asked["start"].endswith(
        "法治政府建设年度报告（草稿）.docx"
    )
    assert started == ["正在起草年度报告"]
    assert target.is_file() and target.with_suffix(".pdf").is_file()
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert all(t in text for t in PART_TITLES)
    assert "本年度扎实推进法治建设。" in text and "一是加强培训。" in text and "开展专题学习4次。" in text
    assert shown and str(target) in shown[0][0] and "【……】" in shown[0][1]
    assert window.ui_state.value("annual/folder") == str(target.parent)


def test_cancelled_dialog_writes_nothing(window, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    started = []
    window.runner.task_started.connect(lambda task: started.append(task.name))
    _menu_action(window, "生成年度报告（草稿）").trigger()
    assert started == [] and list(tmp_path.glob("*.docx")) == []


def test_unwritable_place_is_a_clear_chinese_message(window, tmp_path, monkeypatch):
    blocked = tmp_path / "只读"
    blocked.write_text("这是一个文件，不是文件夹")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(blocked / "x.docx"), ""))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append((title, text)))
    _menu_action(window, "生成年度报告（草稿）").trigger()
    assert warned and warned[0][1].startswith("无法写入年度报告：") and "Traceback" not in warned[0][1]
