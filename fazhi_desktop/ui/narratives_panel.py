"""The unit's own words for the period on the overview: 总体情况 and 下一步工作打算, autosaved like an item.

The report prints 总体情况 at the head of its first part and 下一步工作打算 after the rectification
measures (selfcheck/narratives.py); here the clerk writes them, with no save button.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit, QWidget

from fazhi_desktop.selfcheck.narratives import load_narratives, save_narratives
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui.autosave import Autosaver
from fazhi_desktop.ui.error_dialog import show_error
from fazhi_desktop.ui.text_limit import TextLimit

_KEY = "period"  # the autosaver's "item": one pair of texts per period


class NarrativesPanel(QWidget):
    save_state = Signal(str)  # text for the status bar

    def __init__(self, ws: Workspace, parent: QWidget | None = None, *, autosave_ms: int = 600) -> None:
        super().__init__(parent)
        self.ws = ws
        self._loading = False
        self._failed_shown = False
        self.overall = QPlainTextEdit()
        self.overall.setPlaceholderText(
            self.tr("本单位本期法治政府建设工作的总体情况：主要做法、取得的成效（写入自查报告第一部分）")
        )
        self.next_steps = QPlainTextEdit()
        self.next_steps.setPlaceholderText(self.tr("下一步的工作打算和措施（写在自查报告的整改措施之后）"))
        for box in (self.overall, self.next_steps):
            box.setTabChangesFocus(True)
        self.limits = {"overall": TextLimit(self.overall, "overall", self)}
        self.limits["next_steps"] = TextLimit(self.next_steps, "next_steps", self)
        overall_label = QLabel(self.tr("总体情况(&G)："))
        overall_label.setBuddy(self.overall)
        next_label = QLabel(self.tr("下一步工作打算(&X)："))
        next_label.setBuddy(self.next_steps)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(overall_label, 0, 0)
        grid.addWidget(next_label, 0, 1)
        grid.addWidget(self.overall, 1, 0)
        grid.addWidget(self.next_steps, 1, 1)
        grid.addWidget(self.limits["overall"].note, 2, 0)
        grid.addWidget(self.limits["next_steps"].note, 2, 1)
        self.autosaver = Autosaver(self._save, delay_ms=autosave_ms, parent=self)
        self.autosaver.status.connect(self.save_state.emit)
        self.autosaver.saved.connect(lambda *_: setattr(self, "_failed_shown", False))
        self.autosaver.failed.connect(self._failed)
        self.overall.textChanged.connect(lambda: self._edited("overall", self.overall))
        self.next_steps.textChanged.connect(lambda: self._edited("next_steps", self.next_steps))
        self.load()

    def load(self) -> None:
        """Show the current period's texts (after start, a period change, a restore)."""
        self.flush()
        texts = load_narratives(self.ws)
        self._loading = True
        try:
            for box, text in ((self.overall, texts.overall), (self.next_steps, texts.next_steps)):
                if box.toPlainText() != text:
                    box.setPlainText(text)
        finally:
            self._loading = False

    def _edited(self, field: str, box: QPlainTextEdit) -> None:
        if not self._loading and self.limits[field].check():  # else cut back, which comes here again
            self.autosaver.change(_KEY, field, box.toPlainText())

    def _save(self, _key: str, changes: dict):
        return save_narratives(self.ws, **changes)

    def flush(self) -> bool:
        return self.autosaver.flush()

    def _failed(self, exc: BaseException) -> None:
        if not self._failed_shown:
            self._failed_shown = True
            show_error(self, exc, doing=self.tr("保存"))
