"""Background work: `fn(session, progress)` on a worker thread, results back on the main thread.

Every long job of the window (loading 100,000 members, an import, a report) goes through
`ctx.tasks.run(...)`, so the window never freezes. Each job gets its own `db.session()`: it commits
when `fn` returns and rolls back if it raises (or is cancelled).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QRunnable, QThreadPool, Signal, Slot

from clustermanager.progress import Cancelled


class TaskProgress:
    """Handed to `fn` (the core's `progress.Progress`): report progress and look at cancellation, from the
    worker thread; `check()` raises the core's `Cancelled`."""

    def __init__(self, relay: _Relay):
        self._relay = relay
        self._cancel = threading.Event()

    def report(self, percent: int | float | None, message: str = "") -> None:
        """`percent` 0-100, or None for "busy, no idea how long"."""
        self._relay.progress.emit(-1 if percent is None else int(percent), message)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop here (rolling back the session) if the user cancelled."""
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancel.set()


class _Relay(QObject):
    """Lives on the main thread; signals emitted from the worker reach its slots there (queued)."""

    progress = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, runner: TaskRunner):
        super().__init__()
        self.runner = runner
        self.task: Task | None = None
        self.progress.connect(self._on_progress)
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)

    @Slot(int, str)
    def _on_progress(self, percent: int, message: str) -> None:
        self.runner.progressed.emit(self.task, percent, message)

    @Slot(object)
    def _on_succeeded(self, result) -> None:
        self.runner._done(self.task, result, None)

    @Slot(object)
    def _on_failed(self, exc) -> None:
        self.runner._done(self.task, None, exc)


@dataclass(eq=False)
class Task:
    label: str
    cancellable: bool
    progress: TaskProgress
    on_success: Callable | None
    on_error: Callable | None
    relay: _Relay = field(repr=False)

    def cancel(self) -> None:
        self.progress.cancel()


class _Job(QRunnable):
    def __init__(self, fn, database, task: Task):
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._database, self._task = fn, database, task

    def run(self) -> None:
        relay = self._task.relay
        try:
            with self._database.session() as session:
                result = self._fn(session, self._task.progress)
                self._task.progress.check()  # cancelled at the very end: still roll back
        except BaseException as exc:  # noqa: BLE001 (every failure goes back to the main thread)
            relay.failed.emit(exc)
        else:
            relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs jobs on its own thread pool and tells the status bar what is going on."""

    started = Signal(object)  # Task
    progressed = Signal(object, int, str)  # Task, percent (-1: unknown), message
    finished = Signal(object)  # Task, after its callback ran (success, error or cancel)
    idle = Signal()  # the last running task finished

    def __init__(self, database_getter: Callable[[], object], parent: QObject | None = None):
        super().__init__(parent)
        self._database = database_getter
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._running: list[Task] = []
        # Called as error_handler(exc) when a job fails and has no on_error; the window sets it.
        self.error_handler: Callable[[BaseException], None] | None = None

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def running(self) -> list[Task]:
        return list(self._running)

    def run(self, fn: Callable, *, label: str, on_success: Callable | None = None,
            on_error: Callable | None = None, cancellable: bool = False, database=None) -> Task:
        """Start `fn(session, progress)`; `on_success(result)` or `on_error(exc)` run on the main thread.

        `database` (rarely needed) runs the job against another open Database than the window's.
        """
        relay = _Relay(self)
        task = Task(label, cancellable, TaskProgress(relay), on_success, on_error, relay)
        relay.task = task
        self._running.append(task)
        self.started.emit(task)
        self._pool.start(_Job(fn, database or self._database(), task))
        return task

    def cancel_all(self) -> None:
        for task in self._running:
            if task.cancellable:
                task.cancel()

    def _done(self, task: Task, result, exc: BaseException | None) -> None:
        if task in self._running:
            self._running.remove(task)
        try:
            if exc is None:
                if task.on_success is not None:
                    task.on_success(result)
            elif isinstance(exc, Cancelled):
                pass  # the user asked for it; the session was rolled back
            elif task.on_error is not None:
                task.on_error(exc)
            else:
                self._report(exc)
        except Exception as callback_error:  # noqa: BLE001 (a failing callback must not close the window)
            self._report(callback_error)
        finally:
            self.finished.emit(task)
            if not self._running:
                self.idle.emit()

    def _report(self, exc: BaseException) -> None:
        if self.error_handler is not None:
            self.error_handler(exc)
        else:
            from clustermanager.ui.common.errors import show_error

            show_error(None, exc, where="task")

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Process events until no task runs (for tests, and for closing the window); False on timeout."""
        deadline = QDeadlineTimer(timeout_ms)
        while self._running and not deadline.hasExpired():
            self._pool.waitForDone(10)
            QCoreApplication.processEvents()
        return not self._running

    def shutdown(self) -> None:
        """Ask every job to stop and wait for the threads (the window is closing)."""
        self.cancel_all()
        self._pool.waitForDone()
        QCoreApplication.processEvents()

