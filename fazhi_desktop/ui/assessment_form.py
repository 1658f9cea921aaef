"""The assessment form of one item: work status, result, the three narratives, deadline, person.

It only collects values: every user edit (and every undo/redo) is announced with `edited(field, value)`
and the window's autosaver writes it. `load()` fills the form without announcing anything.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from fazhi_desktop.selfcheck.assessments import FIELD_LABELS as _FIELD_LABELS
from fazhi_desktop.selfcheck.assessments import NOT_APPLICABLE, RESULTS, WORK_STATUSES, Assessment
from fazhi_desktop.textclean import FIELD_LIMITS
from fazhi_desktop.ui.date_field import DateField
from fazhi_desktop.ui.field_undo import FieldChange
from fazhi_desktop.ui.text_limit import TextLimit

_TEXT_FIELDS = ("narrative", "problems", "measures")


class _UndoKeysToWindow(QObject):
    """Text widgets keep Ctrl+Z/Ctrl+Y for themselves; send them to the item's undo stack instead."""

    def __init__(self, stack: QUndoStack, parent: QObject) -> None:
        super().__init__(parent)
        self._stack = stack

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            if event.matches(QKeySequence.StandardKey.Undo):
                if event.type() == QEvent.Type.KeyPress:
                    self._stack.undo()
                event.accept()
                return event.type() == QEvent.Type.KeyPress
            if event.matches(QKeySequence.StandardKey.Redo):
                if event.type() == QEvent.Type.KeyPress:
                    self._stack.redo()
                event.accept()
                return event.type() == QEvent.Type.KeyPress
        return False


class _LinesTextEdit(QPlainTextEdit):
    """A text box sized in lines of the current font (not pixels, so it follows the DPI setting).

    It asks for only `least` lines and grows (Expanding) into whatever height the page has: the item
    page's scroll area lays its content out at the preferred height (its labels wrap, so it asks for
    height-for-width), and a bigger preferred height would push the page into scrolling on 1366×768.
    Longer text scrolls inside the box."""

    def __init__(self, least: int) -> None:
        super().__init__()
        self._least = least
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def _height(self, lines: int) -> int:
        margins = self.contentsMargins()
        return (
            self.fontMetrics().lineSpacing() * lines
            + margins.top()
            + margins.bottom()
            + int(self.document().documentMargin() * 2)
            + self.frameWidth() * 2
        )

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height(self._least))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height(self._least))


