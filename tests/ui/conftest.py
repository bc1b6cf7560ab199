"""Fixtures for driving the real window."""

from __future__ import annotations

import pytest

from clustermanager.ui import errors as ui_errors


@pytest.fixture
def shown_messages(monkeypatch):
    """Every message box the window would show, as (title, text, critical), instead of showing it."""
    shown: list[tuple[str, str, bool]] = []
    monkeypatch.setattr(ui_errors, "message_box",
                        lambda _parent, title, text, critical=False: shown.append((title, text, critical)))
    return shown


@pytest.fixture
def window(qtbot, demo_db, shown_messages):
    """The main window over a private copy of the demo database, shown offscreen."""
    from clustermanager.ui.app import create_main_window

    win = create_main_window(demo_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.ctx.tasks.wait_idle()
    win.close()
