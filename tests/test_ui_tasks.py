"""The background-task helper: results, errors, progress and cancel delivered on the main thread."""

from __future__ import annotations

import threading

import pytest

from fazhi_desktop.errors import FazhiError
from fazhi_desktop.ui.tasks import TaskCancelled, TaskRunner


def _work(n: int, *, progress, cancelled) -> int:
    for i in range(n):
        if cancelled():
            raise TaskCancelled()
        progress(i + 1, n)
    return n * 2


def test_synchronous_runner_delivers_result_and_progress(qapp):
    runner = TaskRunner(synchronous=True)
    got, steps = [], []
    runner.run("double", _work, 3, on_done=got.append, on_progress=lambda d, t: steps.append((d, t)))
    assert got == [6]
    assert steps[-1] == (3, 3)
    assert not runner.busy


def test_error_is_delivered_not_raised(qapp):
    runner = TaskRunner(synchronous=True)
    errors = []

    def boom(*, progress, cancelled):
        raise FazhiError("出错了")

    runner.run("boom", boom, on_error=errors.append)
    assert isinstance(errors[0], FazhiError) and errors[0].message == "出错了"


def test_thread_pool_result_arrives_on_main_thread(qtbot):
    runner = TaskRunner()
    main = threading.get_ident()
    worker_thread, slot_thread = [], []

    def job(*, progress, cancelled):
        worker_thread.append(threading.get_ident())
        progress(1, 1)
        return "完成"

    results = []

    def done(value):
        slot_thread.append(threading.get_ident())
        results.append(value)

    runner.run("job", job, on_done=done)
    # Not waitSignal(task.ended): the worker may emit before a late connection exists.
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert results == ["完成"]
    assert worker_thread[0] != main
    assert slot_thread[0] == main
    assert runner.wait(10_000)


def test_cancel_flag_reaches_the_worker(qtbot):
    runner = TaskRunner()
    started = threading.Event()
    release = threading.Event()

    def job(*, progress, cancelled):
        started.set()
        release.wait(10)
        if cancelled():
            raise TaskCancelled()
        return "not cancelled"

    failures = []
    task = runner.run("slow", job, on_error=failures.append)
    assert started.wait(10)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert isinstance(failures[0], TaskCancelled)


@pytest.mark.parametrize("sync", [True, False])
def test_runner_busy_until_ended(qtbot, sync):
    runner = TaskRunner(synchronous=sync)
    runner.run("x", _work, 2)
    if sync:
        assert not runner.busy
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