class AssessmentForm(QWidget):
    edited = Signal(str, object)  # field, new value (None = cleared)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._values: dict[str, Any] = {}
        self._loading = False
        self._kind = "task"
        self.limits: dict[str, TextLimit] = {}

        self.work_status = QComboBox()
        self.work_status.addItems(list(WORK_STATUSES))
        self.result = QComboBox()
        self.na_reason = QLineEdit()
        self.na_reason.setPlaceholderText(self.tr("选择“不适用”时必须说明理由"))
        self.narrative = self._text_box(self.tr("本单位做了哪些工作、取得了什么成效（可分条填写）"), 3)
        self.problems = self._text_box(self.tr("还存在哪些问题和不足；没有可填“无”"), 2)
        self.measures = self._text_box(self.tr("针对存在问题的整改措施"), 2)
        for name in _TEXT_FIELDS:
            self.limits[name] = TextLimit(getattr(self, name), name, self)
        self.na_reason.setMaxLength(FIELD_LIMITS["na_reason"])
        self.deadline = DateField(self.tr("整改时限"))
        self.responsible_person = QLineEdit()
        self.responsible_person.setPlaceholderText(self.tr("负责本项整改的人员姓名"))
        self.responsible_person.setMaxLength(FIELD_LIMITS["responsible_person"])
        # 自评分: only for an item the plan gives points; the spin box keeps it to 0 … 分值 in half points,
        # and its lowest step (shown as 未评分) means no score yet.
        self.self_score = QDoubleSpinBox()
        self.self_score.setDecimals(1)
        self.self_score.setSingleStep(0.5)
        self.self_score.setSpecialValueText(self.tr("未评分"))
        self.score_note = QLineEdit()
        self.score_note.setPlaceholderText(self.tr("自评分低于分值时，说明扣分的原因"))
        self._points = QLabel()

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(0, 0, 0, 0)
        status_row.addWidget(self.work_status)
        self._result_label = QLabel(self.tr("自评结果(&R)："))
        self._result_label.setBuddy(self.result)
        status_row.addSpacing(self.fontMetrics().horizontalAdvance("  "))
        status_row.addWidget(self._result_label)
        status_row.addWidget(self.result)
        status_row.addStretch(1)
        self._status_label = self._row(form, self.tr("工作状态(&S)："), status_row, self.work_status)
        self._na_label = self._row(form, self.tr("不适用理由："), self.na_reason)
        self._narrative_label = self._row(form, self.tr("工作开展情况(&W)："), self.narrative)
        form.addRow(self.limits["narrative"].note)
        self._row(form, self.tr("存在问题(&P)："), self.problems)
        form.addRow(self.limits["problems"].note)
        self._row(form, self.tr("整改措施(&M)："), self.measures)
        form.addRow(self.limits["measures"].note)
        self._row(form, self.tr("整改时限(&D)："), self.deadline, self.deadline.edit)
        self._row(form, self.tr("责任人(&U)："), self.responsible_person)
        score_row = QHBoxLayout()
        score_row.setContentsMargins(0, 0, 0, 0)
        score_row.addWidget(self.self_score)
        score_row.addWidget(self._points)
        score_row.addStretch(1)
        self._score_label = self._row(form, self.tr("自评分(&G)："), score_row, self.self_score)
        self._note_label = self._row(form, self.tr("扣分说明："), self.score_note)

        self.work_status.currentTextChanged.connect(lambda v: self._user_edit("work_status", v))
        self.result.currentIndexChanged.connect(
            lambda _i: self._user_edit("result", self.result.currentData())
        )
        self.na_reason.textEdited.connect(lambda v: self._user_edit("na_reason", v))
        self.responsible_person.textEdited.connect(lambda v: self._user_edit("responsible_person", v))
        self.score_note.textEdited.connect(lambda v: self._user_edit("score_note", v))
        self.self_score.valueChanged.connect(lambda v: self._user_edit("self_score", self._score_value(v)))
        for name in _TEXT_FIELDS:
            box: QPlainTextEdit = getattr(self, name)
            box.textChanged.connect(lambda n=name, b=box: self._text_changed(n, b))
        self.deadline.changed.connect(lambda v: self._user_edit("deadline", v))
        keys = _UndoKeysToWindow(self.undo_stack, self)
        for w in (
            self.na_reason,
            self.responsible_person,
            self.narrative,
            self.problems,
            self.measures,
            self.deadline.edit,
        ):
            w.installEventFilter(keys)

    # --- building ---------------------------------------------------------------------------
    def _text_box(self, placeholder: str, least: int) -> QPlainTextEdit:
        box = _LinesTextEdit(least)
        box.setPlaceholderText(placeholder)
        box.setTabChangesFocus(True)  # Tab moves on, as in any form; a clerk never wants a tab character
        box.setUndoRedoEnabled(False)  # the item's undo stack does it (see _UndoKeysToWindow)
        return box

    def _row(self, form: QFormLayout, text: str, field, buddy: QWidget | None = None) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy or field)
        form.addRow(label, field)
        return label

    # --- loading ------------------------------------------------------------------------------
    def _score_value(self, v: float) -> float | None:
        return None if v < 0 else v

    def load(self, a: Assessment, kind: str, points: float | None = None) -> None:
        """Show `a` (an item of `kind`, with 分值 `points` or none) and start a fresh undo history."""
        self._loading = True
        try:
            self._kind = kind
            scored = points is not None
            for w in (self.self_score, self._points, self._score_label, self.score_note, self._note_label):
                w.setVisible(scored)
            if points is not None:
                self.self_score.setRange(-0.5, points)
                self._points.setText(self.tr("分值 {p} 分").format(p=f"{points:g}"))
            self.result.clear()
            self.result.addItem(self.tr("（请选择）"), None)
            for r in RESULTS[kind]:
                self.result.addItem(r, r)
            self._values = {
                "work_status": a.work_status,
                "result": a.result,
                "na_reason": a.na_reason,
                "narrative": a.narrative,
                "problems": a.problems,
                "measures": a.measures,
                "deadline": a.deadline,
                "responsible_person": a.responsible_person,
                **({"self_score": a.self_score, "score_note": a.score_note} if scored else {}),
            }
            for field, value in self._values.items():
                self._show(field, value)
            for limit in self.limits.values():
                limit.reset()
            show_status = kind in ("task", "indicator")
            self.work_status.setVisible(show_status)
            # 加分项/减分项: the 有无 / 是否发生 choice above the form is their answer (it sets the
            # result), so neither a work status nor a result box is asked; the text says what it holds.
            self.result.setVisible(show_status)
            self._result_label.setVisible(show_status)
            self._status_label.setVisible(show_status)
            title, hint = self._narrative_words(kind)
            self._narrative_label.setText(title)
            self.narrative.setPlaceholderText(hint)
            self._update_na()
        finally:
            self._loading = False
        self.undo_stack.clear()

    def _narrative_words(self, kind: str) -> tuple[str, str]:
        """The narrative box's label and its placeholder hint, for an item of `kind`."""
        if kind == "bonus":
            return (
                self.tr("取得的成绩(&W)："),
                self.tr("获得的表彰、奖励或被推广的经验：名称、授予或推广的单位、时间"),
            )
        if kind == "deduction":
            return self.tr("发生的情况(&W)："), self.tr("发生了什么、何时发生、造成的影响和已经采取的措施")
        return self.tr("工作开展情况(&W)："), self.tr("本单位做了哪些工作、取得了什么成效（可分条填写）")

    def values(self) -> dict[str, Any]:
        return dict(self._values)

    # --- edits ----------------------------------------------------------------------------------
    def _text_changed(self, field: str, box: QPlainTextEdit) -> None:
        if self._loading or self.limits[field].check():  # else cut back, which comes here again
            self._user_edit(field, box.toPlainText())

    def _user_edit(self, field: str, value: Any) -> None:
        if self._loading:
            return
        old = self._values.get(field)
        if old == value:
            return
        self._values[field] = value
        if field == "result":
            self._update_na()
        self.undo_stack.push(FieldChange(self, field, old, value, _FIELD_LABELS.get(field, field)))
        self.edited.emit(field, value)

    def seal_undo_step(self) -> None:
        """Called at each autosave: further typing becomes a new undo step."""
        n = self.undo_stack.index()
        if n > 0:
            cmd = self.undo_stack.command(n - 1)
            if isinstance(cmd, FieldChange):
                cmd.sealed = True

    def apply_field(self, field: str, value: Any) -> None:
        """Set a field from undo/redo: shown, remembered and announced for saving."""
        self._loading = True
        try:
            self._show(field, value)
        finally:
            self._loading = False
        self._values[field] = value
        if field == "result":
            self._update_na()
        self.edited.emit(field, value)

    def _show(self, field: str, value: Any) -> None:
        if field == "work_status":
            self.work_status.setCurrentText(value or WORK_STATUSES[0])
        elif field == "result":
            i = self.result.findData(value)
            self.result.setCurrentIndex(max(i, 0))
        elif field == "deadline":
            self.deadline.set_value(value)
        elif field == "self_score":
            self.self_score.setValue(-0.5 if value is None else float(value))
        elif field in _TEXT_FIELDS:
            box: QPlainTextEdit = getattr(self, field)
            if box.toPlainText() != (value or ""):
                box.setPlainText(value or "")
                box.moveCursor(box.textCursor().MoveOperation.End)
        else:
            edit: QLineEdit = getattr(self, field)
            if edit.text() != (value or ""):
                edit.setText(value or "")

    def _update_na(self) -> None:
        na = self._values.get("result") == NOT_APPLICABLE or bool(
            (self._values.get("na_reason") or "").strip()
        )
        self.na_reason.setVisible(na)
        self._na_label.setVisible(na)
