"""The package jobs' progress reporter: one Step to both callbacks, after checking the cancel flag."""

from __future__ import annotations

from fazhi_desktop.package.errors import PackageCancelled
from fazhi_desktop.progress import Cancel, Detail, PhaseProgress, Step, cancel_fn


class Reporter:
    """Sends one Step to `progress` and `detail`, after checking the cancel flag (raises PackageCancelled).

    `files_offset` and `bytes_offset` are added to done and total: a later part of the same phase
    (see `shifted`) reports as a continuation of the earlier ones.
    """

    def __init__(
        self,
        progress: PhaseProgress | None,
        detail: Detail | None,
        cancel: Cancel,
        *,
        files_offset: int = 0,
        bytes_offset: int = 0,
    ) -> None:
        self.progress = progress
        self.detail = detail
        self.is_cancelled = cancel_fn(cancel)
        self.files_offset = files_offset
        self.bytes_offset = bytes_offset

    def __call__(self, step: Step) -> None:
        if self.is_cancelled():
            raise PackageCancelled()
        if self.files_offset or self.bytes_offset:
            f, b = self.files_offset, self.bytes_offset
            step = Step(
                step.phase,
                step.files_done + f,
                step.files_total + f,
                step.bytes_done + b,
                step.bytes_total + b,
                step.current,
            )
        if self.progress:
            self.progress(step.bytes_done, step.bytes_total, step.phase)
        if self.detail:
            self.detail(step)

    def shifted(self, files: int, bytes_: int) -> Reporter:
        """A reporter for a later part of the same phase: adds `files` and `bytes_` to done and total."""
        return Reporter(
            self.progress,
            self.detail,
            self.is_cancelled,
            files_offset=self.files_offset + files,
            bytes_offset=self.bytes_offset + bytes_,
        )
