"""The project pipeline on the hand-built cluster (world.py): dated stages from the one status history,
counts per period, conversion, requested and granted funding, and the same numbers in the report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from clustermanager.errors import ValidationError
from clustermanager.models import Member, Project, ProjectStatus
from clustermanager.reports.figures import build_report
from clustermanager.reports.period import year_period
from clustermanager.reports.summary import figures_by_key
from clustermanager.services import project_status
from clustermanager.services.project_pipeline import (
    application,
    funding_by_member,
    pipeline,
    set_partner_funding,
    set_programme,
)
from tests.core.reports import world

D = dt.date


@pytest.fixture
def piped(world_db):
    with world_db.session() as s:
        ids = {p.title: p.id for p in s.scalars(select(Project))}
        members = {m.name: m.id for m in s.scalars(select(Member))}
        robots, idea = ids["Shared robots"], ids["Idea"]
        set_programme(s, robots, "icon", "ICON 2024-2")
        project_status.set_status(s, robots, ProjectStatus.SUBMITTED, on=D(2024, 10, 1))
        project_status.set_status(s, robots, ProjectStatus.APPROVED, on=D(2025, 1, 10))
        project_status.set_status(s, idea, ProjectStatus.SUBMITTED, on=D(2025, 3, 1))
        project_status.set_status(s, idea, ProjectStatus.REJECTED, on=D(2025, 5, 1))
        partners = sorted(n for n in members if n.startswith(("Alpha", "Beta")))
        set_partner_funding(s, robots, members[partners[0]], "30000", "24000")
        set_partner_funding(s, robots, members[partners[1]], "20.000,00")
    return world_db, robots, idea, members


def test_the_stages_counted_in_each_period_and_the_conversion(piped):
    db, robots, idea, _members = piped
    with db.session() as s:
        p24, p25 = pipeline(s, D(2024, 1, 1), D(2024, 12, 31)), pipeline(s, D(2025, 1, 1), D(2025, 12, 31))
        assert s.get(Project, robots).status is ProjectStatus.RUNNING  # the latest change is still running
        assert s.get(Project, idea).status is ProjectStatus.REJECTED
    assert (p24.ideas, p24.submitted, p24.approved, p24.rejected) == (3, 1, 0, 0)
    assert (p24.conversion_submitted, p24.conversion_approved) == (Decimal("0.3333"), Decimal("0"))
    assert p24.funding_requested == Decimal("50000.00") and p24.funding_granted == 0
    assert (p25.ideas, p25.submitted, p25.approved, p25.rejected, p25.started, p25.completed) == (0, 1, 1, 1, 1, 1)
    assert p25.conversion_submitted is None and p25.conversion_approved == Decimal("1.0000")
    assert p25.funding_requested == 0 and p25.funding_granted == Decimal("24000.00")
    assert p25.by_programme == {"icon": (0, 1, Decimal("0.00"), Decimal("24000.00")),
                                "unspecified": (1, 0, Decimal("0.00"), Decimal("0.00"))}


def test_the_report_gives_the_same_pipeline_and_keeps_its_started(piped):
    db, *_rest = piped
    with db.session() as s:
        figures = figures_by_key(build_report(s, year_period(2025), today=world.TODAY))
    assert figures["projects.pipeline.approved"].value == 1
    assert figures["projects.pipeline.rejected"].value == 1
    assert figures["projects.pipeline.conversion_approved"].value == Decimal("1.0000")
    assert figures["projects.pipeline.funding_granted"].value == Decimal("24000.00")
    assert figures["projects.started"].value == 1  # a submission before the start changes nothing there


def test_funding_only_for_partners_and_never_negative(piped):
    db, robots, idea, members = piped
    with db.session() as s:
        with pytest.raises(ValidationError) as caught:
            set_partner_funding(s, idea, next(iter(members.values())), "100")
        assert caught.value.field == "member"
        alpha = next(m for n, m in members.items() if n.startswith("Alpha"))
        with pytest.raises(ValidationError) as caught:
            set_partner_funding(s, robots, alpha, "-5")
        assert caught.value.field == "requested"
        with pytest.raises(ValidationError) as caught:
            set_programme(s, robots, "lottery")
        assert caught.value.field == "programme"
        data = application(s, robots)
    assert data.programme.value == "icon" and data.call == "ICON 2024-2"
    assert [(req, gr) for _n, req, gr in data.funding] == [(Decimal("30000.00"), Decimal("24000.00")),
                                                           (Decimal("20000.00"), None)]


def test_a_partner_removed_takes_its_funding_along(piped):
    db, robots, _idea, members = piped
    from clustermanager.services import projects

    beta = next(m for n, m in members.items() if n.startswith("Beta"))
    with db.session() as s:
        projects.remove_partner(s, robots, beta)
        assert beta not in funding_by_member(s, robots)
        assert pipeline(s, D(2024, 1, 1), D(2024, 12, 31)).funding_requested == Decimal("30000.00")
