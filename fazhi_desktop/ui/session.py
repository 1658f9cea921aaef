"""One run of the program on one data directory: its workspace, task runner and main window."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings

from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui import startup_checks
from fazhi_desktop.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)


class Session:
    def __init__(
        self, data_dir: Path, ui_state: QSettings, *, runner: TaskRunner | None = None, autosave_ms: int = 600
    ) -> None:
        self.data_dir = Path(data_dir)
        self.ui_state = ui_state
        self.runner = runner or TaskRunner()
        self.autosave_ms = autosave_ms
        self.ws: Workspace | None = None
        self.window = None
        self._backup_timer = None
        self.restore_requested: Path | None = None  # set by 文件 → 从备份恢复; run_gui restores and reopens
        self._start_backup_due = False
        self.started = False  # the window is shown and the start-up work after its first paint is done
        self.health_task: Task | None = None  # the start-up health check, once started

    def open(self) -> Workspace:
        """Open (create, migrate) the database. The start-up backup of a database that holds work is
        taken once the window is painted (finish_start), or on close when no window was shown."""
        self.ws = Workspace.open(self.data_dir)
        self._start_backup_due = self.ws.profile is not None
        return self.ws

    def ensure_profile(self) -> bool:
        """First run: the set-up wizard. False when the clerk closed it without finishing."""
        assert self.ws is not None
        if self.ws.profile is not None:
            return True
        from fazhi_desktop.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.ws, self.runner)
        return bool(wizard.exec()) and self.ws.profile is not None

    def build_window(self):
        from fazhi_desktop.ui.main_window import MainWindow

        assert self.ws is not None
        self.window = MainWindow(self.ws, self.runner, self.ui_state, autosave_ms=self.autosave_ms)
        self.window.restore_requested.connect(lambda path: setattr(self, "restore_requested", Path(path)))
        return self.window

    def show_main_window(self, *, health_check: bool = True):
        """Show the window; what its first paint does not need (the start-up backup, the item page, the
        background health check) follows as soon as it is on screen (finish_start)."""
        window = self.build_window()
        window.show_initial()
        self._backup_timer = startup_checks.start_periodic_backup(self.ws, window)
        self.started = False
        self.health_task = None
        startup_checks.when_shown(window, lambda: self.finish_start(window, health_check=health_check))
        return window

    def finish_start(self, window, *, health_check: bool = True) -> None:
        if self.window is not window or self.ws is None or self.started:
            return  # closed (or restored) meanwhile, or already done
        if self._start_backup_due:
            self._start_backup_due = False
            startup_checks.backup(self.ws, "start")
        window.prepare_item_page()
        if health_check:
            self.health_task = startup_checks.check_health(self.data_dir, self.runner, window)
        self.started = True

    def restore(self, backup: Path) -> None:
        """Replace the database by `backup` (the workspace must be closed first) and open it again."""
        from fazhi_desktop.safety.backup import restore_backup

        if self.ws is not None:
            self.close()
        result = restore_backup(self.data_dir, backup)
        log.info("已从备份恢复：%s（原数据库另存为 %s）", result.restored_from, result.saved_current)
        self.restore_requested = None
        self.open()

    def close(self) -> None:
        if self.window is not None:
            self.window.flush()  # the item's and the overview's texts
        if self._backup_timer is not None:  # it holds this workspace: it must not fire once that is closed
            self._backup_timer.stop()
            self._backup_timer = None
        if self.ws is not None:
            if self.ws.profile is not None:
                startup_checks.backup(self.ws, "start" if self._start_backup_due else "interval")
            self._start_backup_due = False
            self.runner.cancel_all()
            self.runner.wait(30_000)
            self.ws.close()
            self.ws = None
