"""An empty cluster: every register says what to do first instead of showing a bare table."""

from __future__ import annotations

import pytest

from clustermanager.ui.database import first_run


@pytest.fixture
def empty_window(qtbot, db, shown_messages, monkeypatch):
    from clustermanager.ui.app import create_main_window

    monkeypatch.setattr(first_run, "ask_first_run", lambda _window: None)  # "Later"
    win = create_main_window(db)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.ctx.tasks.wait_idle()
    win.close()


@pytest.mark.parametrize(("key", "hint"), [("members", "New member"), ("activities", "New activity"),
                                           ("projects", "New project")])
def test_an_empty_register_says_how_to_start(empty_window, key, hint):
    screen = empty_window.show_screen(key)
    assert empty_window.ctx.tasks.wait_idle()
    assert hint in screen.subtitle.text() and "yet" in screen.subtitle.text()


def test_a_filled_register_counts_instead(window):
    screen = window.show_screen("activities")
    assert window.ctx.tasks.wait_idle()
    assert screen.subtitle.text() == "60 in total"


def test_a_year_without_fee_calls_says_how_to_start(empty_window):
    screen = empty_window.show_screen("fees")
    assert empty_window.ctx.tasks.wait_idle()
    assert "Generate fee calls" in screen.totals.text() and "yet" in screen.totals.text()
    assert screen.schedule.hint.isVisibleTo(screen.schedule)  # and the schedule tab how to fill it
    assert "Copy from the year before" in screen.schedule.hint.text()
