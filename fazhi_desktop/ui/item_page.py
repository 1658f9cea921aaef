"""The page of one item: its full text and units, the opt-in switch, what it still lacks, the form,
its evidence, and 上一项 / 下一项 / 下一个未完成 (and 下一个退回项 while a 退回包 is open).

Edits are written as the clerk types (debounced, see autosave.py); the page flushes on item switch,
and the window flushes on close, so nothing is ever lost and there is no save button.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.catalogue.assign import Assignment
from fazhi_desktop.errors import FazhiError
from fazhi_desktop.selfcheck.assessments import choice_of, get_assessment, save_assessment, set_choice
from fazhi_desktop.selfcheck.progress import (
    DONE_STATES,
    STATE_NA,
    STATE_OUT,
    assess_item,
    evidence_counts,
)
from fazhi_desktop.selfcheck.returns import returned_items
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui.assessment_form import AssessmentForm
from fazhi_desktop.ui.autosave import Autosaver
from fazhi_desktop.ui.error_dialog import show_error
from fazhi_desktop.ui.evidence_panel import EvidencePanel
from fazhi_desktop.ui.icons import state_icon
from fazhi_desktop.ui.item_tree_model import chinese_numeral
from fazhi_desktop.ui.opt_in_choice import OptInChoice
from fazhi_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def _line() -> QFrame:
    f = QFrame()
    f.setFrameShape(QFrame.Shape.HLine)
    f.setFrameShadow(QFrame.Shadow.Sunken)
    return f


class ItemPage(QWidget):
    item_updated = Signal(str)  # state, evidence count or opt-in of this item may have changed
    save_state = Signal(str)  # text for the status bar
    prev_requested = Signal()
    next_requested = Signal()
    next_incomplete_requested = Signal()
    next_returned_requested = Signal()

    def __init__(
        self, ws: Workspace, runner: TaskRunner, parent: QWidget | None = None, *, autosave_ms: int = 600
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.item_id: str | None = None
        self.assignment: Assignment | None = None
        self._failed_shown = False

        self.path_label = QLabel()
        self.path_label.setObjectName("hint")
        self.path_label.setWordWrap(True)
        self.title_label = QLabel()
        self.title_label.setObjectName("itemTitle")
        self.title_label.setWordWrap(True)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setObjectName("itemText")
        self.units_label = QLabel()
        self.units_label.setWordWrap(True)
        self.units_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.return_label = QLabel()
        self.return_label.setWordWrap(True)
        self.return_label.setObjectName("returnNote")
        self.return_label.setStyleSheet(
            "QLabel#returnNote { background: #FBE3E1; color: #7A1B14; border: 1px solid #E5A39D;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.return_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.return_label.hide()
        self.opt_in = OptInChoice()
        self.opt_in.chosen.connect(self._opt_in_toggled)
        self.missing_icon = QLabel()
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setObjectName("missing")
        missing_row = QHBoxLayout()
        missing_row.addWidget(self.missing_icon, 0, Qt.AlignmentFlag.AlignTop)
        missing_row.addWidget(self.missing_label, 1)
        self.missing_box = QFrame()
        self.missing_box.setObjectName("missingBox")
        self.missing_box.setLayout(missing_row)

        self.form = AssessmentForm()
        self.form.edited.connect(self._edited)
        self.evidence = EvidencePanel(ws, runner)
        self.evidence.changed.connect(self._evidence_changed)

        # Form above, evidence below, with a splitter between: at 1366×768 both are on screen and
        # 添加文件 never scrolls out of sight; the form's text boxes give up height first.
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.path_label)
        col.addWidget(self.title_label)
        col.addWidget(self.text_label)
        col.addWidget(self.units_label)
        col.addWidget(self.return_label)
        col.addWidget(self.opt_in)
        col.addWidget(self.missing_box)
        col.addWidget(_line())
        col.addWidget(self.form, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.scroll = scroll
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("itemSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.evidence)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        line = self.fontMetrics().lineSpacing()
        self.splitter.setSizes([line * 26, line * 7])

        self.prev_btn = QPushButton(self.tr("上一项"))
        self.next_btn = QPushButton(self.tr("下一项"))
        self.next_open_btn = QPushButton(self.tr("下一个未完成"))
        self.prev_btn.setToolTip(self.tr("上一项（Ctrl+PgUp）"))
        self.next_btn.setToolTip(self.tr("下一项（Ctrl+PgDown）"))
        self.next_open_btn.setToolTip(self.tr("跳到下一个还没填完的事项（F8）"))
        self.prev_btn.clicked.connect(self.prev_requested)
        self.next_btn.clicked.connect(self.next_requested)
        self.next_open_btn.clicked.connect(self.next_incomplete_requested)
        self.next_returned_btn = QPushButton(self.tr("下一个退回项"))
        self.next_returned_btn.setToolTip(self.tr("跳到下一个县司法局退回修改、还没有改过的事项（Shift+F8）"))
        self.next_returned_btn.clicked.connect(self.next_returned_requested)
        self.next_returned_btn.setVisible(False)  # while the period has an open 退回包 (show_item)
        nav = QHBoxLayout()
        nav.addWidget(self.prev_btn)
        nav.addWidget(self.next_btn)
        nav.addStretch(1)
        nav.addWidget(self.next_returned_btn)
        nav.addWidget(self.next_open_btn)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(nav)

        self.autosaver = Autosaver(self._save, delay_ms=autosave_ms, parent=self)
        self.autosaver.status.connect(self.save_state.emit)
        self.autosaver.saved.connect(self._saved)
        self.autosaver.failed.connect(self._save_failed)

    # --- showing an item ----------------------------------------------------------------------
    def show_item(self, item_id: str) -> None:
        """Flush the previous item's edits, then show `item_id` with a fresh undo history."""
        self.flush()
        a = self.ws.assignment(item_id)
        self.item_id, self.assignment = a.item.id, a
        item = a.item
        self.path_label.setText(self._path(a))
        role = self.tr("本单位角色：{role}").format(role=a.role)
        if a.via and a.via not in self.ws.unit.names:
            role += self.tr("（因“{via}”列入）").format(via=a.via)
        number = item.label or f"第 {item.number} 项"  # the document's own numbering where the plan keeps it
        self.title_label.setText(f"{item.id}　{item.kind_name}{number}　·　{role}")
        self.text_label.setText(item.text)
        units = []
        if item.lead:
            units.append(self.tr("牵头单位：{names}").format(names="、".join(item.lead)))
        if item.responsible:
            units.append(self.tr("责任单位：{names}").format(names="、".join(item.responsible)))
        if item.cooperating:
            units.append(self.tr("配合单位：{names}").format(names="、".join(item.cooperating)))
        # What a format-2 plan adds to an item: 完成时限, 分值 with its 评分标准, the evidence expected.
        if item.deadline:
            units.append(self.tr("完成时限：{d}").format(d=item.deadline))
        if item.points is not None:
            units.append(self.tr("分值：{p} 分").format(p=f"{item.points:g}"))
        extra = []
        if item.criteria:
            extra.append(self.tr("评分标准：{c}").format(c=item.criteria))
        if item.evidence_required:
            extra.append(self.tr("佐证材料要求：{e}").format(e="；".join(item.evidence_required)))
        self.units_label.setText("　".join(units) + ("\n" + "\n".join(extra) if extra else ""))
        self.units_label.setVisible(bool(units or extra))
        returned = returned_items(self.ws.db, self.ws.period.id)
        comment = returned.get(item.id)
        self.next_returned_btn.setVisible(bool(returned))
        self.return_label.setText(
            self.tr("县司法局退回修改：{comment}\n请按意见修改后重新生成上报包。").format(comment=comment)
        )
        self.return_label.setVisible(comment is not None)
        assessment = get_assessment(self.ws, item.id)
        self.opt_in.setVisible(a.optional)
        self.opt_in.set_kind(item.kind)
        choice = choice_of(item.kind, assessment.opted_in, assessment.result)
        self.opt_in.set_value(choice)
        self.form.deadline.period_year = self.ws.period.year
        self.form.load(assessment, item.kind, item.points)
        self.evidence.set_item(item.id)
        self._update_enabled(choice)
        self.refresh_status()
        self.scroll.verticalScrollBar().setValue(0)

    def _path(self, a: Assignment) -> str:
        item = a.item
        if a.optional and item.kind in ("task", "indicator"):
            head = self.tr("有关部门事项（可选）")
        elif item.kind == "task":
            head = self.tr("工作计划任务")
        elif item.kind == "indicator":
            head = self.tr("示范创建指标")
        else:
            return self.tr("加分项与减分项（可选）") + " › " + item.group_title
        parts = [head, f"{chinese_numeral(item.group_number)}、{item.group_title}"]
        if item.heading_title:
            parts.append(f"{item.heading_number}. {item.heading_title}")
        return " › ".join(parts)

    def _update_enabled(self, opted_in: bool | None) -> None:
        enabled = not (self.assignment and self.assignment.optional) or bool(opted_in)
        self.form.setEnabled(enabled)
        self.evidence.setEnabled(enabled)

    def refresh_status(self) -> None:
        """Recompute what this item still lacks (after a save, an evidence change, an opt-in)."""
        if self.item_id is None or self.assignment is None:
            return
        a = get_assessment(self.ws, self.item_id)
        count = evidence_counts(self.ws, self.ws.period.id).get(self.item_id, 0)
        state, missing = assess_item(a, self.assignment, count)
        kind = self.assignment.item.kind
        absent = kind in ("bonus", "deduction") and choice_of(kind, a.opted_in, a.result) is False
        if absent and kind == "bonus":
            text = self.tr("本单位本期无此项加分情况。")
        elif absent:
            text = self.tr("本单位本期未发生此情况。")
        elif state == STATE_NA:
            text = self.tr("本项已填完（不适用）。")
        elif state in DONE_STATES:
            text = self.tr("本项已填完。")
        elif state == STATE_OUT:
            text = self.tr("本单位不参与此项，不计入进度。")
        else:
            text = self.tr("还需要：") + "；".join(missing) + "。"
        size = self.missing_label.fontMetrics().height()
        self.missing_icon.setPixmap(state_icon(state).pixmap(size, size))
        self.missing_label.setText(text)
        self.missing_box.setProperty("state", "done" if state in DONE_STATES or absent else "open")
        self.missing_box.style().polish(self.missing_box)

    # --- saving ---------------------------------------------------------------------------------
    def _edited(self, field: str, value) -> None:
        if self.item_id is not None:
            self.autosaver.change(self.item_id, field, value)

    def _save(self, item_id: str, changes: dict):
        return save_assessment(self.ws, item_id, strict=False, **changes)

    def flush(self) -> bool:
        """Write pending edits now (item switch, close); False when the write failed."""
        if self.item_id is not None:
            self.form.deadline.commit()  # a date typed but not yet confirmed with Enter
        return self.autosaver.flush()

    def _saved(self, item_id: str, _assessment) -> None:
        self._failed_shown = False
        self.form.seal_undo_step()
        if item_id == self.item_id:
            self.refresh_status()
        self.item_updated.emit(item_id)

    def _save_failed(self, exc: BaseException) -> None:
        if not self._failed_shown:  # one dialog per failure streak, not one per keystroke
            self._failed_shown = True
            show_error(self, exc, doing=self.tr("保存"))

    # --- opt-in and evidence --------------------------------------------------------------------
    def _opt_in_toggled(self, on: bool) -> None:
        if self.item_id is None:
            return
        self.flush()  # typed text first: the form is shown again from the database below
        try:
            set_choice(self.ws, self.item_id, on)
        except FazhiError as exc:
            show_error(self, exc)
            return
        self._update_enabled(on)
        self._reload_adjustment()
        self.refresh_status()
        self.item_updated.emit(self.item_id)

    def _reload_adjustment(self) -> None:
        """The 有无 / 是否发生 answer of a 加分项/减分项 also sets its result: show the stored answer."""
        a = self.assignment
        if self.item_id is not None and a is not None and a.item.kind in ("bonus", "deduction"):
            self.form.load(get_assessment(self.ws, self.item_id), a.item.kind)

    def opt_in_changed_elsewhere(self, item_id: str, on: bool) -> None:
        """The tree's check box changed this item's opt-in."""
        if item_id == self.item_id:
            self.opt_in.set_value(on)
            self._update_enabled(on)
            self._reload_adjustment()
            self.refresh_status()

    def _evidence_changed(self, item_id: str) -> None:
        if item_id == self.item_id:
            self.refresh_status()
        self.item_updated.emit(item_id)
