"""The per-field length limits (textclean.FIELD_LIMITS) enforced while the clerk types or pastes.

A text box never holds more than its field may store: what goes beyond the limit is cut from the text
just typed or pasted (not from the end of what was already there), and a note beside the box says so.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from fazhi_desktop.textclean import FIELD_LIMITS


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _index_of(text: str, utf16_pos: int) -> int:
    """The Python index of a Qt cursor position (Qt counts UTF-16 units)."""
    return len(text.encode("utf-16-le")[: utf16_pos * 2].decode("utf-16-le", "ignore"))


class TextLimit(QObject):
    """Keeps `box` within the limit of `field`; `note` (a label beside it) tells when text was cut."""

    def __init__(self, box: QPlainTextEdit, field: str, parent: QObject | None = None) -> None:
        super().__init__(parent or box)
        self.box = box
        self.limit = FIELD_LIMITS[field]
        self.note = QLabel()
        self.note.setObjectName("error")
        self.note.setWordWrap(True)
        self.note.hide()
        box.setToolTip(self.tr("最多 {n} 字").format(n=self.limit))

    def check(self) -> bool:
        """After a change: True when the text is within the limit; else it is cut back to the limit
        (which changes the text again) and False is returned."""
        text = self.box.toPlainText()
        excess = len(text) - self.limit
        if excess <= 0:
            if excess < 0:
                self.note.hide()
            return True
        cursor = self.box.textCursor()
        end = _index_of(text, cursor.position())  # the cursor stands after what was just typed or pasted
        start = max(0, end - excess)
        kept = text[:start] + text[start + min(excess, end) :]
        kept = kept[: self.limit]
        self.note.setText(self.tr("最多 {n} 字，已截去超出部分").format(n=self.limit))
        self.note.show()
        self.box.setPlainText(kept)
        cursor = self.box.textCursor()
        cursor.setPosition(_utf16_len(kept[:start]))
        self.box.setTextCursor(cursor)
        return False

    def reset(self) -> None:
        """A new item or period is shown: no note."""
        self.note.hide()
