"""Progress and cancellation for every long job (hashing, export, verification, import): plain callables.

One vocabulary for the whole program, no Qt:
- `Cancel`: a zero-argument predicate returning True, or a `threading.Event`, or None; checked between
  blocks. `cancel_fn` turns any of them into a predicate.
- `ByteProgress`: `progress(done_bytes, total_bytes)` — the evidence store, doctor, the window's task bar.
- `PhaseProgress`: `progress(done_bytes, total_bytes, phase)` — jobs with phases (package: 写入, 校验).
- `Detail`: `detail(Step)` — files as well as bytes, for a status line ("写入 12/45 个文件，1.2/3.3 MB").
Callbacks are called after every block, in the worker thread (the GUI side throttles repaints).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

PHASE_WRITE = "写入"
PHASE_VERIFY = "校验"


@dataclass(frozen=True)
class Step:
    """Where a job stands: its phase, files and bytes done out of their totals, the current file."""

    phase: str
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    current: str = ""  # path inside the bag of the file being written or checked ("" between files)


ByteProgress = Callable[[int, int], None]
PhaseProgress = Callable[[int, int, str], None]
Detail = Callable[[Step], None]
Cancel = Callable[[], bool] | threading.Event | None


def cancel_fn(cancel: Cancel) -> Callable[[], bool]:
    """A zero-argument predicate for any accepted form of cancel flag."""
    if cancel is None:
        return lambda: False
    if isinstance(cancel, threading.Event):
        return cancel.is_set
    return cancel
