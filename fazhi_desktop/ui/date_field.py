"""A date box that can be typed into: empty means "not set", and `2021-09-30`, `2021.9.30`,
`2021/9/30`, `20210930` or `2021年9月30日` all work, through the same parser as the command line
(`fazhi_desktop.dates.parse_user_date`). A calendar button opens at the date shown, else today (or
the same day in the reporting period's year when the period is another year).

A text that is no date is never saved: the field says so in red beneath it, and the last good value
stays recorded until the text is fixed or cleared.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.dates import format_cn_date, parse_user_date
from fazhi_desktop.errors import BadDate


def calendar_start(value: dt.date | None, period_year: int | None, today: dt.date) -> dt.date:
    """Where the calendar opens: the date set, else today, else (another period's year) that day then."""
    if value is not None:
        return value
    if period_year is None or period_year == today.year:
        return today
    month_days = QDate(period_year, today.month, 1).daysInMonth()
    return dt.date(period_year, today.month, min(today.day, month_days))


class DateField(QWidget):
    """`changed(iso or None)` when the clerk typed or picked a valid date or cleared the box."""

    changed = Signal(object)

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what  # the field's name in error messages, e.g. 整改时限
        self.period_year: int | None = None
        self._value: dt.date | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("未设定（如 2021-09-30）"))
        self.edit.setToolTip(self.tr("可输入 2021-09-30、2021.9.30、2021/9/30、20210930 或 2021年9月30日"))
        self.edit.setClearButtonEnabled(True)
        em = self.edit.fontMetrics().averageCharWidth()
        self.edit.setMinimumWidth(em * 24)  # the placeholder fits
        self.edit.setMaximumWidth(em * 30)
        self.calendar_btn = QToolButton()
        self.calendar_btn.setText(self.tr("日历…"))
        self.calendar_btn.setToolTip(self.tr("从日历中选择（也可按 Alt+↓）"))
        self.calendar_btn.clicked.connect(self.open_calendar)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.popup: QCalendarWidget | None = None
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.calendar_btn)
        row.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addLayout(row)
        col.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.installEventFilter(self)

    # --- value ----------------------------------------------------------------------------------
    def value(self) -> str | None:
        """The date recorded (ISO), not necessarily the text shown while it is being typed."""
        return self._value.isoformat() if self._value else None

    def set_value(self, iso: str | None) -> None:
        """Show a stored value without announcing it."""
        self._value = dt.date.fromisoformat(iso) if iso else None
        self.edit.setText(format_cn_date(self._value) if self._value else "")
        self._show_error("")

    @property
    def invalid(self) -> bool:
        """The text shown is no date (and so was not saved)."""
        return bool(self.error.text())

    # --- typing -------------------------------------------------------------------------------
    def _parse(self, text: str) -> tuple[dt.date | None, str]:
        if not text.strip():
            return None, ""
        try:
            return parse_user_date(text, self.what), ""
        except BadDate as exc:
            return None, exc.message

    def _typed(self, text: str) -> None:
        # Nothing is taken while typing: "2021-9-3" on the way to "2021-9-30" is a real date too.
        # A fixed text clears the old message at once; the date is taken on Enter, on leaving the
        # box, or when the page saves (commit).
        if self.error.text() and not self._parse(text)[1]:
            self._show_error("")

    def commit(self) -> None:
        """Take the text shown (Enter, leaving the box, the page flushing before a switch or close)."""
        self._finished()

    def _finished(self) -> None:
        text = self.edit.text()
        day, problem = self._parse(text)
        if problem:
            self._show_error(self.tr("未保存：{problem}").format(problem=problem))
            return
        self._show_error("")
        self._set(day)
        if day is not None:
            self.edit.setText(format_cn_date(day))

    def _set(self, day: dt.date | None) -> None:
        if day != self._value:
            self._value = day
            self.changed.emit(self.value())

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # --- calendar -----------------------------------------------------------------------------
    def open_calendar(self) -> None:
        day, _ = self._parse(self.edit.text())
        start = calendar_start(day or self._value, self.period_year, dt.date.today())
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setGridVisible(True)
        popup.setSelectedDate(QDate(start.year, start.month, start.day))
        popup.clicked.connect(lambda d: self._picked(popup, d))
        popup.activated.connect(lambda d: self._picked(popup, d))
        popup.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.popup = popup
        popup.show()
        popup.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, popup: QCalendarWidget, d: QDate) -> None:
        popup.close()
        self.popup = None
        day = dt.date(d.year(), d.month(), d.day())
        self.edit.setText(format_cn_date(day))
        self._show_error("")
        self._set(day)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(obj, event)
