"""Autosave: edits are collected for a moment (debounced) and then written; nothing asks to be saved.

The writes are tiny (one row and its history), so they run on the UI thread. A failed write keeps the
changes pending and says so; the next edit, item switch or close tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

DEFAULT_DELAY_MS = 600

IDLE, DIRTY, SAVED, FAILED = "idle", "dirty", "saved", "failed"


class Autosaver(QObject):
    """Collects `change(item_id, field, value)` calls and writes them through `save(item_id, changes)`."""

    state_changed = Signal(str)  # IDLE / DIRTY / SAVED / FAILED
    saved = Signal(str, object)  # item id, whatever `save` returned (the new Assessment)
    failed = Signal(object)  # the exception
    status = Signal(str)  # the state in words, for the status bar

    def __init__(
        self,
        save: Callable[[str, dict[str, Any]], Any],
        *,
        delay_ms: int = DEFAULT_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._item_id: str | None = None
        self._pending: dict[str, Any] = {}
        self.state = IDLE
        self.saved_at: dt.datetime | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> dict[str, Any]:
        return dict(self._pending)

    def change(self, item_id: str, field: str, value: Any) -> None:
        """Remember a new value; it is written after the delay, unless more typing follows."""
        if self._item_id is not None and item_id != self._item_id and self._pending:
            self.flush()
        self._item_id = item_id
        self._pending[field] = value
        self._set_state(DIRTY)
        self._timer.start()

    def flush(self) -> bool:
        """Write whatever is pending now; True when nothing is left unsaved."""
        self._timer.stop()
        if not self._pending or self._item_id is None:
            return True
        item_id, changes = self._item_id, dict(self._pending)
        try:
            result = self._save(item_id, changes)
        except Exception as exc:  # noqa: BLE001 - shown to the user by the window, logged there
            self._set_state(FAILED)
            self.failed.emit(exc)
            return False
        # Only what was written is cleared: an edit arriving during the save stays pending.
        for f, v in changes.items():
            if self._pending.get(f, object()) == v:
                del self._pending[f]
        self.saved_at = dt.datetime.now()
        self._set_state(SAVED if not self._pending else DIRTY)
        self.saved.emit(item_id, result)
        return not self._pending

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)
        if state == DIRTY:
            self.status.emit(self.tr("正在保存…"))
        elif state == SAVED and self.saved_at is not None:
            self.status.emit(self.tr("已保存 {time}").format(time=self.saved_at.strftime("%H:%M:%S")))
        elif state == FAILED:
            self.status.emit(self.tr("未能保存，稍后将重试"))
