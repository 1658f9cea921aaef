"""生成上报包: the pre-flight (what is missing, how big, which version), the passphrase, the folder on
the USB stick, and the export itself in the background with a progress bar and 取消.

The package layer writes, re-reads and verifies the package before it reports success, so the dialog
only says "saved" for a package that has passed its own check.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from fazhi_desktop.app.export import ExportResult, Preflight, export_package, has_key, preflight, unlock_key
from fazhi_desktop.package.errors import PackageCancelled
from fazhi_desktop.package.fingerprint import display_fingerprint
from fazhi_desktop.progress import PHASE_VERIFY, Step
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.sizes import MIB, format_size
from fazhi_desktop.ui import file_dialogs
from fazhi_desktop.ui.dialog_parts import action_buttons, passphrase_field, stacked, wrapped_label
from fazhi_desktop.ui.error_dialog import show_error
from fazhi_desktop.ui.tasks import Task, TaskCancelled, TaskRunner

log = logging.getLogger(__name__)


def export_job(
    data_dir: Path, out_dir: Path, passphrase: str, *, progress, cancelled, detail=None
) -> ExportResult:
    """Background job: unlock the key (slow on purpose) and write the verified package.

    Bytes can pass 2 GB, beyond the int of Task.progress: the bar gets per mille, the text `detail`."""

    def permille(done: int, total: int, _phase: str = "") -> None:
        progress(done * 1000 // total if total else 0, 1000)

    with Workspace.open(data_dir) as ws:  # this thread's own connection
        try:
            key = unlock_key(data_dir, passphrase)
            return export_package(ws, out_dir, key, progress=permille, cancel=cancelled, detail=detail)
        except PackageCancelled as exc:
            raise TaskCancelled() from exc


def _names(items) -> str:
    return "、".join(m.item_id for m in items[:8]) + ("……" if len(items) > 8 else "")


def step_text(step: Step) -> str:
    """ "正在写入 12/31 个文件，35.2/120.0 MB" for the dialog's status line."""
    if step.phase == PHASE_VERIFY:
        text = QCoreApplication.translate(
            "ExportDialog", "正在校验 {done}/{total} 个文件，{bd:.1f}/{bt:.1f} MB"
        )
    else:
        text = QCoreApplication.translate(
            "ExportDialog", "正在写入 {done}/{total} 个文件，{bd:.1f}/{bt:.1f} MB"
        )
    return text.format(
        done=step.files_done, total=step.files_total, bd=step.bytes_done / MIB, bt=step.bytes_total / MIB
    )


