"""BackgroundFinishWizard: 完成 disabled and a status line while the job runs; the result delivered, or the
failure shown and the wizard given back."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWizard, QWizardPage

from fazhi_desktop.errors import FazhiError
from fazhi_desktop.ui.busy_wizard import BackgroundFinishWizard
from fazhi_desktop.ui.tasks import TaskRunner

pytest_plugins = ["test_ui_support"]


def _wizard(qtbot) -> tuple[BackgroundFinishWizard, QLabel]:
    wizard = BackgroundFinishWizard(TaskRunner(synchronous=True))
    qtbot.addWidget(wizard)
    status = QLabel()
    wizard.addPage(QWizardPage())
    wizard.show()
    return wizard, status


def test_the_result_reaches_on_done_with_the_wizard_no_longer_busy(qtbot) -> None:
    wizard, status = _wizard(qtbot)
    seen: list[tuple[object, bool, str]] = []

    def job(a, *, b, progress, cancelled):
        return a + b

    wizard._finish_in_background(
        status,
        "请稍候…",
        "测试",
        job,
        2,
        b=3,
        on_done=lambda r: seen.append((r, wizard._busy, status.text())),
    )
    assert seen == [(5, False, "请稍候…")]


def test_a_failure_is_shown_and_finish_works_again(qtbot, captured_dialogs) -> None:
    wizard, status = _wizard(qtbot)

    def job(*, progress, cancelled):
        assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
        raise FazhiError("磁盘已满")

    wizard._finish_in_background(status, "请稍候…", "创建签名密钥", job, on_done=lambda r: None)
    assert not wizard._busy and status.text() == ""
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert [m for _, m, _ in captured_dialogs] == ["创建签名密钥：磁盘已满"]
