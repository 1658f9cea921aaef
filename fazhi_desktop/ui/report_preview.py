"""文件 → 预览自查报告: render the current draft in the background and open it in the system's PDF viewer."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from fazhi_desktop.app.preview import DraftReport, write_draft_report
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui.error_dialog import show_error
from fazhi_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def preview_folder() -> Path:
    """Drafts go to the temporary folder: they are not the unit's record, the package is."""
    return Path(tempfile.gettempdir()) / "fazhi-desktop-preview"


def preview_job(data_dir: Path, folder: Path, *, progress, cancelled) -> DraftReport:
    """Background job: its own Workspace (the window's connection belongs to the UI thread)."""
    with Workspace.open(data_dir) as ws:
        return write_draft_report(ws, folder)


class ReportPreview(QObject):
    """Runs one preview at a time for `parent`; `opened` holds the last path handed to the viewer."""

    def __init__(self, parent: QWidget, ws: Workspace, runner: TaskRunner) -> None:
        super().__init__(parent)
        self._parent = parent
        self.ws = ws
        self.runner = runner
        self.busy = False
        self.last: DraftReport | None = None

    def start(self, folder: Path | None = None) -> None:
        if self.busy:
            return
        self.busy = True
        self.runner.run(
            self.tr("生成自查报告预览"),
            preview_job,
            self.ws.data_dir,
            folder or preview_folder(),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, draft: DraftReport) -> None:
        self.busy = False
        self.last = draft
        for w in draft.warnings:
            log.warning("自查报告预览：%s", w)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(draft.path))):
            QMessageBox.information(
                self._parent,
                self.tr("预览自查报告"),
                self.tr(
                    "这台电脑上没有可以打开 PDF 文件的程序（如 WPS、福昕阅读器或浏览器）。\n"
                    "草稿已保存在：{path}\n可以复制到其他电脑上查看或打印。"
                ).format(path=draft.path),
            )

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        show_error(self._parent, exc, doing=self.tr("生成自查报告预览"))
