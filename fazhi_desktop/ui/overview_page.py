"""The overview: progress per section and overall, items still lacking something, the package size
against its limit, and the upcoming 整改时限."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.evidence.budget import SizeBudget
from fazhi_desktop.selfcheck.progress import STATE_OUT, STATE_UNDECIDED, STATES, ProgressReport
from fazhi_desktop.sizes import format_size
from fazhi_desktop.ui.icons import state_icon
from fazhi_desktop.ui.item_tree_model import chinese_numeral


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class OverviewPage(QWidget):
    open_item = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.overall_bar = QProgressBar()
        self.overall_bar.setObjectName("overallBar")
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.groups = QGridLayout()
        self.groups.setColumnStretch(1, 1)
        self.groups.setColumnStretch(3, 1)
        self._group_rows: list[tuple[QLabel, QProgressBar]] = []
        self._placed = -1
        self.budget_bar = QProgressBar()
        self.budget_label = QLabel()
        self.budget_label.setWordWrap(True)

        self.missing = _table([self.tr("事项"), self.tr("状态"), self.tr("还缺")])
        header = self.missing.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.missing.cellActivated.connect(lambda r, _c: self._open(self.missing, r))
        self.missing.cellDoubleClicked.connect(lambda r, _c: self._open(self.missing, r))
        self.deadlines = _table(
            [self.tr("整改时限"), self.tr("剩余"), self.tr("责任人"), self.tr("事项"), self.tr("整改措施")]
        )
        # Every column inside the table's width (no sideways scrolling, the last one never cut off):
        # the dates and names at their size, 事项 and 整改措施 share the rest, elided, the full text as tip.
        header = self.deadlines.horizontalHeader()
        for c in range(3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for t in (self.missing, self.deadlines):
            t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            t.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.deadlines.cellActivated.connect(lambda r, _c: self._open(self.deadlines, r, 3))
        self.deadlines.cellDoubleClicked.connect(lambda r, _c: self._open(self.deadlines, r, 3))

        # No page scroll: the figures on top stay compact (two columns) and the two tables take the
        # rest of the height, so on 1366×768 the 还缺 list shows a dozen rows, not two.
        top = QGridLayout()
        top.setColumnStretch(0, 1)
        top.setColumnStretch(1, 1)
        top.addWidget(self._heading(self.tr("总体进度")), 0, 0)
        top.addWidget(self.overall_bar, 1, 0)
        top.addWidget(self.counts, 2, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self._heading(self.tr("上报包大小")), 0, 1)
        top.addWidget(self.budget_bar, 1, 1)
        top.addWidget(self.budget_label, 2, 1, Qt.AlignmentFlag.AlignTop)
        self.groups.setContentsMargins(0, 0, 0, 0)
        left, right = QWidget(), QWidget()
        left_col, right_col = QVBoxLayout(left), QVBoxLayout(right)
        for c in (left_col, right_col):
            c.setContentsMargins(0, 0, 0, 0)
        left_col.addWidget(self._heading(self.tr("还缺内容的事项（双击打开）")))
        left_col.addWidget(self.missing)
        right_col.addWidget(self._heading(self.tr("即将到期的整改时限")))
        right_col.addWidget(self.deadlines)
        self.lists = QSplitter(Qt.Orientation.Horizontal)
        self.lists.addWidget(left)
        self.lists.addWidget(right)
        self.lists.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self._heading(self.tr("各部分进度")))
        layout.addLayout(self.groups)
        # The lists first; the unit's own words (总体情况, 下一步工作打算) on a second tab (add_narratives).
        self.tabs = QTabWidget()
        self.tabs.addTab(self.lists, self.tr("还缺内容的事项和整改时限"))
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        rows = self.missing.verticalHeader().defaultSectionSize()
        self.missing.setMinimumHeight(rows * 5)
        self.deadlines.setMinimumHeight(rows * 5)

    def add_narratives(self, panel: QWidget) -> None:
        self.narratives_tab = self.tabs.addTab(panel, self.tr("总体情况和下一步工作打算"))

    def _place_groups(self, n: int) -> None:
        """The first half of the groups in the left pair of columns, the rest on the right."""
        for label, bar in self._group_rows:
            self.groups.removeWidget(label)
            self.groups.removeWidget(bar)
        half = (n + 1) // 2
        for row, (label, bar) in enumerate(self._group_rows[:n]):
            r, c = (row, 0) if row < half else (row - half, 2)
            self.groups.addWidget(label, r, c)
            self.groups.addWidget(bar, r, c + 1)
        self._placed = n

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionTitle")
        return label

    def _open(self, table: QTableWidget, row: int, column: int = 0) -> None:
        item = table.item(row, column)
        if item is not None:
            self.open_item.emit(item.data(Qt.ItemDataRole.UserRole))

    # --- filling --------------------------------------------------------------------------------
    def show_report(self, report: ProgressReport, budget: SizeBudget | None, titles: dict[str, str]) -> None:
        """Fill the page from the completeness check, the size budget and item short titles."""
        self.title.setText(
            self.tr("{unit} · {period} 自查进度").format(unit=report.unit_name, period=report.period_label)
        )
        o = report.overall
        self.overall_bar.setRange(0, max(o.total, 1))
        self.overall_bar.setValue(o.done)
        self.overall_bar.setFormat(
            self.tr("已填完 {done} / {total} 项（{p}%）").format(done=o.done, total=o.total, p=o.percent)
        )
        c = report.state_counts
        parts = [f"{s} {c[s]}" for s in STATES if c.get(s)]
        text = self.tr("按状态：") + " · ".join(parts) + self.tr("。")
        if c.get(STATE_OUT) or c.get(STATE_UNDECIDED):
            text += self.tr("不参与和尚未选择的可选事项不计入进度。")
        if report.scores is not None:  # only where the plan gives points
            sc = report.scores
            text += "\n" + self.tr("自评分：合计 {s} / {p} 分，加分 {b}，减分 {d}，自评总分 {t} 分").format(
                s=f"{sc.base.score:g}",
                p=f"{sc.base.points:g}",
                b=f"{sc.bonus:g}",
                d=f"{sc.deduction:g}",
                t=f"{sc.total:g}",
            )
            if sc.base.unscored:
                text += self.tr("（{n} 项未评分）").format(n=sc.base.unscored)
        self.counts.setText(text)

        # Rows are reused, not rebuilt: refresh runs after every autosave and must not flicker.
        for row, g in enumerate(report.groups):
            if row == len(self._group_rows):
                label, bar = QLabel(), QProgressBar()
                # May give up width on a narrow window (the full name is the tool tip).
                label.setMinimumWidth(label.fontMetrics().averageCharWidth() * 10)
                bar.setTextVisible(True)
                self._group_rows.append((label, bar))
            label, bar = self._group_rows[row]
            name = f"{chinese_numeral(g.number)}、{g.title}" if g.number else g.title
            if g.kind == "area":
                name = self.tr("指标") + " " + name
            label.setText(name)
            label.setToolTip(name)
            bar.setRange(0, max(g.figure.total, 1))
            bar.setValue(g.figure.done)
            bar.setFormat(f"{g.figure.done}/{g.figure.total}（{g.figure.percent}%）")
            label.show()
            bar.show()
        for label, bar in self._group_rows[len(report.groups) :]:
            label.hide()
            bar.hide()
        if self._placed != len(report.groups):
            self._place_groups(len(report.groups))

        if budget is None:
            self.budget_bar.setRange(0, 1)
            self.budget_bar.setValue(0)
            self.budget_bar.setFormat("—")
            self.budget_label.setText("")
        else:
            permille = min(int(budget.fraction * 1000), 1000)
            self.budget_bar.setRange(0, 1000)
            self.budget_bar.setValue(permille)
            self.budget_bar.setFormat(
                self.tr("约 {used} / 上限 {limit}（{p:.1%}）").format(
                    used=format_size(budget.used_bytes),
                    limit=format_size(budget.limit_bytes),
                    p=budget.fraction,
                )
            )
            note = self.tr("佐证材料 {n} 个，共 {size}；另为报告和清单预留约 {extra}。").format(
                n=budget.file_count,
                size=format_size(budget.evidence_bytes),
                extra=format_size(budget.reports_estimate_bytes),
            )
            if budget.over:
                note += self.tr("已超过上限：请压缩或删除部分材料。")
            self.budget_label.setText(note)
            self.budget_bar.setProperty("over", budget.over)
            self.budget_bar.style().polish(self.budget_bar)

        lacking = [i for i in report.items if i.missing]  # open counted items and undecided optional ones
        self.missing.setRowCount(len(lacking))
        for r, i in enumerate(lacking):
            first = QTableWidgetItem(state_icon(i.state), f"{i.item_id} {titles.get(i.item_id, '')}")
            first.setData(Qt.ItemDataRole.UserRole, i.item_id)
            self.missing.setItem(r, 0, first)
            self.missing.setItem(r, 1, QTableWidgetItem(i.state))
            missing = "；".join(i.missing)
            cell = QTableWidgetItem(missing)
            cell.setToolTip(missing)
            self.missing.setItem(r, 2, cell)

        self.deadlines.setRowCount(len(report.deadlines))
        for r, d in enumerate(report.deadlines):
            self.deadlines.setItem(r, 0, QTableWidgetItem(d.deadline))
            left = (
                self.tr("已逾期 {n} 天").format(n=-d.days_left)
                if d.overdue
                else self.tr("{n} 天").format(n=d.days_left)
            )
            cell = QTableWidgetItem(left)
            if d.overdue:
                cell.setForeground(Qt.GlobalColor.darkRed)
            self.deadlines.setItem(r, 1, cell)
            self.deadlines.setItem(r, 2, QTableWidgetItem(d.responsible_person))
            item = QTableWidgetItem(f"{d.item_id} {titles.get(d.item_id, '')}")
            item.setData(Qt.ItemDataRole.UserRole, d.item_id)
            self.deadlines.setItem(r, 3, item)
            measures = QTableWidgetItem(d.measures.replace("\n", " "))
            measures.setToolTip(d.measures)
            self.deadlines.setItem(r, 4, measures)
