"""The 参与 / 不参与 choice of an optional (有关部门) item: three states, one click for either answer.

A check box cannot say "not decided yet" and "decided: 不参与" apart, and made opting out take two
clicks; two radio buttons with neither selected until the clerk decides say exactly what is recorded.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QWidget


class OptInChoice(QWidget):
    chosen = Signal(bool)  # the clerk picked 参与 (True) or 不参与 (False)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self.tr("可选事项，本单位是否参与："))
        self.yes = QRadioButton(self.tr("参与（需要填写，计入进度）"))
        self.no = QRadioButton(self.tr("不参与（不计入进度）"))
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no):
            self.group.addButton(button)
        self.yes.clicked.connect(lambda: self.chosen.emit(True))
        self.no.clicked.connect(lambda: self.chosen.emit(False))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.yes)
        row.addWidget(self.no)
        row.addStretch(1)

    def set_kind(self, kind: str) -> None:
        """Word the question for the item: 加分项 ask 有无, 减分项 是否发生, the others 是否参与."""
        if kind == "bonus":
            texts = (
                self.tr("本单位本期有无此项加分情况："),
                self.tr("有（填写取得的成绩，附佐证材料）"),
                self.tr("无"),
            )
        elif kind == "deduction":
            texts = (
                self.tr("本单位本期是否发生此情况："),
                self.tr("已发生（填写发生的情况和整改措施）"),
                self.tr("未发生"),
            )
        else:
            texts = (
                self.tr("可选事项，本单位是否参与："),
                self.tr("参与（需要填写，计入进度）"),
                self.tr("不参与（不计入进度）"),
            )
        for widget, text in zip((self.label, self.yes, self.no), texts, strict=True):
            widget.setText(text)

    def set_value(self, opted_in: bool | None) -> None:
        """Show the recorded choice without emitting `chosen`; None shows neither button selected."""
        self.group.setExclusive(False)  # an exclusive group cannot show "nothing selected"
        self.yes.setChecked(opted_in is True)
        self.no.setChecked(opted_in is False)
        self.group.setExclusive(True)

    def value(self) -> bool | None:
        return True if self.yes.isChecked() else False if self.no.isChecked() else None
