"""Issue 4's "done when": a township's whole self-check in the window, from a fresh data directory.

Drives the real start-up sequence of `run_gui` (session, first-run wizard, main window) with the real
background task runner: the wizard by typing, every required item through the form widgets, evidence by
simulated drops (one file shared by two items), the optional items opted out with the tree's check box,
the overview at 100 %, then 生成上报包 (only the folder chooser is patched) and the package verified.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard
from test_ui_support import drop_files, type_text

from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.verify import verify_package
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui import file_dialogs
from fazhi_desktop.ui.app import ui_state
from fazhi_desktop.ui.export_dialog import ExportDialog
from fazhi_desktop.ui.session import Session
from fazhi_desktop.ui.setup_wizard import SetupWizard
from fazhi_desktop.ui.tasks import TaskRunner

pytest_plugins = ["test_ui_support"]  # the GUI fixtures (app, session, window)

PASS = "yandian-2021!"
WAIT_MS = 60_000  # generous upper bound for background work; never a timing assertion


def _click_check_box(model, index) -> None:
    """What a click on the tree's check box does (QStyledItemDelegate: Checked → Unchecked, else Checked)."""
    state = Qt.CheckState(index.data(Qt.ItemDataRole.CheckStateRole))
    new = Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked
    assert model.setData(index, new.value, Qt.ItemDataRole.CheckStateRole)


def _in_modal(drive):
    """Run `drive(dialog)` on the next modal dialog; on failure close it so exec() returns."""
    errors: list[BaseException] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            drive(dialog)
        except BaseException as exc:  # noqa: BLE001 - re-raised by the test after exec() returns
            errors.append(exc)
            if dialog is not None:
                dialog.reject()

    QTimer.singleShot(0, run)
    return errors


