"""Background work: `fn(session, progress)` on a worker thread, results back on the main thread.

Every long job of the window (loading 100,000 members, an import, a report) goes through
`ctx.tasks.run(...)`, so the window never freezes. Each job gets its own `db.session()`: it commits
when `fn` returns and rolls back if it raises (or is cancelled).

The one rule of the workers: they never drop the last reference to anything of the window. A job's
`fn` and callbacks are closures over screens and dialogs; when the last reference to a Qt object's
Python side goes away on a worker thread, PySide deletes it there (or hands it back to the main
thread half-done) and the window crashes with a segfault. So the main thread keeps each job until it
has taken the job's outcome, the worker lets go of the job before it posts that outcome, and the only
Qt object a worker touches is `_MAILBOX`, which lives as long as the process.
"""

from __future__ import annotations

import itertools
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, Signal

from clustermanager.progress import Cancelled


class _Mailbox(QObject):
    """Created on the main thread by the first runner, never deleted: a worker's `posted.emit()` wakes
    the runners there."""

    posted = Signal()


_MAILBOX: _Mailbox | None = None


def _mailbox() -> _Mailbox:
    global _MAILBOX
    if _MAILBOX is None:
        _MAILBOX = _Mailbox()
    return _MAILBOX


# One pool of worker threads for the process: a runner (one per window) would otherwise leave its idle
# threads behind when its window is gone.
_WORKERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="task")


class TaskProgress:
    """Handed to `fn` (the core's `progress.Progress`): report progress and look at cancellation, from the
    worker thread; `check()` raises the core's `Cancelled`. Plain Python: safe to drop on a worker."""

    def __init__(self, task_id: int, outbox: queue.SimpleQueue):
        self._task_id, self._outbox = task_id, outbox
        self._cancel = threading.Event()

    def report(self, percent: int | float | None, message: str = "") -> None:
        """`percent` 0-100, or None for "busy, no idea how long"."""
        self._outbox.put(("progress", self._task_id, -1 if percent is None else int(percent), message))
        _MAILBOX.posted.emit()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop here (rolling back the session) if the user cancelled."""
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancel.set()


@dataclass(eq=False)
class Task:
    label: str
    cancellable: bool
    progress: TaskProgress
    on_success: Callable | None
    on_error: Callable | None

    def cancel(self) -> None:
        self.progress.cancel()


@dataclass(eq=False)
class _Job:
    fn: Callable
    database: object
    task: Task

    def execute(self) -> tuple[object, BaseException | None]:
        try:
            with self.database.session() as session:
                result = self.fn(session, self.task.progress)
                self.task.progress.check()  # cancelled at the very end: still roll back
        except BaseException as exc:  # noqa: BLE001 (every failure goes back to the main thread)
            return None, exc
        return result, None


def _work(jobs: dict[int, _Job], outbox: queue.SimpleQueue, task_id: int) -> None:
    """On a worker thread. `jobs` keeps the job (the main thread removes it when it takes the outcome)."""
    job = jobs[task_id]
    outcome = job.execute()
    del job  # let go before posting: after the post the main thread may drop the job at any moment
    outbox.put(("done", task_id, *outcome))
    del outcome
    _MAILBOX.posted.emit()


class TaskRunner(QObject):
    """Runs jobs on its own worker threads and tells the status bar what is going on."""

    started = Signal(object)  # Task
    progressed = Signal(object, int, str)  # Task, percent (-1: unknown), message
    finished = Signal(object)  # Task, after its callback ran (success, error or cancel)
    idle = Signal()  # the last running task finished

    def __init__(self, database_getter: Callable[[], object], parent: QObject | None = None):
        super().__init__(parent)
        self._database = database_getter
        self._ids = itertools.count(1)
        self._jobs: dict[int, _Job] = {}
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._futures: set[Future] = set()
        self._running: list[Task] = []
        _mailbox().posted.connect(self._take_outcomes)
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
        task_id = next(self._ids)
        task = Task(label, cancellable, TaskProgress(task_id, self._outbox), on_success, on_error)
        self._jobs[task_id] = _Job(fn, database or self._database(), task)
        self._running.append(task)
        self.started.emit(task)
        future = _WORKERS.submit(_work, self._jobs, self._outbox, task_id)
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)
        return task

    def cancel_all(self) -> None:
        for task in self._running:
            if task.cancellable:
                task.cancel()

    def _take_outcomes(self) -> None:
        """On the main thread: everything the workers posted, progress and results, in order."""
        while True:
            try:
                kind, task_id, *rest = self._outbox.get_nowait()
            except queue.Empty:
                return
            if kind == "progress":
                job = self._jobs.get(task_id)
                if job is not None:
                    self.progressed.emit(job.task, *rest)
            else:
                job = self._jobs.pop(task_id)
                self._done(job.task, *rest)

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
        while not deadline.hasExpired():
            QCoreApplication.processEvents()
            self._take_outcomes()
            if not self._running:
                # Once more: what the callbacks set going (a view painting the rows it was given asks
                # for their page) starts its job in these events; idle means that has settled too.
                QCoreApplication.processEvents()
                self._take_outcomes()
                if not self._running:
                    return True
            futures_wait(list(self._futures), timeout=0.01)
        return not self._running

    def shutdown(self) -> None:
        """Ask every job to stop and wait for the threads (the window is closing)."""
        self.cancel_all()
        futures_wait(list(self._futures))
        QCoreApplication.processEvents()
        self._take_outcomes()
