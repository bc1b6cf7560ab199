"""A project's status has a dated history: changes keep the old ones, dates can be corrected, and the
status on any day is asked of the history (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from clustermanager import migrations
from clustermanager.db import open_database
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.models import ProjectStatus
from clustermanager.services import project_status as ps
from clustermanager.services import projects as prj
from clustermanager.services.integrity import run_checks
from clustermanager.services.project_checks import check_status_history

D = dt.date
S = ProjectStatus
pytestmark = pytest.mark.postgres


def _new(session, title="Twin", status="idea", starts=None, ends=None, on=D(2024, 1, 10)) -> int:
    return prj.create_project(session, prj.ProjectInput(kind="b2b", title=title, status=status, starts_on=starts,
                                                        ends_on=ends), status_on=on).id


def _history(session, pid):
    return [(c.status, c.changed_on) for c in ps.status_history(session, pid)]


def test_a_new_project_starts_its_history_from_its_dates(db):
    with db.session() as s:
        idea = _new(s, "Idea")
        done = _new(s, "Done", "completed", D(2023, 2, 1), D(2024, 6, 30))
        stopped = _new(s, "Stopped", "stopped", None, None, on=D(2024, 3, 3))
        assert _history(s, idea) == [(S.IDEA, D(2024, 1, 10))]
        assert _history(s, done) == [(S.RUNNING, D(2023, 2, 1)), (S.COMPLETED, D(2024, 6, 30))]
        assert _history(s, stopped) == [(S.STOPPED, D(2024, 3, 3))]
        assert check_status_history(s).ok


def test_changes_are_kept_and_the_status_on_a_day_comes_from_them(db):
    with db.session() as s:
        pid = _new(s)
        ps.set_status(s, pid, "preparation", on=D(2024, 4, 1), note="Call for partners")
        ps.set_status(s, pid, "running", on=D(2025, 2, 1))
        ps.set_status(s, pid, "completed", on=D(2026, 1, 31))
        assert _history(s, pid) == [(S.IDEA, D(2024, 1, 10)), (S.PREPARATION, D(2024, 4, 1)),
                                    (S.RUNNING, D(2025, 2, 1)), (S.COMPLETED, D(2026, 1, 31))]
        detail = prj.get_project(s, pid)
        # the project shows its latest status; a start and end the form lacked come from the history
        assert (detail.status, detail.starts_on, detail.ends_on) == (S.COMPLETED, D(2025, 2, 1), D(2026, 1, 31))
        assert ps.status_on(s, pid, D(2024, 1, 9)) is None
        assert ps.status_on(s, pid, D(2024, 4, 1)) is S.PREPARATION
        assert ps.status_on(s, pid, D(2025, 12, 31)) is S.RUNNING
        assert ps.statuses_on(s, D(2026, 2, 1)) == {pid: S.COMPLETED}
        assert check_status_history(s).ok


def test_a_backdated_change_does_not_change_todays_status(db):
    with db.session() as s:
        pid = _new(s)
        ps.set_status(s, pid, "running", on=D(2025, 3, 1))
        ps.set_status(s, pid, "preparation", on=D(2024, 6, 1))  # entered late, happened before
        assert prj.get_project(s, pid).status is S.RUNNING
        assert ps.status_on(s, pid, D(2024, 12, 31)) is S.PREPARATION


def test_correcting_a_date_reorders_the_history_and_follows_the_latest(db):
    with db.session() as s:
        pid = _new(s)
        running = ps.set_status(s, pid, "running", on=D(2025, 3, 1))
        stopped = ps.set_status(s, pid, "stopped", on=D(2025, 9, 1))
        ps.correct_status_date(s, running.id, D(2025, 1, 15))
        assert ps.status_on(s, pid, D(2025, 1, 31)) is S.RUNNING
        # moving the stop back before the start makes "running" the latest change again... refused
        with pytest.raises(ValidationError) as exc:
            ps.correct_status_date(s, stopped.id, D(2024, 12, 1))
        assert exc.value.problems[0].field == "changed_on"
        assert prj.get_project(s, pid).status is S.STOPPED


def test_refusals_name_the_field_and_change_nothing(db):
    with db.session() as s:
        pid = _new(s)
        with pytest.raises(ValidationError) as exc:
            ps.set_status(s, pid, "idea", on=D(2024, 2, 1))
        assert exc.value.problems[0].field == "status"
        with pytest.raises(ValidationError) as exc:
            ps.set_status(s, pid, "dreaming")
        assert exc.value.problems[0].field == "status"
        with pytest.raises(NotFoundError):
            ps.set_status(s, 999, "running")
        with pytest.raises(ValidationError):
            ps.delete_status_change(s, ps.status_history(s, pid)[0].id)
        assert _history(s, pid) == [(S.IDEA, D(2024, 1, 10))]


def test_the_form_records_a_new_status_as_a_dated_change(db):
    with db.session() as s:
        pid = _new(s)
        data = prj.get_project(s, pid).to_input()
        prj.update_project(s, pid, prj.ProjectInput(**{**vars(data), "status": "running", "starts_on": D(2025, 5, 1)}),
                           status_on=D(2025, 5, 1))
        prj.update_project(s, pid, prj.ProjectInput(**{**vars(data), "status": "running", "starts_on": D(2025, 5, 1),
                                                       "title": "Twin 2"}))
        assert _history(s, pid) == [(S.IDEA, D(2024, 1, 10)), (S.RUNNING, D(2025, 5, 1))]


def test_the_check_finds_a_status_that_is_not_its_latest_change(db):
    with db.session() as s:
        pid = _new(s)
        from clustermanager.models import Project
        s.get(Project, pid).status = S.RUNNING
        s.flush()
        assert not check_status_history(s).ok
        assert ps.complete_histories(s, on=D(2025, 1, 1)) == 1
        assert _history(s, pid)[-1] == (S.RUNNING, D(2025, 1, 1))
        assert check_status_history(s).ok


def test_the_migration_fills_the_history_from_todays_data(tmp_path):
    """A database from before the history: each project's changes follow from its status and dates."""
    path = tmp_path / "old.cmdb"
    db = open_database(path)
    db.close()
    cfg_db = open_database(path)
    from alembic import command
    command.downgrade(migrations.alembic_config(cfg_db), "0001")
    cfg_db.close()
    with sqlite3.connect(path) as conn:
        rows = [(1, "b2b", "Idea", "idea", None, None, "2024-05-06 10:00:00"),
                (2, "b2b", "Run", "running", "2024-02-01", None, "2024-01-01 10:00:00"),
                (3, "b2b", "Done", "completed", "2023-01-01", "2024-12-31", "2023-01-01 10:00:00"),
                (4, "b2b", "Halt", "stopped", None, None, "2023-01-01 10:00:00")]
        conn.executemany("INSERT INTO project (id, kind, title, status, starts_on, ends_on, created_at, updated_at,"
                         " version) VALUES (?, ?, ?, ?, ?, ?, ?, '2025-03-04 09:00:00', 1)", rows)
    db = open_database(path)
    with db.session() as s:
        assert _history(s, 1) == [(S.IDEA, D(2024, 5, 6))]
        assert _history(s, 2) == [(S.RUNNING, D(2024, 2, 1))]
        assert _history(s, 3) == [(S.RUNNING, D(2023, 1, 1)), (S.COMPLETED, D(2024, 12, 31))]
        assert _history(s, 4) == [(S.STOPPED, D(2025, 3, 4))]
    assert run_checks(db).ok
    db.close()
