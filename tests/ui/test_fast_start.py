"""`ui.app.main`'s fast start: the frame first, the database on a worker, the screens into the same window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from clustermanager import config
from clustermanager.ui import startup
from clustermanager.ui.database import first_run
from clustermanager.ui.startup import FastStart, location_label


@pytest.fixture
def no_first_run_question(monkeypatch):
    asked = []
    monkeypatch.setattr(first_run, "ask_first_run", lambda window: asked.append(window))
    return asked


def _start(qtbot, database, settings) -> FastStart:
    start = FastStart(database, settings)
    qtbot.addWidget(start.window)
    return start


def _finish(start: FastStart) -> None:
    if start.window.ctx is not None:
        start.window.ctx.tasks.wait_idle()
    start.window.close()
    start.finish(0)


def test_the_frame_says_what_it_opens_then_the_saved_screen_is_built_into_it(qtbot, demo_db_path, shown_messages):
    start = _start(qtbot, str(demo_db_path), config.AppSettings())
    window = start.window
    assert window.isVisible() and window.ctx is None
    assert window.stack.currentWidget() is window.opening
    assert demo_db_path.name in window.opening.text()
    window.show_screen("members")  # chosen in the sidebar while the database opens
    assert window.screens == {}
    qtbot.waitUntil(lambda: window.ctx is not None, timeout=15_000)
    assert window.current_key() == "members" and "members" in window.screens
    assert window.ctx.db.path == demo_db_path
    assert window.menus and "ClusterManager" in window.windowTitle()
    assert shown_messages == []
    _finish(start)


def test_a_broken_last_database_is_reported_and_the_default_one_opens(qtbot, tmp_path, shown_messages,
                                                                      no_first_run_question):
    broken = tmp_path / "broken.cmdb"
    broken.write_bytes(b"this is not a database file " * 200)
    settings = config.AppSettings(last_database=str(broken))
    start = _start(qtbot, None, settings)
    qtbot.waitUntil(lambda: start.window.ctx is not None, timeout=15_000)
    assert len(shown_messages) == 1 and "broken.cmdb" in shown_messages[0][1]  # said once, as before
    assert start.window.ctx.db.path == config.default_database_path()
    assert settings.last_database == str(config.default_database_path())
    assert start.window.ctx.tasks.wait_idle()  # the first-run check reads on the task runner
    assert no_first_run_question == [start.window]  # the empty default database: the first-run offer
    _finish(start)


def test_a_database_asked_for_by_name_that_fails_ends_the_app_with_code_1(qtbot, tmp_path, shown_messages,
                                                                         monkeypatch):
    exits = []
    monkeypatch.setattr(QApplication.instance(), "exit", exits.append)
    broken = tmp_path / "broken.cmdb"
    broken.write_bytes(b"this is not a database file " * 200)
    start = _start(qtbot, str(broken), config.AppSettings(last_database="/elsewhere/last.cmdb"))
    qtbot.waitUntil(lambda: exits == [1], timeout=15_000)
    assert len(shown_messages) == 1 and "broken.cmdb" in shown_messages[0][1]
    assert start.window.ctx is None
    _finish(start)


def test_the_opening_label_never_shows_a_password():
    assert location_label("postgresql+psycopg://cm:secret@db.example:5432/cluster") == (
        "postgresql+psycopg://db.example:5432/cluster")
    assert location_label("/home/me/clusters/robotics.cmdb") == "robotics.cmdb"
    assert location_label(None) == config.default_database_path().name
    assert startup.FastStart  # the entry point ui.app.main uses


def test_the_command_line_without_a_command_starts_the_window_without_building_the_commands(monkeypatch):
    import clustermanager.cli as cli
    from clustermanager.ui import app

    started = []
    monkeypatch.setattr(app, "main", lambda database=None, language=None, verbose=False:
                        started.append((database, language, verbose)) or 0)
    monkeypatch.setattr(cli, "build_parser", lambda: pytest.fail("the commands were loaded first"))
    assert cli.main(["--db", "robotics.cmdb"]) == 0
    try:
        assert cli.main(["--lang", "nl", "--db", "robotics.cmdb"]) == 0
    finally:
        from clustermanager import i18n

        i18n.set_language("en")  # the command line switched the process's language: the next tests speak English
    assert cli.main(["-v", "--db", "robotics.cmdb"]) == 0
    assert started == [("robotics.cmdb", None, False), ("robotics.cmdb", "nl", False), ("robotics.cmdb", None, True)]


def test_the_language_asked_for_wins_over_the_saved_one_for_that_run():
    from clustermanager.config import AppSettings
    from clustermanager.ui.app import window_language

    saved = AppSettings(language="fr")
    assert window_language("nl", saved) == "nl"  # clustermanager --lang nl: Dutch, whatever was saved
    assert window_language(None, saved) == "fr"
    assert window_language(None, AppSettings()) is None  # the system's


def test_before_open_runs_once_after_the_first_paint_and_before_the_database_opens(qtbot, demo_db_path,
                                                                                  shown_messages):
    seen = []
    start = None

    def before_open():
        seen.append((start.window.isVisible(), start._thread is None, start.window.ctx is None))

    start = FastStart(str(demo_db_path), config.AppSettings(), before_open=before_open)
    qtbot.addWidget(start.window)
    assert seen == []  # not yet: the frame is painted first
    qtbot.waitUntil(lambda: start.window.ctx is not None, timeout=15_000)
    assert seen == [(True, True, True)]
    _finish(start)
