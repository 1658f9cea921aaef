"""The bureau's reviewer window: import with progress and cancel, the county matrix, one unit's view,
and the county outputs. Opened instead of the unit's window when the data directory holds a reviewer
store (review.db). Everything it shows comes from fazhi_desktop/review/; it writes nothing itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.app.review_open import is_review_dir as is_review_dir  # where ui/app.py finds it
from fazhi_desktop.errors import UsageError
from fazhi_desktop.review.importer import STATUS_NAMES, ImportReport, ImportStep, import_packages
from fazhi_desktop.review.picture import Picture, county_picture
from fazhi_desktop.review.received import PackageRow, quarantined
from fazhi_desktop.review.returns import Issued
from fazhi_desktop.review.scoring import VERDICTS, reviews_of
from fazhi_desktop.review.store import Bureau, ReviewStore
from fazhi_desktop.review.unitview import current_items, results_of, review_item, since_previous
from fazhi_desktop.ui.dialog_parts import PlanField
from fazhi_desktop.ui.error_dialog import show_error
from fazhi_desktop.ui.tasks import Task, TaskCancelled, TaskRunner
from fazhi_desktop.ui.window_size import SCREENSHOT_SIZE, is_small_screen, screen_room, within

CLASS_COLOURS = {"good": "#D7EFDC", "partial": "#FBE8BF", "bad": "#F4CACA", "none": "#E6E8EB"}
WINDOW_SIZE = (1280, 800)
# How often the open window looks whether another connection (an import on the command line) changed
# the store: one `PRAGMA data_version`, so it costs nothing when nothing changed.
WATCH_INTERVAL_MS = 2000


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


def _issue_job(
    data_dir: Path, kind: str, subject: str, out: Path, passphrase: str, *, progress: Any, cancelled: Any
) -> Issued:
    """A signed 退回包 (subject = unit) or 回执 (subject = package id), off the UI thread (the key's KDF is slow)."""
    from fazhi_desktop.review.bureau import unlock_bureau_key
    from fazhi_desktop.review.returns import make_receipt, make_return
    from fazhi_desktop.review.unitview import find_package

    key = unlock_bureau_key(data_dir, passphrase)
    with ReviewStore.open(data_dir) as store:
        if kind == "return":
            return make_return(store, key, subject, out)
        return make_receipt(store, key, find_package(store, subject), out)


class NewRoundDialog(QDialog):
    """开始新一轮…: the plan (an id, or a plan file chosen here) and the period of the next round; the
    window hands both to app/review.py `new_round`, the same use case as `review new-round`."""

    def __init__(self, bureau: Bureau, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("开始新一轮审核"))
        self.plan = PlanField(bureau.plan_id, self.tr("计划编号，或选择计划文件"))
        self.period = QLineEdit()
        self.period.setPlaceholderText(self.tr("如 2022年度、2022年上半年"))
        form = QFormLayout()
        form.addRow(self.tr("本轮"), QLabel(f"{bureau.plan_id} {bureau.period_label}"))
        form.addRow(self.tr("新一轮的计划"), self.plan)
        form.addRow(self.tr("新一轮的期间"), self.period)
        note = QLabel(
            self.tr(
                "此前收到的上报包、审核意见、回执和退回包都留档，不计入新一轮；"
                "未销号的整改问题带入新一轮的整改台账；单位密钥登记不变。"
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(buttons)

    def values(self) -> tuple[str, str]:
        """(plan id or file, period) as typed."""
        return self.plan.text(), self.period.text()


class ReviewWindow(QMainWindow):
    def __init__(self, data_dir: Path, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.runner = runner or TaskRunner(self)
        self.store = ReviewStore.open(self.data_dir)
        self.bureau = self.store.require_bureau()
        self.task: Task | None = None
        self.picture: Picture | None = None
        self.store_open = True
        self.seen_version = -1  # the store's data_version when the window last read it (refresh)
        self.form_loaded: tuple[int, str, str, str] | None = None  # the review form as last filled in
        self.setWindowTitle(self.tr("{name} · 法治政府建设自查审核").format(name=self.bureau.name))
        self._build()
        self.setAcceptDrops(True)  # packages (or a folder of them) dropped on the window are imported
        self.refresh()
        # Another process (review import on the command line) may add packages while the window is open:
        # looked for on activation and every WATCH_INTERVAL_MS, and shown without a restart.
        self.watch = QTimer(self)
        self.watch.setInterval(WATCH_INTERVAL_MS)
        self.watch.timeout.connect(self.check_for_changes)
        self.watch.start()

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        bar = self.addToolBar(self.tr("审核"))
        bar.setMovable(False)
        for text, slot in (
            (self.tr("导入上报包…"), self.choose_import),
            (self.tr("写出汇总表…"), lambda: self.choose_output("summary")),
            (self.tr("写出通报…"), lambda: self.choose_output("bulletin")),
            (self.tr("写出整改台账…"), lambda: self.choose_output("ledger")),
            (self.tr("写出退回包…"), lambda: self.choose_issue("return")),
            (self.tr("签发回执…"), lambda: self.choose_issue("receipt")),
            (self.tr("单位密钥…"), self.show_keys),
            (self.tr("开始新一轮…"), self.choose_new_round),
            (self.tr("往轮审核…"), self.show_rounds),
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
        self.matrix.verticalHeader().setVisible(False)  # the 排名 column numbers the rows already
        self.unit_view = QTextBrowser()
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        lay = QVBoxLayout(top)
        lay.addWidget(self.summary_label)
        lay.addWidget(self.matrix)
        split.addWidget(top)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.unit_view)
        bottom.addWidget(self._build_review_panel())
        bottom.setSizes([520, 740])
        split.addWidget(bottom)
        split.setSizes([440, 320])
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

    def _build_review_panel(self) -> QWidget:
        """The selected unit's answered items, each reviewed here: 通过 / 退回修改 with a comment, and a
        审核得分 with the reason for any deduction where the plan gives the item points."""
        panel = QWidget()
        self.items_table = QTableWidget(0, 5)
        self.items_table.setHorizontalHeaderLabels(
            [self.tr("事项"), self.tr("标题"), self.tr("自查结果"), self.tr("审核意见"), self.tr("审核得分")]
        )
        self.items_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.items_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.items_table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.items_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.items_table.setColumnWidth(1, 200)
        self.items_table.itemSelectionChanged.connect(self._show_selected_item)
        self.verdict = QComboBox()
        self.verdict.addItem(self.tr("（不改）"), None)
        shown = {"通过": self.tr("通过"), "退回修改": self.tr("退回修改")}
        for v in VERDICTS:
            self.verdict.addItem(shown[v], v)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("审核意见（退回修改时必填，单位据此修改）"))
        self.score = QLineEdit()
        self.score.setMaximumWidth(90)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("扣分理由（扣分时必填）"))
        self.points_label = QLabel()
        score_row = QHBoxLayout()
        score_row.addWidget(self.score)
        score_row.addWidget(self.points_label)
        score_row.addWidget(self.reason, 1)
        self.save_review_button = QPushButton(self.tr("保存审核"))
        self.save_review_button.clicked.connect(self.save_review)
        form = QFormLayout()
        form.addRow(self.tr("审核意见"), self.verdict)
        form.addRow(self.tr("意见"), self.comment)
        form.addRow(self.tr("审核得分"), score_row)
        lay = QVBoxLayout(panel)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.items_table, 1)
        lay.addLayout(form)
        lay.addWidget(self.save_review_button)
        self._set_review_enabled(False)
        return panel

    def _set_review_enabled(self, on: bool) -> None:
        for w in (self.verdict, self.comment, self.save_review_button):
            w.setEnabled(on)
        points = self._selected_points() if on else None
        self.score.setEnabled(points is not None)
        self.reason.setEnabled(points is not None)
        self.points_label.setText(self.tr("满分 {p:g}").format(p=points) if points is not None else "")

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    # --- the picture ------------------------------------------------------------------------------
    def refresh(self) -> None:
        # Read first: a commit made while the picture is read shows at the next check.
        self.seen_version = self.store.data_version()
        pic = county_picture(self.store)
        self.picture = pic
        stats = pic.stats()
        text = self.tr("本轮：{title}（{plan}）{period}。").format(
            title=pic.plan.meta.title, plan=self.bureau.plan_id, period=self.bureau.period_label
        )
        text += self.tr("应报 {e} 个单位，已计入 {c} 个，未提交 {m} 个，未登记 {u} 个。").format(
            e=len(pic.expected), c=len(pic.units), m=len(pic.missing), u=len(pic.unregistered)
        )
        if stats:
            shown = {k: f"{v:.1f}" for k, v in stats.items()}  # one decimal on screen (the files keep three)
            text += self.tr(" 最高 {max}，最低 {min}，平均 {mean}。").format(**shown)
        self.summary_label.setText(text + "\n" + pic.basis)
        fixed = [self.tr("排名"), self.tr("单位"), self.tr("版本"), self.tr("完成率"), self.tr("等次")]
        self.matrix.clear()
        self.matrix.setColumnCount(len(fixed) + len(pic.items))
        self.matrix.setRowCount(len(pic.units))
        self.matrix.setHorizontalHeaderLabels(fixed + [i.id for i in pic.items])
        for c, item in enumerate(pic.items, start=len(fixed)):
            header = self.matrix.horizontalHeaderItem(c)
            if header is not None:
                header.setToolTip(item.short_title)
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

    def check_for_changes(self) -> bool:
        """Refresh, keeping the selected unit and item, when another connection has committed since the
        window last read the store; not while a task of the window runs (its end refreshes anyway)."""
        if self.runner.busy or self.task_running() or not self.store_open:
            return False
        if self.store.data_version() == self.seen_version:
            return False
        self.bureau = self.store.require_bureau()  # `review new-round` elsewhere changes the round
        self.refresh_keeping_selection()
        return True

    def refresh_keeping_selection(self) -> None:
        """refresh(), then the same unit and item selected again; what was typed into the review form
        and not yet saved stays."""
        unit, item = self.selected_unit(), self._selected_item()
        form = self._form_values()
        edited = item is not None and form != self.form_loaded
        self.refresh()
        rows = [u.unit_name for u in self.picture.units] if self.picture else []
        if unit not in rows:
            if unit is not None:  # no longer counted here (another round): nothing of it stays on show
                self.unit_view.clear()
                self.items_table.setRowCount(0)
                self._set_review_enabled(False)
            return
        self.matrix.clearSelection()  # a row still selected would not announce itself again
        self.matrix.selectRow(rows.index(unit))
        ids = [i["id"] for i in self.review_items]
        if item is None or item["id"] not in ids:
            return
        self.items_table.clearSelection()
        self.items_table.selectRow(ids.index(item["id"]))
        if edited:
            self._set_form_values(form)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            self.check_for_changes()
        return super().event(event)

    def selected_unit(self) -> str | None:
        rows = {i.row() for i in self.matrix.selectedItems()}
        if not rows or self.picture is None:
            return None
        return self.picture.units[min(rows)].unit_name

    def _show_selected_unit(self) -> None:
        rows = {i.row() for i in self.matrix.selectedItems()}
        if not rows or self.picture is None:
            return
        u = self.picture.units[min(rows)]
        self._fill_items(u.unit_name)
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

    # --- per-item review ---------------------------------------------------------------------------
    def _fill_items(self, unit_name: str) -> None:
        self.review_unit = unit_name
        _, items = current_items(self.store, unit_name)
        self.review_items = items
        reviews = reviews_of(self.store.db, unit_name)
        self.items_table.setRowCount(len(items))
        for r, item in enumerate(items):
            rev = reviews.get(item["id"])
            verdict = ""
            score = ""
            if rev is not None:
                verdict = (rev.verdict or "") + (f"：{rev.comment}" if rev.comment else "")
                score = f"{rev.score:g}" if rev.score is not None else ""
                if rev.deduction_reason:
                    score += f"（{rev.deduction_reason}）"
            values = (item["id"], item["title"], item["result"] or self.tr("未判定"), verdict, score)
            for c, v in enumerate(values):
                cell = QTableWidgetItem(v)
                if c == 3 and rev is not None and rev.verdict == "退回修改":
                    cell.setBackground(QBrush(QColor(CLASS_COLOURS["bad"])))
                self.items_table.setItem(r, c, cell)
        self.items_table.resizeColumnToContents(0)
        self._set_review_enabled(False)

    def _selected_item(self) -> dict[str, Any] | None:
        rows = {i.row() for i in self.items_table.selectedItems()}
        return self.review_items[min(rows)] if rows else None

    def _selected_points(self) -> float | None:
        item = self._selected_item()
        points = item.get("points") if item else None
        return float(points) if isinstance(points, (int, float)) else None

    def _show_selected_item(self) -> None:
        item = self._selected_item()
        self._set_review_enabled(item is not None)
        if item is None:
            return
        rev = reviews_of(self.store.db, self.review_unit).get(item["id"])
        self.verdict.setCurrentIndex(max(0, self.verdict.findData(rev.verdict if rev else None)))
        self.comment.setText(rev.comment if rev else "")
        self.score.setText(f"{rev.score:g}" if rev and rev.score is not None else "")
        self.reason.setText(rev.deduction_reason if rev else "")
        self.form_loaded = self._form_values()

    def _form_values(self) -> tuple[int, str, str, str]:
        return (self.verdict.currentIndex(), self.comment.text(), self.score.text(), self.reason.text())

    def _set_form_values(self, values: tuple[int, str, str, str]) -> None:
        self.verdict.setCurrentIndex(values[0])
        for field, text in zip((self.comment, self.score, self.reason), values[1:], strict=True):
            field.setText(text)

    def save_review(self) -> bool:
        """The selected item's review recorded through review_item (the same rules as `review score`)."""
        item = self._selected_item()
        if item is None:
            return False
        try:
            text = self.score.text().strip()
            try:
                score = float(text) if text and self.score.isEnabled() else None
            except ValueError:
                from fazhi_desktop.errors import UsageError

                raise UsageError(f"审核得分应是数字，不是“{text}”") from None
            review_item(
                self.store,
                self.review_unit,
                item["id"],
                verdict=self.verdict.currentData(),
                comment=self.comment.text(),
                score=score,
                reason=self.reason.text(),
            )
        except Exception as exc:  # a refused review is explained; nothing was written
            show_error(self, exc, doing=self.tr("保存审核"))
            return False
        row = self.items_table.currentRow()
        self.status.setText(
            self.tr("已保存 {unit} 第 {item} 项的审核").format(unit=self.review_unit, item=item["id"])
        )
        self.refresh()
        self._fill_items(self.review_unit)
        self.items_table.selectRow(row)
        return True

    # --- signed documents and keys -----------------------------------------------------------------
    def choose_issue(self, kind: str) -> None:
        unit = self.selected_unit()
        if unit is None:
            self.status.setText(self.tr("请先在全县情况表中选中一个单位"))
            return
        package_id = None
        if kind == "return":
            name = self.tr("{unit}-退回.json").format(unit=unit)
        else:
            package = self.choose_package(unit)
            if package is None:
                return
            package_id = package.package_id
            name = self.tr("{unit}-第{n}版-回执.json").format(unit=unit, n=package.sequence)
        pattern = self.tr("签名文件 (*.json)")
        out, _ = QFileDialog.getSaveFileName(self, self.tr("保存"), str(Path.home() / name), pattern)
        if not out:
            return
        passphrase, ok = QInputDialog.getText(
            self, self.tr("县司法局密钥"), self.tr("县司法局密钥口令："), QLineEdit.EchoMode.Password
        )
        if ok:
            self.issue(kind, unit, Path(out), passphrase, package_id=package_id)

    def choose_package(self, unit: str) -> PackageRow | None:
        """Which received package of `unit` the 回执 is for (a chooser when there is more than one)."""
        from fazhi_desktop.ui.review_packages import PackageChooser

        chooser = PackageChooser(self.store, unit, self)
        if len(chooser.packages) == 1:
            return chooser.packages[0]
        return chooser.chosen() if chooser.exec() else None

    def issue(
        self, kind: str, unit: str, out: Path, passphrase: str, *, package_id: str | None = None
    ) -> None:
        """Sign a 退回包 for `unit`, or a 回执 for its package `package_id` (default: the current one), in
        the background."""
        subject = package_id or unit
        if kind == "receipt" and package_id is None:
            try:
                subject = current_items(self.store, unit)[0].package_id
            except Exception as exc:  # no current package: said plainly
                show_error(self, exc, doing=self.tr("签发回执"))
                return
        doing = self.tr("写出退回包") if kind == "return" else self.tr("签发回执")
        self.status.setText(self.tr("正在签名……"))
        self.runner.run(
            doing,
            _issue_job,
            self.data_dir,
            kind,
            subject,
            out,
            passphrase,
            on_done=self._issued,
            on_error=lambda exc: self._issue_failed(exc, doing),
        )

    def _issue_failed(self, exc: BaseException, doing: str) -> None:
        self.status.setText("")
        show_error(self, exc, doing=doing)

    def _issued(self, issued: Issued) -> None:
        if issued.items:
            self.status.setText(
                self.tr("已签发给 {unit} 的退回包：{p}（退回 {n} 项）").format(
                    unit=issued.unit_name, p=issued.path, n=len(issued.items)
                )
            )
        else:
            self.status.setText(self.tr("已签发回执：{p}").format(p=issued.path))

    def choose_new_round(self) -> None:
        dialog = NewRoundDialog(self.bureau, self)
        self.round_dialog = dialog
        dialog.accepted.connect(lambda: self.start_new_round(*dialog.values()))
        dialog.open()

    def start_new_round(self, plan: str, period: str) -> bool:
        """Switch to the next round through app/review.py (the same rules as `review new-round`)."""
        from fazhi_desktop.app.review import new_round

        try:
            done = new_round(self.store, plan, period)
        except Exception as exc:  # refused (same round, bad period, unknown plan …): said, nothing changed
            show_error(self, self._round_refusal(exc), doing=self.tr("开始新一轮"))
            return False
        self.bureau = done.bureau
        self.unit_view.clear()
        self.items_table.setRowCount(0)
        self._set_review_enabled(False)
        self.refresh()
        self.status.setText(
            self.tr(
                "已开始新一轮审核：{title}（{plan}）{period}。此前收到的 {kept} 个上报包已留档，不计入本轮；"
                "此前未销号的 {carried} 项整改问题带入本轮"
            ).format(
                title=done.plan_title,
                plan=done.bureau.plan_id,
                period=done.bureau.period_label,
                kept=done.kept_packages,
                carried=done.carried_open,
            )
        )
        return True

    def _round_refusal(self, exc: BaseException) -> BaseException:
        """A refused new round in the window's language (review/bureau.py names the reason by a code);
        anything else as it is."""
        said = {
            "no_period": self.tr("请写明新一轮审核的期间，如 2022年度、2022年上半年"),
            "bad_period": self.tr(
                "期间“{period}”的写法与单位程序不同（应为 2022年度、2022年上半年 或 2022年下半年 这样的写法）："
                "单位上报包上的期间按这种写法，写法不同的一轮收不到任何上报包"
            ),
            "same_round": self.tr("本轮审核的已经是 {plan} {period}：新一轮请换一个期间（或另一份计划）"),
            "earlier_round": self.tr(
                "{plan} {period} 是此前审核过的一轮（{started} 开始）：不能回到已结束的一轮，"
                "那一轮收到的上报包、审核意见和台账都已留档"
            ),
            "other_signer": self.tr(
                "{file} 由另一把密钥签名（指纹 {signer}），不是本县司法局的密钥（{bureau}）：未采用。"
                "请用本审核数据目录的县司法局密钥签名（plan sign）后再开始新一轮"
            ),
            "unknown_plan": self.tr("没有编号为“{plan}”的计划；已有：{known}"),
        }
        template = said.get(str(getattr(exc, "code", "")))
        if template is None:
            return exc
        return UsageError(template.format(**getattr(exc, "params", {})))

    def show_rounds(self) -> None:
        """往轮审核…: the rounds so far, read-only (the same list as `review rounds`)."""
        from fazhi_desktop.ui.review_rounds import RoundsDialog

        dialog = RoundsDialog(self.store, self)
        self.rounds_dialog = dialog
        dialog.open()

    def show_keys(self) -> None:
        from fazhi_desktop.ui.review_keys import KeysDialog

        units = [name for name, _ in self.picture.expected] if self.picture else []
        dialog = KeysDialog(self.store, units, self)
        self.keys_dialog = dialog
        dialog.finished.connect(lambda _: self.refresh() if dialog.changed else None)
        dialog.open()

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
        if len(report.outcomes) == 1:  # one file (dropped or double-clicked): what became of it, and why
            self.status.setText(report.outcomes[0].describe().replace("\n", " "))
        self.refresh()

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        if self.task_running() or not self._dropped_paths(event):
            event.ignore()
            return
        event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        paths = self._dropped_paths(event)
        if not paths or self.task_running():
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_paths(paths)

    @staticmethod
    def _dropped_paths(event: Any) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [Path(u.toLocalFile()) for u in urls if u.isLocalFile() and Path(u.toLocalFile()).exists()]

    def task_running(self) -> bool:
        return not self.progress.isHidden()  # _busy shows it while an import runs

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
        self.watch.stop()
        self.runner.cancel_all()
        self.runner.wait(5000)
        self.store.close()
        self.store_open = False
        super().closeEvent(event)


def show_fitting(window: QMainWindow) -> None:
    """Maximised on an office screen (1366×768 …), where 1280×800 would not fit; else the default size,
    never beyond the screen."""
    available = screen_room(window)
    if available is not None and is_small_screen(available):
        window.showMaximized()
        return
    if available is not None:
        window.resize(within(window.size(), available))
    window.show()


def save_screenshot(window: ReviewWindow, path: Path) -> bool:
    """The window as the bureau's clerk sees it: maximised on a 1366×768 office screen (show_fitting), so
    at window_size.SCREENSHOT_SIZE like the unit's pictures."""
    from fazhi_desktop.ui.screenshot import save_widget

    window.resize(*SCREENSHOT_SIZE)
    window.show()
    ok = save_widget(window, path)
    window.hide()
    return ok


def run_review_window(data_dir: Path, screenshot: Path | None = None) -> int:
    """Show the reviewer window (or save a screenshot of it) on an existing QApplication."""
    from PySide6.QtWidgets import QApplication

    window = ReviewWindow(data_dir)
    window.resize(*WINDOW_SIZE)
    if screenshot is not None:
        if window.picture and window.picture.units:
            window.matrix.selectRow(0)
        return 0 if save_screenshot(window, screenshot) else 1
    show_fitting(window)
    return QApplication.instance().exec()  # type: ignore[union-attr]
