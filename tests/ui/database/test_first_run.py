"""First run on an empty database: a new cluster's profile, or the demo; preferences."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clustermanager.services.cluster import get_profile, has_profile
from clustermanager.ui.database import first_run
from clustermanager.ui.shell.profile_dialog import ProfileDialog


@pytest.fixture
def empty_window(qtbot, db, shown_messages):
    from clustermanager.ui.app import create_main_window

    win = create_main_window(db)
    qtbot.addWidget(win)
    yield win
    win.ctx.tasks.wait_idle()
    win.close()


def test_profile_form_validates_and_reads_back(qtbot):
    dialog = ProfileDialog(None)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert not save.isEnabled()
    qtbot.keyClicks(dialog.name, "Flanders Robotics")
    assert save.isEnabled()
    qtbot.keyClicks(dialog.iban, "BE00 1234")
    assert not save.isEnabled()
    assert dialog.checks.fields["iban"].error.isVisibleTo(dialog)
    dialog.iban.clear()
    qtbot.keyClicks(dialog.iban, "BE71 0961 2345 6769")
    qtbot.keyClicks(dialog.funding_start, "01/01/2025")
    dialog.funding_rate.setValue(60)
    assert save.isEnabled()
    data = dialog.data()
    assert data.name == "Flanders Robotics"
    assert data.funding_start == dt.date(2025, 1, 1)
    assert data.funding_rate == Decimal("0.600")


def test_first_run_opens_the_demo(empty_window, qtbot, monkeypatch, _isolated_home):
    monkeypatch.setattr(first_run, "ask_first_run", lambda _window: first_run.DEMO)
    with qtbot.waitSignal(empty_window.ctx.database_changed, timeout=60_000):
        empty_window.database_opened()
    assert empty_window.ctx.db.path == _isolated_home / "demo.cmdb"
    with empty_window.ctx.db.session() as s:
        assert has_profile(s)
    assert "ClusterManager" in empty_window.windowTitle()
    assert str(_isolated_home / "demo.cmdb") == empty_window.ctx.settings.recent_databases[0]


def test_first_run_new_cluster_saves_the_profile(empty_window, qtbot, monkeypatch):
    monkeypatch.setattr(first_run, "ask_first_run", lambda _window: first_run.NEW)

    def fill_and_accept(self):
        self.name.setText("Blue Cluster")
        return ProfileDialog.DialogCode.Accepted

    monkeypatch.setattr(ProfileDialog, "exec", fill_and_accept)
    empty_window.database_opened()
    assert empty_window.ctx.tasks.wait_idle()  # read, saved and the title read again on the task runner
    with empty_window.ctx.db.session() as s:
        assert get_profile(s).name == "Blue Cluster"
    assert empty_window.windowTitle().startswith("Blue Cluster")


def test_no_first_run_question_when_a_profile_exists(window, monkeypatch):
    asked = []
    monkeypatch.setattr(first_run, "ask_first_run", lambda w: asked.append(w))
    window.database_opened()
    assert window.ctx.tasks.wait_idle()
    assert asked == []


def test_preferences_store_the_language(window, qtbot):
    from clustermanager.config import AppSettings
    from clustermanager.ui.shell.preferences import PreferencesDialog

    dialog = PreferencesDialog(window.ctx, window)
    dialog.language.setCurrentIndex(dialog.language.findData("nl"))
    dialog.accept()
    assert AppSettings.load().language == "nl"


def test_opening_another_database_reloads_the_register(window, qtbot, db, monkeypatch):
    monkeypatch.setattr(first_run, "ask_first_run", lambda _window: None)  # "Later"
    members = window.show_screen("members")
    assert window.ctx.tasks.wait_idle()
    assert members.model.rowCount() > 0
    assert window.files.switch_to(db.path)
    assert window.ctx.tasks.wait_idle()
    assert members.model.rowCount() == 0  # the new database is empty
    assert window.ctx.db.path == db.path
