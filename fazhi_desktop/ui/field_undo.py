"""Undo within the current item: one stack for every field of the form, combo boxes and dates included.

Typing in one field merges into one step until the next autosave, so Ctrl+Z takes back the last burst
of typing, not one character. The stack is cleared when another item is opened.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand


class FieldTarget(Protocol):
    def apply_field(self, field: str, value: Any) -> None: ...


_FIELD_IDS: dict[str, int] = {}


def _field_id(field: str) -> int:
    return _FIELD_IDS.setdefault(field, len(_FIELD_IDS) + 1)


class FieldChange(QUndoCommand):
    """One field going from `old` to `new`; the edit itself already happened when it is pushed."""

    def __init__(self, target: FieldTarget, field: str, old: Any, new: Any, label: str) -> None:
        super().__init__(label)
        self.target, self.field, self.old, self.new = target, field, old, new
        self.sealed = False  # set at each autosave: later typing starts a new step
        self._first = True

    def id(self) -> int:
        return _field_id(self.field)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldChange) or other.field != self.field or self.sealed:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if self._first:  # pushed after the widget already shows the new value
            self._first = False
            return
        self.target.apply_field(self.field, self.new)

    def undo(self) -> None:
        self.target.apply_field(self.field, self.old)