def test_a_township_completes_its_self_check_in_the_window(
    ui_app, data_dir: Path, tmp_path: Path, qtbot, monkeypatch
):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "information",
        lambda _p, title, text, *a, **k: shown.append((title, text)) or QMessageBox.StandardButton.Ok,
    )
    failures: list[str] = []

    def present(parent, title, message, log_file):  # an error dialog: record it and end the modal dialog
        failures.append(f"{title}: {message}")
        if QApplication.activeModalWidget() is not None:
            QApplication.activeModalWidget().reject()

    monkeypatch.setattr("fazhi_desktop.ui.error_dialog.present", present)
    monkeypatch.setattr(SetupWizard, "key_kdf", KdfParams(n=2**10))  # the real dialog, a cheap scrypt
    session = Session(data_dir, ui_state(data_dir), runner=TaskRunner(synchronous=False))
    session.open()

    # --- first run: the wizard ------------------------------------------------------------------
    def fill_wizard(wizard) -> None:
        assert isinstance(wizard, SetupWizard)
        type_text(wizard.unit_page.search, "燕店镇")
        assert "须填报 30 项" in wizard.unit_page.result.text()
        wizard.button(QWizard.WizardButton.NextButton).click()
        type_text(wizard.contact_page.contact, "刘晓燕")
        qtbot.keyClicks(wizard.contact_page.phone, "0635-7361234")
        wizard.button(QWizard.WizardButton.NextButton).click()
        assert wizard.currentPage() is wizard.period_page
        wizard.period_page.year.setValue(2021)
        wizard.button(QWizard.WizardButton.NextButton).click()
        qtbot.keyClicks(wizard.key_page.pass1, PASS)
        qtbot.keyClicks(wizard.key_page.pass2, PASS)
        wizard.button(QWizard.WizardButton.FinishButton).click()  # the key is created in the background

    errors = _in_modal(fill_wizard)
    assert session.ensure_profile(), (errors, failures)
    assert not errors and not failures
    assert any("密钥指纹" in text for _title, text in shown)
    ws = session.ws
    fingerprint = ws.require_profile().key_fingerprint
    assert ws.require_profile().unit_name == "燕店镇人民政府" and fingerprint

    window = session.show_main_window()  # with the background health check, as run_gui does
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)

    # --- every required item through the form ---------------------------------------------------
    scans = {}
    for name in ("学习记录.pdf", "党委会纪要.pdf", "讲座照片.jpg"):
        scans[name] = tmp_path / name
        scans[name].write_bytes(name.encode() * 5000)
    required = [a.item.id for a in ws.assignments() if not a.optional]
    optional = [a.item.id for a in ws.assignments() if a.optional]
    assert len(required) == 30 and sorted(optional) == ["B1", "B2", "D1", "D2"]
    page = window.item_page
    form = page.form
    for n, item_id in enumerate(required):
        assert window.nav.select(item_id)  # as a click in the tree
        assert page.item_id == item_id
        if item_id == "T03":  # a shortfall: problems, measures, a deadline and a person, no evidence
            form.work_status.setCurrentText("推进中")
            form.result.setCurrentIndex(form.result.findData("未完成"))
            type_text(form.narrative, "已列入党委会议题，尚未形成常态化机制。")
            type_text(form.problems, "研究法治建设的频次不够。")
            type_text(form.measures, "每季度至少研究一次法治建设工作。")
            qtbot.keyClicks(form.deadline.edit, "20220630")
            type_text(form.responsible_person, "王建国")
            continue
        form.work_status.setCurrentText("已完成")
        form.result.setCurrentIndex(form.result.findData("已完成"))
        type_text(form.narrative, f"第{n + 1}项：按计划开展，形成工作台账。")
        files = (
            [scans["学习记录.pdf"], scans["讲座照片.jpg"]]
            if n == 0
            else [scans["讲座照片.jpg"], scans["党委会纪要.pdf"]]
            if n == 1
            else [scans["党委会纪要.pdf"]]
        )
        assert drop_files(page.evidence, files).isAccepted()
        qtbot.waitUntil(lambda: not page.evidence.busy, timeout=WAIT_MS)
        assert page.evidence.model.rowCount() == len(files)
    window.show_overview()

    # --- the optional items (加分项/减分项): 无 / 未发生, with the tree's check box -------------------
    model = window.tree_model
    for item_id in optional:
        index = model.index_of(item_id)
        assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked  # undecided
        assert model.node(item_id).state == "尚未选择"
        _click_check_box(model, index)  # 有 / 已发生
        _click_check_box(model, index)  # 无 / 未发生: answered, nothing to write
        assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
        assert model.node(item_id).state == "已填完"

    # --- the overview says 100 % ------------------------------------------------------------------
    assert window.stack.currentWidget() is window.overview
    report = window.report
    assert (report.overall.done, report.overall.total, report.overall.percent) == (34, 34, 100), [
        (p.item_id, p.missing) for p in report.items if p.missing
    ]
    assert (
        "34 / 34" in window.overview.overall_bar.format() and "100%" in window.overview.overall_bar.format()
    )
    assert report.undecided == 0

    # --- 生成上报包: the toolbar action, the dialog, a folder on the "stick", the passphrase -------
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(file_dialogs, "existing_folder", lambda *a, **k: str(stick))
    outcome: dict[str, object] = {}

    def export(dialog) -> None:
        assert isinstance(dialog, ExportDialog)
        outcome["dialog"] = dialog
        assert "已填完 34 / 34 项（100%）" in dialog.layout().itemAt(0).widget().text()
        browse = next(b for b in dialog.findChildren(type(dialog.go)) if b.text() == "选择…")
        browse.click()
        assert dialog.folder.text() == str(stick)
        qtbot.keyClicks(dialog.passphrase, PASS)
        dialog.go.click()  # returns at once; the package is written in the background

        def close_when_done() -> None:  # the dialog shows the result and stays open: 关闭
            if dialog.result_value is not None or not dialog.isVisible():
                dialog.cancel_btn.click()
            else:
                QTimer.singleShot(50, close_when_done)

        QTimer.singleShot(50, close_when_done)

    errors = _in_modal(export)
    window.actions.export.trigger()
    assert not errors and not failures
    dialog = outcome["dialog"]
    result = dialog.result_value
    assert result is not None, "the export did not finish"
    path = result.package.path
    assert path.parent == stick and path.is_file()
    done_text = dialog.shown_text
    assert str(path) in done_text and "指纹" in done_text
    assert dialog.windowTitle() == "上报包已生成" and dialog.status.text() == done_text
    assert result.report_path is not None and result.report_path.parent == stick

    report = verify_package(path, fingerprint)
    assert report.ok, report
    assert report.signer_fingerprint == fingerprint

    assert not failures
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)  # the task's `ended` is queued
    window.close()
    session.close()
    with Workspace.open(data_dir) as again:  # everything typed is in the database
        a = again.db.execute("SELECT COUNT(*) FROM packages").fetchone()[0]
        assert a == 1
