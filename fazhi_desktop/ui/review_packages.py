"""Which of a unit's received packages a 回执 is for: a small chooser listing every package the bureau
holds from the unit (version, number, when made and imported, where it stands). The list comes from
fazhi_desktop/review/unitview.py; this only shows it and returns the reviewer's choice."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.dates import local_moment
from fazhi_desktop.review.received import STANDING_NAMES, PackageRow
from fazhi_desktop.review.store import ReviewStore
from fazhi_desktop.review.unitview import unit_packages


def read_only_table(headers: list[str], rows: Sequence[Sequence[str]]) -> QTableWidget:
    """A table of text the reviewer reads but does not edit, columns sized to their contents."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(v))
    return table


class PackageChooser(QDialog):
    """Pick one of `unit_name`'s received packages; the current one is selected to begin with."""

    def __init__(self, store: ReviewStore, unit_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("选择上报包"))
        self.resize(760, 320)
        self.packages: list[PackageRow] = sorted(unit_packages(store, unit_name), key=lambda p: -p.sequence)
        intro = QLabel(
            self.tr("为 {unit} 的哪一个上报包签发回执？共收到 {n} 个。").format(
                unit=unit_name, n=len(self.packages)
            )
        )
        intro.setWordWrap(True)
        rows = [
            (
                self.tr("第{n}版").format(n=p.sequence),
                p.package_id,
                local_moment(p.created, seconds=True),
                local_moment(p.imported_at, seconds=True),
                STANDING_NAMES[p.standing],
            )
            for p in self.packages
        ]
        headers = [
            self.tr("版本"),
            self.tr("上报包编号"),
            self.tr("生成于"),
            self.tr("导入于"),
            self.tr("状态"),
        ]
        self.table = read_only_table(headers, rows)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        current = next((r for r, p in enumerate(self.packages) if p.standing == "current"), 0)
        if self.packages:
            self.table.selectRow(current)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("签发回执"))
        ok.setEnabled(bool(self.packages))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)

    def chosen(self) -> PackageRow | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.packages[min(rows)] if rows else None
