"""The evidence panel of an item: drop files on it or choose them; open, remove, link existing ones.

Copying and hashing run in the background (ui/tasks.py) with a progress bar and 取消; each task opens
its own Workspace, because the window's SQLite connection belongs to the UI thread.
"""

from __future__ import annotations

import itertools
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.errors import FazhiError
from fazhi_desktop.evidence.attachments import (
    EvidenceRecord,
    add_evidence_files,
    link_evidence,
    list_evidence,
    unlink_evidence,
    update_evidence,
)
from fazhi_desktop.evidence.store import blob_path
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui import file_dialogs
from fazhi_desktop.ui.error_dialog import show_error
from fazhi_desktop.ui.evidence_model import DESC, MADE, NAME, SIZE, EvidenceModel
from fazhi_desktop.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AddResult:
    path: str
    record: EvidenceRecord | None
    error: FazhiError | OSError | None


def _shifted(progress, base: int, total: int):
    """One file's progress as part of the whole batch's. (Module level: lupdate loses the class
    context after a nested def, and the panel's strings would go untranslated.)"""
    return lambda done, _total: progress(base + done, total)


def add_files_job(data_dir: Path, item_id: str, paths: list[str], *, progress, cancelled) -> list[AddResult]:
    """Background job: attach the files to `item_id` (attachments.add_evidence_files: recorded in
    groups, per-file failures collected, a cancel keeps what was finished)."""
    sizes = []
    for p in paths:
        try:
            sizes.append(Path(p).stat().st_size)
        except OSError:
            sizes.append(0)
    total = sum(sizes) or 1
    bases = [0, *itertools.accumulate(sizes)]  # where each file starts in the whole batch
    with Workspace.open(data_dir) as ws:
        outcomes = add_evidence_files(
            ws,
            [item_id],
            paths,
            progress_for=lambda i: _shifted(progress, bases[i], total),
            cancel=cancelled,
        )
    progress(total, total)
    return [AddResult(str(o.path), o.record, o.error) for o in outcomes]


def viewable_copy_job(data_dir: Path, sha256: str, name: str, *, progress, cancelled) -> Path:
    """Background job: a read-only copy of a stored file under its own name, for the system viewer.

    The store names files by hash (no extension, so no viewer would know them), and a viewer must
    never be able to change the stored bytes in place; hence a copy, not a link.
    """
    src = blob_path(data_dir, sha256)
    folder = Path(tempfile.gettempdir()) / "fazhi-desktop-view" / sha256[:16]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    size = src.stat().st_size
    if target.is_file() and target.stat().st_size == size:
        return target
    with open(src, "rb") as s, open(target, "wb") as d:
        done = 0
        while chunk := s.read(1 << 20):
            if cancelled():
                d.close()
                target.unlink(missing_ok=True)
                raise FazhiError(f"已取消打开“{name}”")
            d.write(chunk)
            done += len(chunk)
            progress(done, size)
    target.chmod(0o444)
    return target


