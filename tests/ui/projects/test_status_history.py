"""The project dialog shows the dated status history, changes a status with the day it took effect,
and corrects the date of a recorded change (what the report reads for a past period)."""

from __future__ import annotations

import datetime as dt

import pytest

from clustermanager.models import ProjectStatus
from clustermanager.services import project_status
from clustermanager.ui.common import dialogs


@pytest.fixture
def projects_screen(window):
    screen = window.show_screen("projects")
    assert window.ctx.tasks.wait_idle()
    return screen


def _open(screen, status: ProjectStatus):
    row = next(r for r in screen.model.rows if r.status is status)
    dialog = screen.open_record(row.id)
    assert screen.ctx.tasks.wait_idle()
    return row, dialog


def test_new_status_with_its_day_and_the_history_tab(projects_screen, window):
    row, dialog = _open(projects_screen, ProjectStatus.RUNNING)
    form = dialog.form
    assert not form.status_since.isVisibleTo(form)  # no change, no day asked
    form.status.setCurrentIndex(form.status.findData(ProjectStatus.COMPLETED.value))
    assert form.status_since.isVisibleTo(form)
    with window.ctx.db.session() as session:
        started = project_status.status_history(session, row.id)[-1].changed_on
    ended = max(started + dt.timedelta(days=30), dt.date(2025, 6, 30))
    form.status_since.setDate(form.status_since.date().fromString(ended.isoformat(), "yyyy-MM-dd"))
    assert dialog.save()
    assert window.ctx.tasks.wait_idle()
    with window.ctx.db.session() as session:
        history = project_status.status_history(session, row.id)
    assert (history[-1].status, history[-1].changed_on) == (ProjectStatus.COMPLETED, ended)
    assert history[-2].status is ProjectStatus.RUNNING  # the earlier change stays


def test_history_lists_the_changes_and_corrects_a_date(projects_screen, window, monkeypatch):
    row, dialog = _open(projects_screen, ProjectStatus.RUNNING)
    tab = dialog.history
    assert dialog.tabs.indexOf(tab) >= 0
    with window.ctx.db.session() as session:
        recorded = project_status.status_history(session, row.id)
    assert tab.table.rowCount() == len(recorded)
    latest = recorded[-1]
    assert tab.table.item(0, 0).text() == "Running"
    assert tab.table.item(0, 1).text() == latest.changed_on.strftime("%d/%m/%Y")
    assert not tab.correct_button.isEnabled()  # nothing chosen yet
    tab.table.selectRow(0)
    assert tab.correct_button.isEnabled()
    new_day = latest.changed_on - dt.timedelta(days=10)
    monkeypatch.setattr(dialogs, "ask_date", lambda *args: new_day)
    tab.correct_selected()
    assert window.ctx.tasks.wait_idle()
    with window.ctx.db.session() as session:
        assert project_status.status_history(session, row.id)[-1].changed_on == new_day
        assert project_status.status_on(session, row.id, new_day) is ProjectStatus.RUNNING
    assert tab.table.item(0, 1).text() == new_day.strftime("%d/%m/%Y")  # the tab reloaded
    dialog.reject()


def test_a_new_project_has_no_history_tab(projects_screen):
    dialog = projects_screen.new_record()
    assert projects_screen.ctx.tasks.wait_idle()
    assert dialog.tabs.indexOf(dialog.history) == -1
    assert dialog.form.status_on() is None
    dialog.reject()
