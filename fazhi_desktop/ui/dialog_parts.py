"""Pieces the dialogs and wizard pages are built from: wrapped text, passphrase fields, the action and
Cancel buttons, and a vertical stack of widgets and layouts."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget


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
