"""Work-arounds for bugs in the PySide6 release in use, each detected at run time, not assumed.

PySide6 6.12.0: `SignalInstance.emit()` returns `True` without taking a reference to it, so every
signal emitted from Python lowers the reference count of `True` by one. After a few thousand emits
(an afternoon of typing with autosave) Python deallocates `True` and the process aborts with
"Fatal Python error: bool_dealloc". 6.11 does not have the bug. When the probe below sees the count
drop, `emit` is wrapped to take the missing reference; on a fixed release nothing is patched.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

log = logging.getLogger(__name__)

_PROBES = 16
_installed = False


class _Probe(QObject):
    ping = Signal()


def emit_leaks_true() -> bool:
    """True when emitting a signal from Python loses a reference to `True` (and repays the probe's loss)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(lost, 0)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= _PROBES


def install() -> bool:
    """Apply the work-arounds this PySide6 needs; returns whether the emit fix was applied."""
    global _installed
    if _installed:
        return True
    if not emit_leaks_true():
        return False
    original = SignalInstance.emit

    def emit(self, *args):  # type: ignore[no-untyped-def]
        result = original(self, *args)
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))  # the reference PySide forgot to take
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
    _installed = True
    log.info("PySide6 signal emit reference fix applied")
    return True
