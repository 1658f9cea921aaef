"""Progress reporting and cancellation shared by the writer and the verifier (no Qt: plain callables)."""

from __future__ import annotations

import threading
from collections.abc import Callable

PHASE_WRITE = "写入"
PHASE_VERIFY = "校验"

# progress(done_bytes, total_bytes, phase): called after every block, so the GUI side throttles repaints.
Progress = Callable[[int, int, str], None]
# A callable returning True, or a threading.Event, checked between blocks.
Cancel = Callable[[], bool] | threading.Event | None


def cancel_fn(cancel: Cancel) -> Callable[[], bool]:
    """A zero-argument predicate for any accepted form of cancel flag."""
    if cancel is None:
        return lambda: False
    if isinstance(cancel, threading.Event):
        return cancel.is_set
    return cancel
