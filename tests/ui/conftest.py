"""Fixtures for driving the real window."""

from __future__ import annotations

import gc

import pytest

from clustermanager.ui.common import errors as ui_errors
from clustermanager.ui.shell import garbage


@pytest.fixture(scope="session", autouse=True)
def _garbage_collected_on_the_main_thread():
    """As the window does (ui/shell/garbage.py): no automatic collection on a worker or inside Qt."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test():
    """What the window's timer would have collected, at a quiet moment: after the test's widgets closed."""
    yield
    garbage.collect_due()


@pytest.fixture(autouse=True)
def _log_into_this_tests_home(monkeypatch):
    """logging_setup configures once per process: let each test log into its own data folder."""
    import logging

    from clustermanager import logging_setup

    monkeypatch.setattr(logging_setup, "_configured", False)
    yield
    logger = logging.getLogger("clustermanager")
    for handler in list(logger.handlers):
        if isinstance(handler, logging.FileHandler):
            logger.removeHandler(handler)
            handler.close()


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch):
    """A modal exec() would wait for a click forever: fail the test at once instead."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(self, *args):
        raise AssertionError(f"a test opened a modal {type(self).__name__}; patch the function that asks")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)


@pytest.fixture
def shown_messages(monkeypatch, request):
    """Every message box the window would show, as (title, text, critical), instead of showing it.

    A "bug" box ("Something unexpected went wrong", critical) fails the test at its end, unless the test
    is marked `@pytest.mark.expects_bug_dialog`: a known failure must reach people as its own message.
    """
    shown: list[tuple[str, str, bool]] = []
    monkeypatch.setattr(ui_errors, "message_box",
                        lambda _parent, title, text, critical=False: shown.append((title, text, critical)))
    yield shown
    bugs = [text for _title, text, critical in shown if critical]
    if bugs and request.node.get_closest_marker("expects_bug_dialog") is None:
        pytest.fail("the window showed an unexpected-error dialog (a bug, see the log): " + " | ".join(bugs))


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
