"""The bureau's reviewer window: import with progress and cancel, the county matrix, one unit's view,
and the county outputs. Opened instead of the unit's window when the data directory holds a reviewer
store (review.db). Everything it shows comes from fazhi_desktop/review/; it writes nothing itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from fazhi_desktop.review.importer import STATUS_NAMES, ImportReport, ImportStep, import_packages
from fazhi_desktop.review.picture import Picture, county_picture
from fazhi_desktop.review.received import quarantined
from fazhi_desktop.review.store import REVIEW_DB, ReviewStore
from fazhi_desktop.review.unitview import results_of, since_previous
from fazhi_desktop.ui.error_dialog import show_error
from fazhi_desktop.ui.tasks import Task, TaskCancelled, TaskRunner

CLASS_COLOURS = {"good": "#D7EFDC", "partial": "#FBE8BF", "bad": "#F4CACA", "none": "#E6E8EB"}
WINDOW_SIZE = (1280, 800)


def is_review_dir(data_dir: Path) -> bool:
    return (Path(data_dir) / REVIEW_DB).is_file()


def _import_job(
    data_dir: Path, paths: list[Path], *, progress: Any, cancelled: Any, detail: Any = None
) -> ImportReport:
    """In the worker thread: its own store connection (SQLite connections stay in their thread)."""

    def step(s: ImportStep) -> None:
        progress(s.files_done, s.files_total)
        if detail is not None:
            detail(s)

    with ReviewStore.open(data_dir) as store:
        report = import_packages(store, paths, progress=step, cancel=cancelled)
    if report.cancelled:
        raise TaskCancelled()
    return report


def _output_job(data_dir: Path, kind: str, out: Path, *, progress: Any, cancelled: Any) -> Path:
    with ReviewStore.open(data_dir) as store:
        pic = county_picture(store)
        if kind == "summary":
            from fazhi_desktop.review.summary import write_summary

            return write_summary(store, pic, out)
        if kind == "bulletin":
            from fazhi_desktop.review.bulletin import write_bulletin

            return write_bulletin(store.require_bureau(), pic, out)
        from fazhi_desktop.review.ledger_xlsx import write_ledger

        return write_ledger(store, out)[0]


class ReviewWindow(QMainWindow):
    def __init__(self, data_dir: Path, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.runner = runner or TaskRunner(self)
        self.store = ReviewStore.open(self.data_dir)
        self.bureau = self.store.require_bureau()
        self.task: Task | None = None
        self.picture: Picture | None = None
        self.setWindowTitle(self.tr("{name} · 法治政府建设自查审核").format(name=self.bureau.name))
        self._build()
        self.refresh()

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        bar = self.addToolBar(self.tr("审核"))
        bar.setMovable(False)
        for text, slot in (
            (self.tr("导入上报包…"), self.choose_import),
            (self.tr("写出汇总表…"), lambda: self.choose_output("summary")),
            (self.tr("写出通报…"), lambda: self.choose_output("bulletin")),
            (self.tr("写出整改台账…"), lambda: self.choose_output("ledger")),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            bar.addAction(action)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.matrix = QTableWidget()
        self.matrix.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.matrix.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.matrix.itemSelectionChanged.connect(self._show_selected_unit)
        self.unit_view = QTextBrowser()
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        from PySide6.QtWidgets import QVBoxLayout

        lay = QVBoxLayout(top)
        lay.addWidget(self.summary_label)
        lay.addWidget(self.matrix)
        split.addWidget(top)
        split.addWidget(self.unit_view)
        split.setSizes([520, 240])
        self.missing = QListWidget()
        self.refused = QTableWidget(0, 3)
        self.refused.setHorizontalHeaderLabels([self.tr("文件"), self.tr("原因代码"), self.tr("原因")])
        self.refused.horizontalHeader().setStretchLastSection(True)
        tabs = QTabWidget()
        tabs.addTab(split, self.tr("全县情况"))
        tabs.addTab(self.missing, self.tr("未提交单位"))
        tabs.addTab(self.refused, self.tr("未采用的上报包"))
        self.tabs = tabs
        self.setCentralWidget(tabs)
        self.status = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        for w in (self.status, self.progress, self.cancel_button):
            self.statusBar().addPermanentWidget(w)
        self._busy(False)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    # --- the picture ------------------------------------------------------------------------------
    def refresh(self) -> None:
        pic = county_picture(self.store)
        self.picture = pic
        stats = pic.stats()
        text = self.tr("应报 {e} 个单位，已计入 {c} 个，未提交 {m} 个，未登记 {u} 个。").format(
            e=len(pic.expected), c=len(pic.units), m=len(pic.missing), u=len(pic.unregistered)
        )
        if stats:
            text += self.tr(" 最高 {max}，最低 {min}，平均 {mean}。").format(**stats)
        self.summary_label.setText(text + "\n" + pic.basis)
        fixed = [self.tr("排名"), self.tr("单位"), self.tr("版本"), self.tr("完成率"), self.tr("等次")]
        self.matrix.clear()
        self.matrix.setColumnCount(len(fixed) + len(pic.items))
        self.matrix.setRowCount(len(pic.units))
        self.matrix.setHorizontalHeaderLabels(fixed + [i.id for i in pic.items])
        for c, item in enumerate(pic.items, start=len(fixed)):
            self.matrix.horizontalHeaderItem(c).setToolTip(item.short_title)
        for r, u in enumerate(pic.units):
            values = [str(u.rank), u.unit_name, f"第{u.sequence}版", f"{u.percent}%", u.grade]
            for c, v in enumerate(values):
                self.matrix.setItem(r, c, QTableWidgetItem(v))
            for c, item in enumerate(pic.items, start=len(fixed)):
                cell = u.cells.get(item.id)
                if cell is None:
                    continue
                shown = QTableWidgetItem((cell.result or "—")[:2])
                shown.setBackground(QBrush(QColor(CLASS_COLOURS[cell.klass])))
                shown.setToolTip(f"{item.id} {item.short_title}：{cell.result or '未判定'}")
                self.matrix.setItem(r, c, shown)
        self.matrix.resizeColumnsToContents()
        self.missing.clear()
        unreg = {u for u, _, _ in pic.unregistered}
        for name, _ in pic.missing:
            self.missing.addItem(name + (self.tr("（密钥未登记）") if name in unreg else ""))
        rows = quarantined(self.store.db, last_batch_only=False)
        self.refused.setRowCount(len(rows))
        for r, (source, _unit, code, reason) in enumerate(rows):
            for c, v in enumerate((source, code, reason)):
                self.refused.setItem(r, c, QTableWidgetItem(v))

    def _show_selected_unit(self) -> None:
        rows = {i.row() for i in self.matrix.selectedItems()}
        if not rows or self.picture is None:
            return
        u = self.picture.units[min(rows)]
        results = results_of(self.store, u.package_id)
        lines = [f"<h3>{u.unit_name}（第{u.sequence}版，{u.kind_name}）</h3>"]
        for item in results["items"]:
            if item["answered"]:
                lines.append(f"<b>{item['id']}</b> {item['title']}：{item['result'] or '未判定'}")
        change = since_previous(self.store, u.unit_name)
        if change is not None:
            lines.append(self.tr("<h4>与第{n}版相比</h4>").format(n=change.before.sequence))
            for c in change.changes:
                fields = "、".join(f for f, _, _ in c.fields)
                lines.append(f"{c.item_id}：{fields} {' '.join('+' + n for n in c.evidence_added)}")
        self.unit_view.setHtml("<br>".join(lines))

    # --- jobs -------------------------------------------------------------------------------------
    def choose_import(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择U盘或文件夹"))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        self._busy(True)
        self.status.setText(self.tr("正在导入并核验……"))
        self.task = self.runner.run(
            self.tr("导入上报包"),
            _import_job,
            self.data_dir,
            paths,
            on_progress=self._on_progress,
            on_done=self._imported,
            on_error=self._failed,
        )

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.status.setText(self.tr("正在导入 {done}/{total} 个文件……").format(done=done, total=total))

    def _imported(self, report: ImportReport) -> None:
        self._busy(False)
        counts = "，".join(
            f"{STATUS_NAMES[s]} {report.count(s)}"  # type: ignore[arg-type]
            for s in STATUS_NAMES
            if report.count(s)  # type: ignore[arg-type]
        )
        self.status.setText(self.tr("导入完成：{counts}").format(counts=counts or self.tr("没有找到上报包")))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, TaskCancelled):
            self.status.setText(self.tr("已取消：已导入的上报包不受影响"))
            self.refresh()
            return
        self.status.setText("")
        show_error(self, exc, doing=self.tr("导入上报包"))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def choose_output(self, kind: str) -> None:
        names = {
            "summary": (self.tr("汇总表.xlsx"), "Excel (*.xlsx)"),
            "bulletin": (self.tr("通报.pdf"), "PDF (*.pdf)"),
            "ledger": (self.tr("整改台账.xlsx"), "Excel (*.xlsx)"),
        }
        name, pattern = names[kind]
        out, _ = QFileDialog.getSaveFileName(self, self.tr("保存"), str(Path.home() / name), pattern)
        if out:
            self.write_output(kind, Path(out))

    def write_output(self, kind: str, out: Path) -> None:
        self.runner.run(
            self.tr("写出"),
            _output_job,
            self.data_dir,
            kind,
            out,
            on_done=lambda path: self.status.setText(self.tr("已写出：{p}").format(p=path)),
            on_error=lambda exc: show_error(self, exc, doing=self.tr("写出")),
        )

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        self.runner.cancel_all()
        self.runner.wait(5000)
        self.store.close()
        super().closeEvent(event)


def run_review_window(data_dir: Path, screenshot: Path | None = None) -> int:
    """Show the reviewer window (or save a screenshot of it) on an existing QApplication."""
    from PySide6.QtWidgets import QApplication

    window = ReviewWindow(data_dir)
    window.resize(*WINDOW_SIZE)
    if screenshot is not None:
        from fazhi_desktop.ui.screenshot import save_widget

        window.show()
        if window.picture and window.picture.units:
            window.matrix.selectRow(0)
        ok = save_widget(window, screenshot)
        window.hide()
        return 0 if ok else 1
    window.show()
    return QApplication.instance().exec()  # type: ignore[union-attr]
