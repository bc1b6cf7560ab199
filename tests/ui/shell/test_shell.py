"""The shell: navigation, the task runner, errors that keep the window open."""

from __future__ import annotations

import pytest

from clustermanager.errors import ValidationError
from clustermanager.ui.shell import registry


def test_sidebar_lists_every_screen_and_switches(window, qtbot):
    keys = [spec.key for spec in window.specs]
    assert keys[:3] == ["dashboard", "indicators", "members"]  # are we on track? right after the dashboard
    assert {spec.key for spec in registry.screens()} >= set(keys)
    window.sidebar.select("members")
    assert window.current_key() == "members"
    assert window.screens["members"].isVisible()


def test_task_runs_on_a_worker_and_returns_on_the_main_thread(window, qtbot):
    import threading

    main_thread = threading.get_ident()
    seen = {}

    def job(session, progress):
        progress.report(50, "half")
        seen["worker"] = threading.get_ident()
        return session.connection().exec_driver_sql("SELECT count(*) FROM member").scalar()

    with qtbot.waitSignal(window.ctx.tasks.idle, timeout=5000):
        window.ctx.tasks.run(job, label="count", on_success=lambda n: seen.update(result=n,
                                                                                  where=threading.get_ident()))
    assert seen["worker"] != main_thread
    assert seen["where"] == main_thread
    assert seen["result"] == 120


def test_user_error_is_one_dialog(window, qtbot, shown_messages):
    def job(_session, _progress):
        raise ValidationError("name", "", "is required")

    window.ctx.tasks.run(job, label="failing")
    assert window.ctx.tasks.wait_idle()
    assert len(shown_messages) == 1
    assert "Name: is required" in shown_messages[0][1]  # the field by its label
    assert not shown_messages[0][2]


def test_a_file_the_system_refuses_is_said_not_logged_as_a_bug(window, qtbot, shown_messages, _isolated_home):
    def job(_session, _progress):  # an export into a read-only folder, for instance
        raise PermissionError(13, "Permission denied", "/readonly/members.xlsx")

    window.ctx.tasks.run(job, label="export")
    assert window.ctx.tasks.wait_idle()
    (_title, text, critical), = shown_messages
    assert not critical and "/readonly/members.xlsx" in text and "Permission denied" in text
    assert not (_isolated_home / "logs" / "clustermanager.log").exists()


@pytest.mark.expects_bug_dialog
def test_bug_is_logged_named_in_one_sentence_and_window_stays_open(window, qtbot, shown_messages, _isolated_home):
    def job(_session, _progress):
        raise RuntimeError("kaboom")

    window.ctx.tasks.run(job, label="buggy")
    assert window.ctx.tasks.wait_idle()
    (title, text, critical), = shown_messages
    assert critical
    log = _isolated_home / "logs" / "clustermanager.log"
    assert str(log) in text
    assert "kaboom" in log.read_text()
    assert "kaboom" not in text
    assert window.isVisible()


def test_cancelled_task_rolls_back(window, qtbot):
    from sqlalchemy import update

    from clustermanager.models import Member

    def job(session, progress):
        session.execute(update(Member).values(notes="changed"))
        progress.cancel()
        progress.check()

    results = []
    window.ctx.tasks.run(job, label="cancel me", cancellable=True, on_success=results.append)
    assert window.ctx.tasks.wait_idle()
    assert results == []
    with window.ctx.db.session() as s:
        assert s.connection().exec_driver_sql("SELECT count(*) FROM member WHERE notes='changed'").scalar() == 0


@pytest.mark.parametrize("menu", ["file", "edit", "view", "help"])
def test_menus_exist(window, menu):
    assert not window.menus[menu].isEmpty()


def test_dashboard_shows_the_headline_figures(window):
    from clustermanager.services.dashboard import headline_figures

    screen = window.show_screen("dashboard")
    assert window.ctx.tasks.wait_idle()
    with window.ctx.db.session() as s:
        figures = headline_figures(s)
    assert screen.active.value.text() == f"{figures.active_members:,}"
    assert screen.sme.value.text().endswith("%")
    assert screen.joined.value.text() == str(figures.joined_this_year)
    assert [n for _label, n, _text in screen.kinds.bars.items] == [k.count for k in figures.by_kind]
    assert screen.title.text() != "Dashboard"  # the cluster's name


def test_usual_shortcuts_exist_on_every_platform(window):
    shortcuts = {a.shortcut().toString() for menu in window.menus.values() for a in menu.actions()}
    assert {"Ctrl+N", "Ctrl+O", "Ctrl+Shift+S", "Ctrl+Q", "Ctrl+F", "Ctrl+,", "Ctrl+1", "Ctrl+2"} <= shortcuts


def test_window_geometry_and_screen_are_remembered(qtbot, demo_db, shown_messages):
    from clustermanager.ui.app import create_main_window

    first = create_main_window(demo_db)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(first.width(), 500)  # inside the offscreen screen (800 x 600), or it is clamped
    height = first.height()  # 500, or the window's minimum height where that is larger
    first.show_screen("members")
    first.ctx.tasks.wait_idle()
    first.close()
    second = create_main_window(demo_db)
    qtbot.addWidget(second)
    assert second.height() == height
    assert second.current_key() == "members"
    second.ctx.tasks.wait_idle()
    second.close()


@pytest.mark.expects_bug_dialog
def test_a_failing_result_callback_is_reported_not_raised(window, shown_messages):
    def broken_callback(_result):
        raise KeyError("callback bug")

    window.ctx.tasks.run(lambda _s, _p: 1, label="fine job", on_success=broken_callback)
    assert window.ctx.tasks.wait_idle()
    (title, text, critical), = shown_messages
    assert critical and "clustermanager.log" in text
    assert window.isVisible()
