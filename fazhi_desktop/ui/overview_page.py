"""The overview: progress per section and overall, items still lacking something, the package size
against its limit, and the upcoming 整改时限."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.evidence import SizeBudget
from fazhi_desktop.selfcheck.progress import (
    STATE_DONE,
    STATE_DRAFT,
    STATE_EMPTY,
    STATE_NA,
    STATE_OUT,
    ProgressReport,
)
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
        self._group_rows: list[tuple[QLabel, QProgressBar]] = []
        self.budget_bar = QProgressBar()
        self.budget_label = QLabel()
        self.budget_label.setWordWrap(True)

        self.missing = _table([self.tr("事项"), self.tr("状态"), self.tr("还缺")])
        em = self.fontMetrics().averageCharWidth()
        self.missing.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.missing.setColumnWidth(0, em * 30)
        self.missing.cellActivated.connect(lambda r, _c: self._open(self.missing, r))
        self.missing.cellDoubleClicked.connect(lambda r, _c: self._open(self.missing, r))
        self.deadlines = _table(
            [self.tr("整改时限"), self.tr("剩余"), self.tr("责任人"), self.tr("事项"), self.tr("整改措施")]
        )
        for c in range(3):
            self.deadlines.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.deadlines.setColumnWidth(3, em * 30)
        self.deadlines.cellActivated.connect(lambda r, _c: self._open(self.deadlines, r, 3))
        self.deadlines.cellDoubleClicked.connect(lambda r, _c: self._open(self.deadlines, r, 3))

        body = QWidget()
        col = QVBoxLayout(body)
        col.addWidget(self.title)
        col.addWidget(self._heading(self.tr("总体进度")))
        col.addWidget(self.overall_bar)
        col.addWidget(self.counts)
        col.addWidget(self._heading(self.tr("各部分进度")))
        col.addLayout(self.groups)
        col.addWidget(self._heading(self.tr("上报包大小")))
        budget_row = QHBoxLayout()
        budget_row.addWidget(self.budget_bar, 1)
        col.addLayout(budget_row)
        col.addWidget(self.budget_label)
        lists = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self._heading(self.tr("还缺内容的事项（双击打开）")))
        left.addWidget(self.missing)
        right.addWidget(self._heading(self.tr("即将到期的整改时限")))
        right.addWidget(self.deadlines)
        lists.addLayout(left, 1)
        lists.addLayout(right, 1)
        col.addLayout(lists, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        rows = self.missing.verticalHeader().defaultSectionSize()
        self.missing.setMinimumHeight(rows * 9)
        self.deadlines.setMinimumHeight(rows * 9)

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
        parts = [
            f"{s} {c[s]}" for s in (STATE_EMPTY, STATE_DRAFT, STATE_DONE, STATE_NA, STATE_OUT) if c.get(s)
        ]
        text = self.tr("按状态：") + " · ".join(parts)
        if report.undecided:
            text += self.tr("。可选事项中有 {n} 项尚未选择是否参与。").format(n=report.undecided)
        self.counts.setText(text)

        # Rows are reused, not rebuilt: refresh runs after every autosave and must not flicker.
        for row, g in enumerate(report.groups):
            if row == len(self._group_rows):
                label, bar = QLabel(), QProgressBar()
                bar.setTextVisible(True)
                self.groups.addWidget(label, row, 0)
                self.groups.addWidget(bar, row, 1)
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

        lacking = [i for i in report.items if i.missing and i.counted or (i.optional and i.opted_in is None)]
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
