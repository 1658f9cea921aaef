"""Pieces the dialogs and wizard pages are built from: wrapped text, passphrase fields, the action and
Cancel buttons, a vertical stack of widgets and layouts, and a plan id-or-file field."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def wrapped_label(text: str = "", *, object_name: str = "") -> QLabel:
    """A label whose text wraps (an introduction, a status or problem line); `object_name` picks its style
    in style.py (`error`, `missing`)."""
    label = QLabel(text)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


def passphrase_field(placeholder: str = "") -> QLineEdit:
    """A line edit that hides what is typed."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    if placeholder:
        field.setPlaceholderText(placeholder)
    return field


def action_buttons(action: str) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """A dialog's button box: `action` (the accept role, not wired to accept) and Cancel; (box, action, cancel)."""
    box = QDialogButtonBox()
    go = box.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QDialogButtonBox.StandardButton.Cancel)
    return box, go, cancel


def stacked(parent: QWidget, *parts: QWidget | QLayout) -> QVBoxLayout:
    """`parent`'s vertical layout, holding `parts` (widgets and layouts) from top to bottom."""
    layout = QVBoxLayout(parent)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    return layout


class PlanField(QWidget):
    """A plan: its id typed, or a plan file chosen with 选择计划文件… beside it (the bureau's first round
    and 开始新一轮…; the use cases take either, see review/bureau.py round_plan)."""

    def __init__(self, text: str = "", placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(text)
        self.edit.setPlaceholderText(placeholder)
        browse = QPushButton(self.tr("选择计划文件(&F)…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(browse)
        self.setFocusProxy(self.edit)  # the form's label mnemonic lands in the text

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择计划文件"), "", self.tr("计划文件 (*.xlsx *.json *.signed)")
        )
        if path:
            self.edit.setText(path)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 (as QLineEdit's)
        self.edit.setText(text)
