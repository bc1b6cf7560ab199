"""build_report on the hand-built cluster of `world`: each figure as counted by hand."""

from __future__ import annotations

from decimal import Decimal

from clustermanager.reports.figures import build_report
from clustermanager.reports.period import year_period
from tests.core.reports import world


def test_members_at_start_and_end(report):
    m = report.members
    assert (m.start.total, m.end.total) == (4, 4)
    assert m.start.by_kind == {"company": 3, "knowledge_institution": 1, "government": 0, "other": 0}
    assert m.end.by_size == {"micro": 1, "large": 1, "medium": 1}
    assert (m.start.smes, m.start.sme_share) == (3, Decimal("1.0000"))
    assert (m.end.smes, m.end.sme_share) == (2, Decimal("0.6667"))
    assert (m.joined, m.left) == (1, 1)
    assert m.by_province == {"Antwerpen": 2, "Vlaams-Brabant": 1, "": 1}
    assert m.by_country == {"BE": 3, "NL": 1}
    assert sorted(line.name for line in m.members) == sorted(
        ["Alpha BV", "Beta NV", "Gamma SA", "KU Test – Lab", world.EVIL])


def test_finances_from_the_fee_services(report):
    f = report.finance
    assert [y.year for y in f.years] == [2025]
    assert (f.budget, f.subsidy) == (Decimal("10000.00"), Decimal("5000.00"))
    assert (f.fee_calls, f.overdue_calls) == (2, 1)
    assert (f.fees_called_excl_vat, f.fees_called_total) == (Decimal("1500.00"), Decimal("1815.00"))
    assert (f.fees_received, f.fees_outstanding) == (Decimal("1210.00"), Decimal("605.00"))
    assert f.fees_received_excl_vat == Decimal("1000.00")
    assert (f.in_kind, f.in_kind_counted, f.own_total) == (Decimal("300.00"), False, Decimal("1000.00"))
    assert (f.required_amount, f.shortfall, f.met) == (Decimal("5000.00"), Decimal("4000.00"), False)
    assert f.self_funding_share == Decimal("0.1000")
    assert [(c.number, c.status, c.received, c.outstanding) for c in f.calls] == [
        ("2025-00001", "paid", Decimal("1210.00"), Decimal("0.00")),
        ("2025-00002", "overdue", Decimal("0.00"), Decimal("605.00"))]
    assert [p.amount for p in f.payments] == [Decimal("1210.00")]


def test_activities(report):
    a = report.activities
    assert (a.activities, a.by_kind, a.international) == (2, {"workshop": 1, "webinar": 1}, 1)
    assert (a.participations, a.attendances, a.distinct_people, a.outside_participants) == (6, 5, 4, 1)
    assert (a.distinct_member_organisations, a.members_active_during) == (3, 5)
    assert a.share_members_reached == Decimal("0.6000")
    workshop = a.lines[0]
    assert (workshop.registered, workshop.attended, workshop.member_organisations,
            workshop.outside_participants) == (4, 3, 2, 1)


def test_projects(report):
    p = report.projects
    assert (p.total, p.started, p.running, p.completed) == (2, 1, 1, 1)
    assert p.by_kind == {"b2b": 1, "education_training": 1}
    assert (p.meeting_company_rule, p.partners_involved) == (1, 4)
    assert p.budget_by_funding_source == {"agency": Decimal("90000.00"), "own": Decimal("10000.00")}
    robots = next(line for line in p.lines if line.title == "Shared robots")
    assert (robots.lead, robots.partners, robots.companies) == ("Alpha BV", 3, 3)


def test_cluster_and_narrative(report):
    assert report.cluster.name == world.CLUSTER_NAME
    assert report.narrative.achievements.startswith("Één")


def test_several_years_sum_the_finances(world_db):
    with world_db.session() as s:
        data = build_report(s, year_period(2024, 2025), today=world.TODAY)
    assert [y.year for y in data.finance.years] == [2024, 2025]
    assert data.finance.budget == Decimal("18000.00")
    assert data.finance.required_amount == Decimal("9000.00")
    assert data.activities.activities == 3


def test_progress_is_reported(world_db):
    seen = []
    with world_db.session() as s:
        build_report(s, world.PERIOD, lambda pct, msg: seen.append(pct), today=world.TODAY)
    assert seen[0] == 0 and seen[-1] == 100 and seen == sorted(seen)


def test_the_clusters_own_activity_kind_keeps_its_label(world_db):
    from clustermanager.models import Activity
    from clustermanager.reports.charts import chart_specs
    from clustermanager.reports.data import from_json, to_json
    from clustermanager.reports.summary import figures_by_key
    from clustermanager.services.activities import add_activity_kind

    with world_db.session() as s:
        code = add_activity_kind(s, "Hackathon & demo day")
        s.add(Activity(kind=code, title="Hack", starts_on=world.D(2025, 9, 1)))
    with world_db.session() as s:
        data = from_json(to_json(build_report(s, world.PERIOD, today=world.TODAY)))  # also once frozen
    assert figures_by_key(data)[f"activities.by_kind.{code}"].label == "Hackathon & demo day"
    assert "Hackathon & demo day" in next(c for c in chart_specs(data) if c.key == "activities_by_kind").categories
