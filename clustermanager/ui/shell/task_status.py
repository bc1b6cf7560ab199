"""The status-bar part that shows background work: what runs, a progress bar, a Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from clustermanager.i18n import _
from clustermanager.ui.tasks import Task, TaskRunner


class TaskStatus(QWidget):
    def __init__(self, runner: TaskRunner, parent=None):
        super().__init__(parent)
        self.runner = runner
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(160)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setFlat(True)
        self.cancel_button.clicked.connect(runner.cancel_all)
        for widget in (self.label, self.bar, self.cancel_button):
            layout.addWidget(widget)
        runner.started.connect(self._update)
        runner.progressed.connect(self._progress)
        runner.finished.connect(self._update)
        self.setVisible(False)

    def _update(self, _task: Task | None = None) -> None:
        running = self.runner.running
        self.setVisible(bool(running))
        if not running:
            return
        task = running[-1]
        self.label.setText(task.label)
        self.bar.setRange(0, 0)  # busy until the task reports a percentage
        self.cancel_button.setVisible(any(t.cancellable for t in running))

    def _progress(self, task: Task, percent: int, message: str) -> None:
        if percent < 0:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 100)
            self.bar.setValue(max(0, min(100, percent)))
        self.label.setText(message or task.label)
