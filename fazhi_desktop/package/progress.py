"""Progress reporting and cancellation shared by the writer and the verifier (no Qt: plain callables).

Two forms, both optional: `progress(done_bytes, total_bytes, phase)` for a plain progress bar, and
`detail(Step)` for a status line that names files as well as bytes ("写入 12/45 个文件，1.2/3.3 MB").
Both are called after every block (so the GUI side throttles repaints), in the worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

PHASE_WRITE = "写入"
PHASE_VERIFY = "校验"


@dataclass(frozen=True)
class Step:
    """Where a package job stands: its phase, files and bytes done out of their totals, the current file."""

    phase: str
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    current: str = ""  # path inside the bag of the file being written or checked ("" between files)


# progress(done_bytes, total_bytes, phase)
Progress = Callable[[int, int, str], None]
Detail = Callable[[Step], None]
# A callable returning True, or a threading.Event, checked between blocks.
Cancel = Callable[[], bool] | threading.Event | None


def cancel_fn(cancel: Cancel) -> Callable[[], bool]:
    """A zero-argument predicate for any accepted form of cancel flag."""
    if cancel is None:
        return lambda: False
    if isinstance(cancel, threading.Event):
        return cancel.is_set
    return cancel


class Reporter:
    """Sends one Step to both callbacks, after checking the cancel flag (which raises PackageCancelled)."""

    def __init__(self, progress: Progress | None, detail: Detail | None, cancel: Cancel) -> None:
        self.progress = progress
        self.detail = detail
        self.is_cancelled = cancel_fn(cancel)

    def __call__(self, step: Step) -> None:
        if self.is_cancelled():
            from fazhi_desktop.package.errors import PackageCancelled

            raise PackageCancelled()
        if self.progress:
            self.progress(step.bytes_done, step.bytes_total, step.phase)
        if self.detail:
            self.detail(step)

    def shifted(self, files: int, bytes_: int) -> Reporter:
        """A reporter for a later part of the same phase: adds `files` and `bytes_` to done and total."""
        outer = self

        class _Shifted(Reporter):
            def __call__(self, step: Step) -> None:
                outer(
                    Step(
                        step.phase,
                        step.files_done + files,
                        step.files_total + files,
                        step.bytes_done + bytes_,
                        step.bytes_total + bytes_,
                        step.current,
                    )
                )

        return _Shifted(None, None, outer.is_cancelled)
