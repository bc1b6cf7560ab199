"""Headline figures: active members by kind, SME share, joined and left this year."""

from __future__ import annotations

import datetime as dt

from clustermanager.models import MemberKind
from clustermanager.services import members as m
from clustermanager.services.dashboard import headline_figures

DAY = dt.date(2025, 6, 30)


def add(session, name, kind, joined, size=None, left=None):
    m.create_member(session, m.MemberInput(name=name, kind=kind, joined_on=joined, size_class=size, left_on=left))


def test_counts_on_a_day(session):
    add(session, "Micro A", "company", dt.date(2020, 1, 1), "micro")
    add(session, "Large B", "company", dt.date(2025, 2, 1), "large")
    add(session, "Unknown C", "company", dt.date(2021, 1, 1))
    add(session, "Uni", "knowledge_institution", dt.date(2019, 5, 1))
    add(session, "Left early", "company", dt.date(2018, 1, 1), "small", left=dt.date(2025, 3, 31))
    add(session, "Left last year", "government", dt.date(2018, 1, 1), left=dt.date(2024, 12, 31))
    add(session, "Joins later", "company", dt.date(2025, 9, 1), "small")

    f = headline_figures(session, DAY)

    assert f.active_members == 4
    assert {k.kind: k.count for k in f.by_kind} == {
        MemberKind.COMPANY: 3, MemberKind.KNOWLEDGE: 1, MemberKind.GOVERNMENT: 0, MemberKind.OTHER: 0}
    assert [k.kind for k in f.by_kind] == list(MemberKind)
    assert (f.active_companies, f.active_smes, f.companies_without_size) == (3, 1, 1)
    assert [(s.size_class and s.size_class.value, s.count) for s in f.companies_by_size] == [
        ("micro", 1), ("small", 0), ("medium", 0), ("large", 1), (None, 1)]
    assert f.sme_share == 0.5  # micro A among {micro A, large B}; unknown size left out
    assert f.joined_this_year == 1  # Large B (Joins later is after the day)
    assert f.left_this_year == 1  # Left early; Left last year belongs to 2024


def test_empty_database(session):
    f = headline_figures(session, DAY)
    assert f.active_members == 0 and f.sme_share is None
    assert all(k.count == 0 for k in f.by_kind)


def test_member_leaving_on_the_day_still_counts_as_active(session):
    add(session, "Last day", "other", dt.date(2020, 1, 1), left=DAY)
    f = headline_figures(session, DAY)
    assert f.active_members == 1 and f.left_this_year == 0
