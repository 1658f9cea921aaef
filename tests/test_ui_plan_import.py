"""文件 → 导入计划…: the same checks as plan import, a summary before acceptance, a background check."""

from __future__ import annotations

import os
from pathlib import Path

from plan2_sample import sample_doc, write_sample

from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.signed_plan import write_signed_plan
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import generate_key_file
from fazhi_desktop.ui.plan_import_dialog import PlanImportDialog

pytest_plugins = ["test_ui_support"]  # the GUI fixtures (app, session, window)

# FAZHI_DOC_SHOTS=1 saves the dialog as docs/plan-import-dialog.png (for docs/plans.md), never by default.
SHOTS = Path(__file__).resolve().parent.parent / "docs" if os.environ.get("FAZHI_DOC_SHOTS") else None


def _dialog(window, qtbot, path):
    d = PlanImportDialog(window.ws, path, window.runner, window)
    qtbot.addWidget(d)
    return d


def test_menu_has_the_import_entry(window):
    file_menu = window.menuBar().actions()[0].menu()
    assert "导入计划…" in [a.text() for a in file_menu.actions()]


def test_a_signed_plan_shows_its_summary_and_signer_then_imports(window, qtbot, tmp_path):
    key = generate_key_file(tmp_path / "bureau.json", "司法局口令 2026", kdf=KdfParams(n=2**12))
    signed = write_signed_plan(
        tmp_path / "test-2026.signed", write_sample(tmp_path / "p.json").read_bytes(), key
    )
    d = _dialog(window, qtbot, signed)
    qtbot.waitUntil(lambda: d.preview is not None)
    text = d.details.toPlainText()
    assert "测政办发〔2026〕3号" in text and "工作任务 3 项" in text and key.fingerprint_display in text
    assert d.accept_button.isEnabled() and not d.confirm_unsigned.isVisible()
    if SHOTS is not None:
        d.show()
        qtbot.waitExposed(d)
        d.grab().save(str(SHOTS / "plan-import-dialog.png"))
    d.accept_button.click()
    assert d.imported is not None and d.imported.meta.id == "test-2026"
    assert registry.origin_label(window.ws.data_dir, d.imported).startswith("已签名")


def test_an_unsigned_plan_needs_the_box_ticked(window, qtbot, tmp_path):
    d = _dialog(window, qtbot, write_sample(tmp_path / "p.json"))
    qtbot.waitUntil(lambda: d.preview is not None)
    assert "未签名" in d.details.toPlainText()
    assert not d.accept_button.isEnabled()
    d.confirm_unsigned.setChecked(True)
    assert d.accept_button.isEnabled()
    d.accept_button.click()
    assert registry.origin_label(window.ws.data_dir, d.imported) == "未签名"


def test_a_bad_plan_lists_its_problems_and_imports_nothing(window, qtbot, tmp_path):
    doc = sample_doc()
    doc["areas"][0]["points"] = 7
    d = _dialog(window, qtbot, write_sample(tmp_path / "p.json", doc))
    qtbot.waitUntil(lambda: "不能导入" in d.heading.text())
    assert "分值为 7 分" in d.details.toPlainText()
    assert not d.accept_button.isEnabled()
    assert not (window.ws.data_dir / "plans").exists() or not list((window.ws.data_dir / "plans").iterdir())
