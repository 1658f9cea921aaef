"""Start-up safety: a backup when the program starts (and every so often), and a background health
check whose serious findings — a damaged database, a broken history chain, damaged or missing
evidence files — are shown to the clerk in plain words."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QWidget

from fazhi_desktop.errors import FazhiError
from fazhi_desktop.safety.backup import maybe_backup
from fazhi_desktop.safety.doctor import DoctorReport, run_doctor
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui import error_dialog
from fazhi_desktop.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

BACKUP_CHECK_MS = 5 * 60 * 1000  # how often to ask maybe_backup; it decides by backup.interval_minutes


def backup(ws: Workspace, reason: str) -> None:
    """Back up if something changed; a failure is logged, never stops the clerk's work."""
    try:
        path = maybe_backup(ws, reason)
    except (FazhiError, OSError) as exc:
        log.warning("自动备份失败：%s", exc)
        return
    if path is not None:
        log.info("已自动备份数据库：%s", path)


def start_periodic_backup(ws: Workspace, parent: QObject) -> QTimer:
    timer = QTimer(parent)
    timer.setInterval(BACKUP_CHECK_MS)
    timer.timeout.connect(lambda: backup(ws, "interval"))
    timer.start()
    return timer


def doctor_job(data_dir: Path, *, progress, cancelled) -> DoctorReport:
    """Background job: the check on its own connection; evidence files unchanged since they were last
    found sound are not re-read on every start (the `doctor` command re-reads all). It stops when
    cancelled (the window closing), keeping what it found sound, so the next start goes on from there."""
    with Workspace.open(data_dir) as ws:
        return run_doctor(ws, progress=progress, quick=True, cancel=cancelled)


def serious(report: DoctorReport) -> list[str]:
    """The findings a clerk must act on (leftover temporary files are not among them)."""
    if not (
        report.integrity
        or report.foreign_keys
        or report.history_broken
        or report.corrupt_blobs
        or report.missing_blobs
    ):
        return []
    return [p for p in report.problems() if "无用文件" not in p and "不再被任何佐证材料使用" not in p]


def when_shown(window: QWidget, then: Callable[[], None], *, waited_ms: int = 0) -> None:
    """Call `then` from the event loop once `window` is on screen (its first paint queued before it),
    or after two seconds if the window system never says so (a minimised start)."""
    handle = window.windowHandle()
    # The window is the timers' context: once it is deleted they never fire.
    if (handle is not None and handle.isExposed()) or waited_ms >= 2000:
        QTimer.singleShot(0, window, then)
    else:
        QTimer.singleShot(10, window, lambda: when_shown(window, then, waited_ms=waited_ms + 10))


def check_health(data_dir: Path, runner: TaskRunner, parent: QWidget | None) -> Task:
    """Run the doctor in the background; show serious findings when it ends. Closing the window stops
    it (what it found sound so far is kept for the next start)."""

    def done(report: DoctorReport) -> None:
        problems = serious(report)
        if problems:
            log.warning("健康检查发现问题：%s", problems)
            error_dialog.present(
                parent,
                QCoreApplication.translate("StartupChecks", "数据检查发现问题"),
                "\n\n".join(problems)
                + "\n\n"
                + QCoreApplication.translate("StartupChecks", "数据库的问题可以用“文件 → 从备份恢复”处理。"),
                None,
            )
        else:
            log.info("健康检查通过：%s", report.summary())

    return runner.run(
        QCoreApplication.translate("StartupChecks", "检查数据"),
        doctor_job,
        data_dir,
        on_done=done,
        on_error=lambda exc: log.warning("健康检查未能完成：%s", exc),
        stops_on_close=True,  # it keeps what it found sound; the next start reads only the rest
    )