class ExportDialog(QDialog):
    def __init__(
        self, ws: Workspace, runner: TaskRunner, ui_state: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = runner
        self.ui_state = ui_state
        self.result_value: ExportResult | None = None
        self._task: Task | None = None
        self._cancelling = False
        self.shown_text = ""
        self.setWindowTitle(self.tr("生成上报包"))
        self.pf: Preflight = preflight(ws)

        summary = wrapped_label(self._summary_text())
        self.folders = file_dialogs.FolderMemory(ui_state)
        # A plugged-in USB stick first, else the folder used last time (see file_dialogs).
        self.folder = QLineEdit(file_dialogs.default_export_folder(self.folders))
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.passphrase = passphrase_field(self.tr("首次设置时设定的签名口令"))
        form = QFormLayout()
        form.addRow(self.tr("保存到(&F)："), folder_row)
        form.addRow(self.tr("签名口令(&W)："), self.passphrase)
        self.progress = QProgressBar()
        self.progress.hide()
        self.status = wrapped_label()
        self.buttons, self.go, self.cancel_btn = action_buttons(self.tr("生成"))
        self.go.clicked.connect(self.start)
        self.cancel_btn.clicked.connect(self._cancel)
        stacked(self, summary, form, self.progress, self.status, self.buttons)
        if self.pf.blockers:
            self.go.setEnabled(False)
        if not has_key(ws.data_dir):
            self.go.setEnabled(False)
            self.status.setText(self.tr("还没有签名密钥：请先在“文件 → 单位设置”中创建。"))
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.sizeHint().height())

    def _summary_text(self) -> str:
        pf = self.pf
        lines = [
            self.tr("{unit} · {period}：已填完 {done} / {total} 项（{p}%）。").format(
                unit=pf.unit_name, period=pf.period_label, done=pf.done, total=pf.total, p=pf.percent
            )
        ]
        if pf.missing:
            lines.append(
                self.tr("还有 {n} 项未填完（{names}）。可以先生成，县司法局会看到这些缺项。").format(
                    n=len(pf.missing), names=_names(pf.missing)
                )
            )
        if pf.undecided:
            lines.append(
                self.tr("另有 {n} 项可选事项尚未选择（{names}），不计入进度。").format(
                    n=len(pf.undecided), names=_names(pf.undecided)
                )
            )
        lines.append(
            self.tr("佐证材料 {n} 个，上报包约 {size}（上限 {limit}）。").format(
                n=pf.evidence_count, size=format_size(pf.estimated_bytes), limit=format_size(pf.limit_bytes)
            )
        )
        if pf.supersedes:
            lines.append(self.tr("这是第 {n} 版，将替代上一次上报的包。").format(n=pf.sequence))
        lines += pf.blockers
        return "\n".join(lines)

    def _browse(self) -> None:
        folder = file_dialogs.existing_folder(
            self,
            self.folders,
            file_dialogs.EXPORT,
            self.tr("选择保存上报包的文件夹（如U盘）"),
            self.folder.text(),
        )
        if folder:
            self.folder.setText(folder)

    def start(self) -> None:
        out = Path(self.folder.text().strip())
        if not out.is_dir():
            self.status.setText(self.tr("保存位置不存在或不是文件夹，请重新选择。"))
            return
        if not self.passphrase.text():
            self.status.setText(self.tr("请输入签名口令。"))
            return
        self.folders.remember(file_dialogs.EXPORT, out)
        self.go.setEnabled(False)
        self._cancelling = False
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("正在生成并校验上报包……"))
        task = self.runner.run(
            self.tr("生成上报包"),
            export_job,
            self.ws.data_dir,
            out,
            self.passphrase.text(),
            on_done=self._done,
            on_error=self._failed,
            on_progress=self._progressed,
            on_detail=self._detailed,
        )
        if not self.runner.synchronous:  # a synchronous runner (tests) has already finished
            self._task = task

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(done * 1000 / total) if total else 0)

    def _detailed(self, step: Step) -> None:
        # A step queued behind the result must not put "正在写入 0/7 个文件" back over it.
        if not self._cancelling and self.result_value is None:
            self.status.setText(step_text(step))

    def _done(self, result: ExportResult) -> None:
        """Show the result in the dialog (it stays open): what was written, and buttons to open the
        report to print and the folder it is in."""
        self._task = None
        self.result_value = result
        pkg = result.package
        text = self.tr(
            "上报包已生成并校验通过：\n{path}\n大小 {size}，第 {seq} 版。\n签名密钥指纹 {fp}（与报告封面一致）。"
        ).format(
            path=pkg.path,
            size=format_size(pkg.size),
            seq=result.sequence,
            fp=display_fingerprint(pkg.fingerprint),
        )
        if result.report_path is not None:
            text += "\n" + self.tr("请打印旁边的“{name}”并盖章，连同U盘交县司法局。").format(
                name=result.report_path.name
            )
        if result.warnings:
            text += "\n\n" + "\n".join(result.warnings)
        self.shown_text = text  # what the clerk is told (tests read it)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(text)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setWindowTitle(self.tr("上报包已生成"))
        self.go.hide()
        self.folder.setEnabled(False)
        self.passphrase.setEnabled(False)
        self.cancel_btn.setText(self.tr("关闭"))
        self.open_report_btn = self.buttons.addButton(
            self.tr("打开自查报告(&O)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_report_btn.setEnabled(result.report_path is not None)
        self.open_report_btn.clicked.connect(lambda: self._open(result.report_path))
        self.open_folder_btn = self.buttons.addButton(
            self.tr("打开所在文件夹(&L)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_folder_btn.clicked.connect(lambda: self._open(pkg.path.parent))
        self.open_report_btn.setDefault(True)

    def _open(self, path: Path | None) -> None:
        if path is None:
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(
                self,
                self.tr("打开"),
                self.tr("系统没有可以打开它的程序。它在：{path}").format(path=path),
            )

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.progress.hide()
        self.go.setEnabled(True)
        self.status.setText("")
        if isinstance(exc, TaskCancelled):
            self.status.setText(self.tr("已取消，没有留下未完成的上报包。"))
            return
        show_error(self, exc, doing=self.tr("生成上报包"))

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._cancelling = True
            self.status.setText(self.tr("正在取消……"))
        else:
            self.reject()


def run_export(parent, ws: Workspace, runner: TaskRunner, ui_state: QSettings) -> ExportResult | None:
    """Open the dialog; the result when a package was written."""
    dialog = ExportDialog(ws, runner, ui_state, parent)
    dialog.exec()
    return dialog.result_value
