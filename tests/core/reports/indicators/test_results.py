"""Every built-in indicator is the report's figure for the same period, on the hand-built cluster
(tests/core/reports/world.py) where each number is known; targets yearly and for the period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clustermanager.reports.figures import build_report
from clustermanager.reports.indicators import store
from clustermanager.reports.indicators.catalogue import BUILTIN, BY_KEY
from clustermanager.reports.indicators.results import indicator_status
from clustermanager.reports.period import ReportPeriod, year_period
from clustermanager.reports.summary import figures_by_key
from tests.core.reports import world

D = dt.date
# Worked out by hand from world.py's docstring (2025) and its 2024 data.
EXPECTED_2025 = {
    "members": 4, "new_members": 1, "leaving_members": 1, "smes": 2, "sme_share": Decimal("0.6667"),
    "companies_involved": 3, "members_involved_share": Decimal("0.8000"), "activities": 2, "participations": 5,
    "distinct_participants": 4, "projects_started": 1, "projects_three_companies": 1,
    "project_budget": Decimal("90000.00"), "leverage": Decimal("2.00"), "international_activities": 1,
    "international_projects": 1, "own_contribution": Decimal("1000.00"), "self_funding_share": Decimal("0.1000"),
    "fee_collection_rate": Decimal("0.6667"),
}
EXPECTED_2024 = {
    "members": 4, "new_members": 0, "leaving_members": 0, "activities": 1, "participations": 1,
    "projects_started": 1, "projects_three_companies": 0, "project_budget": Decimal("10000.00"),
    "leverage": None, "own_contribution": Decimal("0.00"), "self_funding_share": Decimal("0.0000"),
    "fee_collection_rate": None,
}


@pytest.fixture
def earmarked_db(world_db):
    with world_db.session() as s:
        store.set_earmarked_budget(s, 2025, "45000")
    return world_db


def test_the_catalogue_covers_the_issue_and_its_keys_are_stable():
    assert [i.key for i in BUILTIN] == list(EXPECTED_2025)
    assert len(BY_KEY) == len(BUILTIN)


def test_every_builtin_indicator_equals_the_reports_figure_for_each_year(earmarked_db):
    with earmarked_db.session() as s:
        report = build_report(s, world.PERIOD, today=world.TODAY)
        lines = {line.key: line for line in report.targets.lines}
        for year, expected in ((2024, EXPECTED_2024), (2025, EXPECTED_2025)):
            figures = figures_by_key(build_report(s, year_period(year), today=world.TODAY))
            status = {r.key: r for r in indicator_status(s, year, as_of=D(2026, 1, 15), today=world.TODAY)}
            for ind in BUILTIN:
                figure = figures[ind.figure].value
                result = next(y.result for y in lines[ind.key].years if y.year == year)
                assert result == (None if figure is None else Decimal(figure)), (ind.key, year)
                assert status[ind.key].result == result, (ind.key, year)
                if ind.key in expected:
                    assert result == (None if expected[ind.key] is None else Decimal(expected[ind.key])), ind.key


def test_the_period_result_is_the_reports_figure_for_the_funding_period(earmarked_db):
    with earmarked_db.session() as s:
        report = build_report(s, world.PERIOD, today=world.TODAY)
        whole = figures_by_key(build_report(s, ReportPeriod(D(2024, 1, 1), D(2025, 12, 31), "funding"),
                                            today=world.TODAY))
    for line in report.targets.lines:
        if line.key in BY_KEY:
            value = whole[BY_KEY[line.key].figure].value
            assert line.period_result == (None if value is None else Decimal(value)), line.key
    activities = next(x for x in report.targets.lines if x.key == "activities")
    assert activities.period_result == 3  # 1 in 2024 + 2 in 2025
    distinct = next(x for x in report.targets.lines if x.key == "distinct_participants")
    assert distinct.period_result == 4  # Alpha's contact attended both years: counted once, not 1 + 4


def test_yearly_target_judged_pro_rata_on_the_day(world_db):
    with world_db.session() as s:
        store.set_target(s, "activities", 2025, "4")
        store.set_target(s, "members", 2025, "5")  # a level: the whole target, whatever the day
        on_day = {r.key: r for r in indicator_status(s, 2025, as_of=D(2025, 7, 2))}  # day 183 of 365
    assert on_day["activities"].expected == Decimal("2.0055")  # 4 x 183/365
    assert on_day["activities"].result == 2 and on_day["activities"].status == "at_risk"  # 1.805 <= 2 < 2.0055
    assert on_day["members"].expected == 5 and on_day["members"].status == "behind"  # 4 < 4.5
    with world_db.session() as s:
        early = {r.key: r for r in indicator_status(s, 2025, as_of=D(2025, 6, 1))}
    assert early["activities"].status == "on_track"  # 4 x 152/365 = 1.67; both activities by then
    assert early["smes"].status == "no_target"


def test_period_target_is_used_without_a_yearly_one(world_db):
    with world_db.session() as s:
        store.set_target(s, "activities", None, "3.3", "clusterpact")
        row = {r.key: r for r in indicator_status(s, 2025, as_of=D(2025, 12, 31))}["activities"]
        assert (row.basis, row.target, row.result, row.status) == ("period", Decimal("3.3"), 3, "at_risk")  # 2.97 <= 3 < 3.3
    with world_db.session() as s:
        store.set_target(s, "activities", 2025, "2")
        row = {r.key: r for r in indicator_status(s, 2025, as_of=D(2025, 12, 31))}["activities"]
    assert (row.basis, row.result, row.status) == ("year", 2, "on_track")


def test_custom_indicators_cumulative_and_yearly(world_db):
    with world_db.session() as s:
        store.add_custom(s, "press", "Press articles", "articles", cumulative=True)
        store.add_custom(s, "staff_fte", "Staff", "FTE")
        for key, year, value in (("press", 2024, "3"), ("press", 2025, "4"), ("staff_fte", 2024, "2,5"),
                                 ("staff_fte", 2025, "3")):
            store.set_custom_value(s, key, year, value)
        store.set_target(s, "press", None, "6")
        store.set_target(s, "staff_fte", 2025, "3.3")
        report = build_report(s, world.PERIOD, today=world.TODAY)
        status = {r.key: r for r in indicator_status(s, 2025, as_of=D(2025, 12, 31))}
    lines = {x.key: x for x in report.targets.lines}
    assert lines["press"].period_result == 7 and lines["staff_fte"].period_result == 3
    assert [y.result for y in lines["press"].years] == [3, 4]
    assert status["press"].status == "on_track"  # 7 >= 6
    assert status["staff_fte"].status == "at_risk"  # 3 in [2.97, 3.3): a level, the whole target


def test_values_only_for_custom_indicators_and_targets_only_for_known_ones(world_db):
    from clustermanager.errors import NotFoundError, ValidationError

    with world_db.session() as s:
        with pytest.raises(ValidationError):
            store.set_custom_value(s, "members", 2025, "4")
        with pytest.raises(NotFoundError, match="nosuch"):
            store.set_target(s, "nosuch", 2025, "4")
        with pytest.raises(ValidationError, match="share"):
            store.set_target(s, "sme_share", 2025, "70")  # a share: 0.7 or 70%
        assert store.set_target(s, "sme_share", 2025, "70%").value == Decimal("0.7000")
