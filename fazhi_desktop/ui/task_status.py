"""The status-bar view of background work: what runs, a progress bar, and 取消."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from fazhi_desktop.ui.tasks import Task, TaskRunner


class TaskStatus(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.bar.setTextVisible(False)
        self.stop = QToolButton()
        self.stop.setText(self.tr("取消"))
        self.stop.setToolTip(self.tr("停止正在进行的后台工作"))
        self.stop.clicked.connect(runner.cancel_all)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop)
        self._runner = runner
        runner.task_started.connect(self._started)
        self.hide()

    def _started(self, task: Task) -> None:
        self.label.setText(task.name)
        self.bar.setRange(0, 0)
        task.progress.connect(self._progress)
        task.ended.connect(self._ended)
        self.show()

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, 1000)
        self.bar.setValue(int(done * 1000 / total) if total else 0)

    def _ended(self) -> None:
        if not self._runner.busy:  # the runner forgets a task before this slot runs
            self.hide()
