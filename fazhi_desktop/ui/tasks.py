"""The one background-task helper: plain data in, a result or an exception out, on the main thread.

Shaped after Picard's `run_task`: a function runs on a `QThreadPool`; its result, its exception and its
progress `(done, total)` come back through Qt signals, which Qt queues onto the main thread because the
signal object lives there. The worker never touches a widget. It gets two keyword arguments:
`progress(done, total)` and `cancelled()` — a callable the domain code polls between chunks.

SQLite connections belong to the thread that opened them, so a task that needs the database opens its
own `Workspace` from the data directory it was given; it never borrows the window's.

Tests flip `TaskRunner.synchronous` (or pass `synchronous=True`): the function then runs inline and the
signals fire before `run()` returns, so a test needs no waiting.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

# Progress repaints are throttled: hashing a 2 GB file reports thousands of chunks, the bar needs ~20/s.
_PROGRESS_INTERVAL_S = 0.05


class TaskCancelled(Exception):
    """Raised by a task function (or by `Task.check()`) when the user pressed 取消."""


class Task(QObject):
    """One running job: connect to its signals, call `cancel()` from the UI."""

    progress = Signal(int, int)  # done, total (total 0 = unknown)
    detail = Signal(object)  # a richer progress value (e.g. progress.Step), throttled alike
    finished = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception (TaskCancelled when cancelled)
    ended = Signal()  # after finished or failed, whichever it was

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.stops_on_close = False
        self._cancel = threading.Event()
        self._last_progress = 0.0
        self._last_detail = 0.0
        self.done = False

    # --- called from the UI thread ---------------------------------------------------------
    def cancel(self) -> None:
        self._cancel.set()

    # --- called from the worker thread ------------------------------------------------------
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report_detail(self, value: object) -> None:
        """Send a progress value object (files and bytes, …) to the UI, throttled like `report`."""
        now = time.monotonic()
        if now - self._last_detail < _PROGRESS_INTERVAL_S:
            return
        self._last_detail = now
        self.detail.emit(value)

    def report(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last_progress < _PROGRESS_INTERVAL_S:
            return
        self._last_progress = now
        self.progress.emit(int(done), int(total))


class _Runnable(QRunnable):
    def __init__(self, task: Task, func: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task, self._func, self._args, self._kwargs = task, func, args, kwargs

    def run(self) -> None:
        _execute(self._task, self._func, self._args, self._kwargs)


def _execute(task: Task, func: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    try:
        if task.cancelled():
            raise TaskCancelled()
        result = func(*args, progress=task.report, cancelled=task.cancelled, **kwargs)
    except BaseException as exc:  # noqa: BLE001 - everything is delivered to the main thread
        if not isinstance(exc, TaskCancelled) and not _is_expected(exc):
            log.error("后台任务“%s”出错", task.name, exc_info=exc)
        task.done = True
        task.failed.emit(exc)
    else:
        task.done = True
        task.finished.emit(result)
    task.ended.emit()


def _is_expected(exc: BaseException) -> bool:
    from fazhi_desktop.errors import FazhiError

    return isinstance(exc, FazhiError)


class TaskRunner(QObject):
    """Starts tasks on a thread pool; keeps running ones alive until they end."""

    synchronous = False  # tests set this to run every task inline
    task_started = Signal(object)  # Task: the status bar shows it with a progress bar and 取消

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        pool: QThreadPool | None = None,
        synchronous: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        if synchronous is not None:
            self.synchronous = synchronous
        self._running: set[Task] = set()

    def run(
        self,
        name: str,
        func: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_detail: Callable[[Any], None] | None = None,
        stops_on_close: bool = False,
        **kwargs: Any,
    ) -> Task:
        """Run `func(*args, progress=…, cancelled=…, **kwargs)` in the background; with `on_detail`,
        `func` also gets `detail=` (a callable taking one progress value object). `stops_on_close`: a
        check that may simply be stopped when the window closes (nothing is lost), so closing does not
        ask about it."""
        task = Task(name)  # no parent: it lives while `_running` holds it, then Python frees it
        task.stops_on_close = stops_on_close
        if on_progress:
            task.progress.connect(on_progress)
        if on_detail:
            task.detail.connect(on_detail)
            kwargs["detail"] = task.report_detail
        if on_done:
            task.finished.connect(on_done)
        if on_error:
            task.failed.connect(on_error)
        task.ended.connect(lambda: self._forget(task))
        self._running.add(task)
        self.task_started.emit(task)
        if self.synchronous:
            _execute(task, func, args, kwargs)
        else:
            self._pool.start(_Runnable(task, func, args, kwargs))
        return task

    def _forget(self, task: Task) -> None:
        self._running.discard(task)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def busy_with_work(self) -> bool:
        """A task is running that closing the window would cut short (a copy, an export)."""
        return any(not task.stops_on_close for task in self._running)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (used on exit, after cancel_all)."""
        return self._pool.waitForDone(msecs)
