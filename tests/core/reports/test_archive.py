"""Frozen reports: exact figures later, what changed since; the narrative per period."""

from __future__ import annotations

import datetime as dt

import pytest

from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.models import Member, MemberKind
from clustermanager.reports import archive
from clustermanager.reports import narrative as report_narrative
from clustermanager.reports.data import Narrative
from clustermanager.reports.period import year_period
from tests.core.reports import world


def test_submitted_report_comes_back_exactly_after_the_data_changed(world_db, report):
    with world_db.session() as s:
        info = archive.submit_report(s, report, dt.datetime(2026, 1, 15, 9, 30))
    with world_db.session() as s:
        s.add(Member(name="Newcomer", kind=MemberKind.OTHER, joined_on=dt.date(2025, 12, 1)))
    with world_db.session() as s:
        assert [i.id for i in archive.list_frozen(s)] == [info.id]
        assert archive.load_frozen(s, info.id) == report
        changes = archive.changes_since(s, info.id, today=world.TODAY)
    by_key = {c.key: c for c in changes.changes}
    assert (by_key["members.end.total"].submitted, by_key["members.end.total"].current) == (4, 5)
    assert by_key["members.end.by_kind.other"].label == "Members at the end of the period: Other"
    assert "finance.budget" not in by_key


def test_nothing_changed(world_db, report):
    with world_db.session() as s:
        info = archive.submit_report(s, report)
        assert archive.changes_since(s, info.id, today=world.TODAY).unchanged


def test_unknown_frozen_report(world_db):
    with world_db.session() as s, pytest.raises(NotFoundError):
        archive.load_frozen(s, 99)


def test_narrative_is_kept_per_period(world_db):
    other = year_period(2024)
    with world_db.session() as s:
        report_narrative.save_narrative(s, other, Narrative("Done ✓", "", "Grow"))
    with world_db.session() as s:
        assert report_narrative.get_narrative(s, other) == Narrative("Done ✓", "", "Grow")
        assert report_narrative.get_narrative(s, world.PERIOD).plans == "Continue."
        with pytest.raises(ValidationError) as err:
            report_narrative.save_narrative(s, other, Narrative("x" * 20_001))
        assert err.value.field == "achievements"