class EvidencePanel(QWidget):
    changed = Signal(str)  # item id whose evidence changed

    def __init__(self, ws: Workspace, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = runner
        self.item_id: str | None = None
        self.folders = file_dialogs.FolderMemory(None)  # the window gives its own (ui.ini)
        self._queue: list[tuple[str, list[str]]] = []
        self._task: Task | None = None
        self.setAcceptDrops(True)

        self.title = QLabel()
        self.title.setObjectName("evidenceTitle")
        self.hint = QLabel(self.tr("可把文件从桌面或文件夹拖到这里。同一文件只保存一份，可关联到多个事项。"))
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        self.model = EvidenceModel(on_edit=self._edit)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        # Size and date have a known widest form: fixed widths, not ResizeToContents, which reads every
        # row on each switch (an item with 800 files took half a second to show).
        metrics = self.table.fontMetrics()
        pad = metrics.averageCharWidth() * 3
        for column, samples in ((SIZE, ("1023 KB", "99.9 MB", "1023 B")), (MADE, ("2021-12-31",))):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            widest = max(metrics.horizontalAdvance(t) for t in samples) + pad
            header.resizeSection(column, max(widest, header.sectionSizeFromContents(column).width()))
        header.setSectionResizeMode(DESC, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        rows = self.table.verticalHeader().defaultSectionSize()
        # The item page's splitter gives the table the rest of the height; two rows at least.
        self.table.setMinimumHeight(rows * 3)

        self.add_btn = QPushButton(self.tr("添加文件(&A)…"))
        self.add_btn.setShortcut(QKeySequence.StandardKey.Open)
        self.add_btn.setToolTip(self.tr("选择要作为佐证材料的文件（Ctrl+O）"))
        self.link_btn = QPushButton(self.tr("关联已有材料…"))
        self.link_btn.setToolTip(self.tr("把本期已添加的材料也关联到本事项，不必重复添加"))
        self.open_btn = QPushButton(self.tr("打开"))
        self.remove_btn = QPushButton(self.tr("从本事项移除"))
        self.add_btn.clicked.connect(self.choose_files)
        self.link_btn.clicked.connect(self.choose_existing)
        self.open_btn.clicked.connect(self.open_selected)
        self.remove_btn.clicked.connect(self.remove_selected)
        # One row for the title, the buttons and the drop hint: the row 添加文件 sits on must be on
        # screen at 1366×768 together with the form above it.
        buttons = QHBoxLayout()
        buttons.addWidget(self.title)
        for b in (self.add_btn, self.link_btn, self.open_btn, self.remove_btn):
            buttons.addWidget(b)
        buttons.addWidget(self.hint, 1)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.cancel_btn = QPushButton(self.tr("取消"))
        self.cancel_btn.clicked.connect(self.cancel)
        self.progress_label = QLabel()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_btn)
        self._progress_widgets = (self.progress, self.cancel_btn, self.progress_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)  # above the table: visible without scrolling down
        layout.addLayout(progress_row)
        layout.addWidget(self.table)
        self._show_progress(False)
        self._update_buttons()

    # --- loading --------------------------------------------------------------------------------
    def set_item(self, item_id: str | None) -> None:
        self.item_id = item_id
        self.reload()

    def reload(self) -> None:
        records = list_evidence(self.ws, self.item_id) if self.item_id else []
        self.model.set_records(records)
        self.title.setText(self.tr("佐证材料（{n} 个）").format(n=len(records)))
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        has = bool(self.table.selectionModel().selectedRows())
        self.open_btn.setEnabled(has)
        self.remove_btn.setEnabled(has)
        self.add_btn.setEnabled(self.item_id is not None)
        self.link_btn.setEnabled(self.item_id is not None)

    def selected_record(self) -> EvidenceRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    # --- adding -------------------------------------------------------------------------------
    def choose_files(self) -> None:
        paths = file_dialogs.open_files(
            self, self.folders, file_dialogs.EVIDENCE, self.tr("选择佐证材料"), self.tr("所有文件 (*)")
        )
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        """Attach `paths` to the current item in the background (queued behind a running copy)."""
        if not self.item_id or not paths:
            return
        self._queue.append((self.item_id, list(paths)))
        if self._task is None:
            self._start_next()

    def _start_next(self) -> None:
        if not self._queue:
            return
        item_id, paths = self._queue.pop(0)
        names = "、".join(Path(p).name for p in paths[:3]) + ("…" if len(paths) > 3 else "")
        self.progress_label.setText(self.tr("正在添加 {names}").format(names=names))
        self.progress.setRange(0, 0)
        self._show_progress(True)
        task = self.runner.run(
            self.tr("添加佐证材料"),
            add_files_job,
            self.ws.data_dir,
            item_id,
            paths,
            on_done=lambda results: self._added(item_id, results),
            on_error=self._failed,
            on_progress=self._progressed,
        )
        if not self.runner.synchronous:  # a synchronous runner (tests) has already finished and cleared it
            self._task = task

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(done * 1000 / total) if total else 0)

    def _added(self, item_id: str, results: list[AddResult]) -> None:
        self._finish_task()
        problems = [r.error for r in results if r.error is not None]
        notes = [r.record.note for r in results if r.record is not None and r.record.note]
        if item_id == self.item_id:
            self.reload()
        self.changed.emit(item_id)
        if problems:
            from fazhi_desktop.ui.error_dialog import explain, present

            text = "\n\n".join(explain(e).message for e in problems)
            for e in problems:
                log.warning("添加佐证材料失败：%s", e)
            present(self, self.tr("部分文件未能添加"), text, None)
        elif notes:
            QMessageBox.information(self, self.tr("佐证材料"), "\n".join(notes))
        self._start_next()

    def _failed(self, exc: BaseException) -> None:
        self._finish_task()
        show_error(self, exc, doing=self.tr("添加佐证材料"))
        self._start_next()

    def _finish_task(self) -> None:
        self._task = None
        self._show_progress(False)

    def _show_progress(self, on: bool) -> None:
        for w in self._progress_widgets:
            w.setVisible(on)

    def cancel(self) -> None:
        self._queue.clear()
        if self._task is not None:
            self._task.cancel()

    @property
    def busy(self) -> bool:
        return self._task is not None

    # --- drag and drop -------------------------------------------------------------------------
    @staticmethod
    def _local_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.item_id and self._local_paths(event):
            event.acceptProposedAction()
            self.setProperty("dropping", True)
            self.style().polish(self)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.item_id and self._local_paths(event):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:
        self.setProperty("dropping", False)
        self.style().polish(self)

    def dropEvent(self, event: QDropEvent) -> None:
        self.setProperty("dropping", False)
        self.style().polish(self)
        paths = self._local_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    # --- the other actions -------------------------------------------------------------------
    def _edit(self, evidence_id: int, field: str, text: str) -> EvidenceRecord | None:
        try:
            return update_evidence(self.ws, evidence_id, **{field: text})
        except FazhiError as exc:
            show_error(self, exc)
            return None

    def _double_clicked(self, index) -> None:
        if index.column() in (NAME, SIZE):
            self.open_selected()

    def open_selected(self) -> None:
        r = self.selected_record()
        if r is None:
            return
        self.runner.run(
            self.tr("打开佐证材料"),
            viewable_copy_job,
            self.ws.data_dir,
            r.sha256,
            r.original_name,
            on_done=self._open_path,
            on_error=lambda e: show_error(self, e, doing=self.tr("打开文件")),
        )

    def _open_path(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(
                self,
                self.tr("打开佐证材料"),
                self.tr("系统没有可以打开此类文件的程序。文件副本在：{path}").format(path=path),
            )

    def remove_selected(self) -> None:
        r = self.selected_record()
        if r is None or not self.item_id:
            return
        others = [i for i in r.item_ids if i != self.item_id]
        if others:
            text = self.tr("把“{name}”从本事项移除？它仍关联在 {items}。").format(
                name=r.original_name, items="、".join(others)
            )
        else:
            text = self.tr("把“{name}”从本事项移除？它没有关联其他事项，将从本期材料中删除。").format(
                name=r.original_name
            )
        answer = QMessageBox.question(self, self.tr("移除佐证材料"), text)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            unlink_evidence(self.ws, r.id, self.item_id)
        except (FazhiError, OSError) as exc:
            show_error(self, exc)
        self.reload()
        self.changed.emit(self.item_id)

    def choose_existing(self) -> None:
        from fazhi_desktop.ui.link_evidence_dialog import LinkEvidenceDialog

        if not self.item_id:
            return
        candidates = [r for r in list_evidence(self.ws) if self.item_id not in r.item_ids]
        dialog = LinkEvidenceDialog(candidates, self)
        if dialog.exec() and dialog.chosen():
            self.link_existing(dialog.chosen())

    def link_existing(self, evidence_ids: list[int]) -> None:
        if not self.item_id:
            return
        for eid in evidence_ids:
            try:
                link_evidence(self.ws, eid, self.item_id)
            except FazhiError as exc:
                show_error(self, exc)
        self.reload()
        self.changed.emit(self.item_id)
