"""A wizard whose 完成 starts slow background work (a signing key is derived slowly on purpose): while it
runs, 完成 is disabled and a status line says what is happening; a failure gives the wizard back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget, QWizard

from fazhi_desktop.ui.error_dialog import show_error
from fazhi_desktop.ui.tasks import TaskRunner


class BackgroundFinishWizard(QWizard):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._busy = False

    def _finish_in_background(
        self,
        status: QLabel,
        waiting: str,
        doing: str,
        job: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None],
        **kwargs: Any,
    ) -> None:
        """Run `job(*args, **kwargs)` as the task `doing`, `waiting` shown in `status` meanwhile; its result
        goes to `on_done`, a failure is shown (as what went wrong while `doing`) and 完成 works again."""
        self._busy = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        status.setText(waiting)

        def done(result: Any) -> None:
            self._busy = False
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._busy = False
            self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
            status.setText("")
            show_error(self, exc, doing=doing)

        self.runner.run(doing, job, *args, on_done=done, on_error=failed, **kwargs)
