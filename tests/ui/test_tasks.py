"""The task runner: work on a worker, outcomes on the main thread, and nothing of the window let go
of on a worker (PySide deletes a Qt object on the thread that drops its last reference: a segfault)."""

from __future__ import annotations

import contextlib
import threading

from clustermanager.ui.tasks import TaskRunner


class _FakeDatabase:
    @contextlib.contextmanager
    def session(self):
        yield None


class _Tracked:
    """Records the thread that frees it, as a closure over a screen would free the screen."""

    def __init__(self, freed_on: list[int]):
        self.freed_on = freed_on

    def __call__(self, *_args):
        return "done"

    def __del__(self):
        self.freed_on.append(threading.get_ident())


def test_a_jobs_function_and_callbacks_are_freed_on_the_main_thread(qapp):
    runner = TaskRunner(lambda: _FakeDatabase())
    freed_on: list[int] = []
    results = []
    for _ in range(30):  # the old runner lost this race now and then
        callback = _Tracked(freed_on)
        runner.run(_Tracked(freed_on), label="job", on_success=lambda r, c=callback: results.append(c(r)))
        del callback
    assert runner.wait_idle(10_000)
    assert results == ["done"] * 30
    runner.shutdown()
    assert len(freed_on) == 60
    assert set(freed_on) == {threading.get_ident()}


def test_progress_and_failures_come_back_with_their_task(qapp):
    runner = TaskRunner(lambda: _FakeDatabase())
    reported, errors = [], []
    runner.progressed.connect(lambda task, percent, message: reported.append((task.label, percent, message,
                                                                                threading.get_ident())))

    def job(_session, progress):
        progress.report(40, "reading")
        progress.report(None, "busy")
        raise ValueError("row 3: amount")

    runner.run(job, label="import", on_error=errors.append)
    assert runner.wait_idle(10_000)
    main = threading.get_ident()
    assert reported == [("import", 40, "reading", main), ("import", -1, "busy", main)]
    assert [str(e) for e in errors] == ["row 3: amount"]


def test_a_cancelled_job_calls_neither_callback(qapp):
    runner = TaskRunner(lambda: _FakeDatabase())
    started, release, called = threading.Event(), threading.Event(), []

    def job(_session, _progress):
        started.set()
        release.wait(5)
        return 1

    task = runner.run(job, label="slow", cancellable=True, on_success=called.append, on_error=called.append)
    assert started.wait(5)
    task.cancel()
    release.set()
    assert runner.wait_idle(10_000)
    assert called == [] and not runner.busy
