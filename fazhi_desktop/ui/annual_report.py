"""文件 → 生成年度报告（草稿）: ask where, draft the .docx and PDF in the background, offer to open them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from fazhi_desktop.errors import FazhiError, describe_os_error
from fazhi_desktop.reports.annual_files import AnnualFiles, default_name
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui.tasks import Task, TaskRunner

FOLDER_KEY = "annual/folder"


def _draft(data_dir: Path, target: Path, **_: Any) -> AnnualFiles:
    """The background job: its own Workspace (SQLite connections stay in their thread)."""
    from fazhi_desktop.reports.annual_files import write_annual_files

    with Workspace.open(data_dir) as ws:
        return write_annual_files(ws, target, target.with_suffix(".pdf"))


class AnnualReportAction(QObject):
    """Holds the strings (translation context) and the running task."""

    def __init__(self, parent: QWidget, ws: Workspace, runner: TaskRunner, ui_state: QSettings) -> None:
        super().__init__(parent)
        self.window, self.ws, self.runner, self.ui_state = parent, ws, runner, ui_state
        self.task: Task | None = None
        self.result: AnnualFiles | None = None

    def start(self) -> Task | None:
        self.ws.require_profile()
        folder = Path(str(self.ui_state.value(FOLDER_KEY, str(Path.home()))))
        suggested = folder / default_name(self.ws.unit.name, self.ws.period.label)
        name, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("生成年度报告（草稿）"), str(suggested), self.tr("Word 文档 (*.docx)")
        )
        if not name:
            return None
        target = Path(name)
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        self.ui_state.setValue(FOLDER_KEY, str(target.parent))
        self.task = self.runner.run(
            self.tr("正在起草年度报告"),
            _draft,
            self.ws.data_dir,
            target,
            on_done=self._done,
            on_error=self._failed,
        )
        return self.task

    def _done(self, result: AnnualFiles) -> None:
        self.result = result
        docx = result.files[0]
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("年度报告（草稿）"))
        box.setText(
            self.tr("已起草{0}：\n{1}").format(result.report.title, "\n".join(str(p) for p in result.files))
        )
        box.setInformativeText(
            self.tr("文中有 {0} 处【……】提示需要补充或删除，请在 WPS 或 Word 中修改完善后使用。").format(
                result.hints
            )
        )
        open_doc = box.addButton(self.tr("打开文档"), QMessageBox.ButtonRole.AcceptRole)
        open_dir = box.addButton(self.tr("打开所在文件夹"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("关闭"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is open_doc:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(docx)))
        elif box.clickedButton() is open_dir:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(docx.parent)))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            message = self.tr("无法写入年度报告：{0}").format(describe_os_error(exc))
        elif isinstance(exc, FazhiError):
            message = str(exc)
        else:
            message = self.tr("起草年度报告时出错，详情已写入日志。")
        QMessageBox.warning(self.window, self.tr("年度报告（草稿）"), message)


def draft_annual_report(window: Any) -> AnnualReportAction:
    """Start the job for the main window (kept alive as the window's child)."""
    action = AnnualReportAction(window, window.ws, window.runner, window.ui_state)
    action.start()
    return action
