"""文件 → 导入计划…: the plan file is read and verified in the background, then the clerk sees what it
holds and who signed it before accepting it — the same checks and words as `plan import`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.app import plans
from fazhi_desktop.catalogue.model import Plan
from fazhi_desktop.catalogue.signed_plan import PlanSource
from fazhi_desktop.errors import FazhiError
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui.tasks import TaskRunner


def read_job(path: Path, *, progress: object, cancelled: object) -> PlanSource:
    """Background job: read and verify the file (no database: that stays on the window's thread)."""
    return plans.read_plan(path)


class PlanImportDialog(QDialog):
    def __init__(self, ws: Workspace, path: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.path, self.runner = ws, Path(path), runner
        self.preview: plans.ImportPreview | None = None
        self.imported: Plan | None = None
        self.setWindowTitle(self.tr("导入计划"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self.tr("正在检查 %1 …").replace("%1", self.path.name))
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        self.confirm_unsigned = QCheckBox(
            self.tr("我已确认此计划来源可靠，导入这份没有签名的计划（将标为“未签名”）")
        )
        self.confirm_unsigned.setVisible(False)
        self.confirm_unsigned.toggled.connect(self._update_buttons)
        layout.addWidget(self.confirm_unsigned)
        self.buttons = QDialogButtonBox()
        self.accept_button = self.buttons.addButton(self.tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.accept_button.setEnabled(False)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.runner.run(
            self.tr("检查计划文件"), read_job, self.path, on_done=self._checked, on_error=self._failed
        )

    def _checked(self, source: PlanSource) -> None:
        try:
            self.preview = plans.preview_source(self.ws.data_dir, self.ws.db, self.path, source)
        except FazhiError as exc:
            self._failed(exc)
            return
        unsigned = self.preview.trust == "unsigned"
        self.heading.setText(
            self.tr("此计划没有签名：请确认来源后再导入。")
            if unsigned
            else self.tr("签名有效。请核对下面的内容和签名指纹，再导入。")
        )
        self.details.setPlainText("\n".join(self.preview.lines()))
        self.confirm_unsigned.setVisible(unsigned and self.preview.already is None)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        message = exc.message if isinstance(exc, FazhiError) else str(exc)
        self.heading.setText(self.tr("不能导入 %1：没有导入任何内容。").replace("%1", self.path.name))
        self.heading.setStyleSheet("color: #9C2B23;")
        self.details.setPlainText(message)
        self.accept_button.setEnabled(False)

    def _update_buttons(self) -> None:
        p = self.preview
        self.accept_button.setEnabled(
            p is not None
            and (p.trust != "unsigned" or self.confirm_unsigned.isChecked() or p.already is not None)
        )

    def _accept(self) -> None:
        assert self.preview is not None
        try:
            self.imported = plans.accept_import(
                self.ws.data_dir, self.ws.db, self.preview, allow_unsigned=self.confirm_unsigned.isChecked()
            )
        except FazhiError as exc:
            self._failed(exc)
            return
        self.accept()


def run_plan_import(parent: QWidget, ws: Workspace, runner: TaskRunner) -> Plan | None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QDialog.tr("选择计划文件"),
        str(Path.home()),
        QDialog.tr("计划文件 (*.signed *.xlsx *.json);;所有文件 (*)"),
    )
    if not path:
        return None
    dialog = PlanImportDialog(ws, Path(path), runner, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.exec()
    return dialog.imported
