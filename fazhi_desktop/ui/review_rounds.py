"""往轮审核: the rounds the bureau has collected, read-only — plan and version, period, when each began and
ended, the units counted and the packages received. The list is app/review.py `past_rounds` (the same as
`review rounds`); this only shows it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from fazhi_desktop.app.review import PastRound, past_rounds
from fazhi_desktop.dates import local_moment
from fazhi_desktop.review.store import ReviewStore
from fazhi_desktop.ui.dialog_parts import wrapped_label
from fazhi_desktop.ui.review_packages import read_only_table


class RoundsDialog(QDialog):
    def __init__(self, store: ReviewStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("往轮审核"))
        self.resize(820, 300)
        self.rounds: list[PastRound] = past_rounds(store)
        intro = wrapped_label(
            self.tr(
                "县司法局历次审核的轮次（先开始的在前）。往轮收到的上报包、审核意见、回执和退回包都已留档；"
                "全县情况、汇总表和通报只计本轮。"
            )
        )
        headers = [
            self.tr("期间"),
            self.tr("计划"),
            self.tr("计划版本"),
            self.tr("开始于"),
            self.tr("结束于"),
            self.tr("计入单位"),
            self.tr("收到上报包"),
        ]
        rows = [
            (
                past.period_label,
                past.plan_id,
                past.plan_version,
                local_moment(past.started_at),
                self.tr("（本轮）") if past.ended_at is None else local_moment(past.ended_at),
                str(past.units_counted),
                str(past.packages_received),
            )
            for past in self.rounds
        ]
        self.table = read_only_table(headers, rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
