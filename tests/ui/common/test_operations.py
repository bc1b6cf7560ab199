"""The window's one way to the database: a locked file never freezes it, changes announce their topics,
and no module of the window opens a session of its own."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from sqlalchemy import event

import clustermanager.ui
from clustermanager.ui import operations
from clustermanager.ui.operations import Change

UI = Path(clustermanager.ui.__file__).parent
RUNNER_MODULES = {"tasks.py"}  # the one place a session is opened for the window


def _short_busy_timeout(db, ms: int) -> None:
    event.listen(db.engine, "connect", lambda conn, _record: conn.execute(f"PRAGMA busy_timeout={ms}"))
    db.engine.dispose()


def test_a_locked_database_never_freezes_the_window(window, qtbot, shown_messages):
    ctx = window.ctx
    screen = window.show_screen("members")
    assert ctx.tasks.wait_idle()
    _short_busy_timeout(ctx.db, 2000)
    holder = sqlite3.connect(ctx.db.path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        dialog = screen.new_member()
        assert screen.ctx.tasks.wait_idle()  # the dialog reads on the task runner
        qtbot.keyClicks(dialog.form.name, "Locked Out BV")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        screen.refresh()  # a read while the write waits for the lock
        ticks: list[bool] = []
        QTimer.singleShot(0, lambda: ticks.append(ctx.tasks.busy))
        qtbot.waitUntil(lambda: bool(ticks))
        assert ticks == [True]  # the event loop ran while the save was still waiting for the lock
        assert ctx.tasks.wait_idle()
    finally:
        holder.rollback()
        holder.close()
    [(_title, text, critical)] = shown_messages
    assert "busy" in text and "try again" in text and not critical
    assert dialog.isVisible()  # nothing was saved; the user can try again
    assert "Locked Out BV" not in [r.name for r in screen.model.rows]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # the lock is gone: it saves now
    assert ctx.tasks.wait_idle()
    assert "Locked Out BV" in [r.name for r in screen.model.rows]  # the announced MEMBERS refreshed it


def test_a_change_announces_its_topics_once_it_succeeded(window, qtbot):
    seen: list[str] = []
    window.ctx.data_changed.connect(seen.append)
    operations.change(window.ctx, lambda _s: 1 / 0, changes=(Change.FEES,), on_error=lambda _e: None)
    assert window.ctx.tasks.wait_idle()
    assert seen == []  # a failed change announces nothing
    results = []
    operations.change(window.ctx, lambda _s: "done", changes=(Change.PROJECTS, Change.MEMBERS, Change.MEMBERS),
                      on_success=results.append)
    assert window.ctx.tasks.wait_idle()
    assert results == ["done"] and seen == ["members", "projects"]


def test_only_the_latest_read_of_a_widget_is_delivered(window, qtbot):
    shown = []
    for n in (1, 2, 3):
        operations.query(window.ctx, lambda _s, n=n: n, owner=window, key="test", on_success=shown.append)
    assert window.ctx.tasks.wait_idle()
    assert shown == [3]


def test_no_session_is_opened_in_the_window_outside_the_runner():
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.relative_to(UI).as_posix() in RUNNER_MODULES:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\.session\(", line):
                found.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert not found, "go through clustermanager.ui.operations (query/change/save):\n" + "\n".join(found)
