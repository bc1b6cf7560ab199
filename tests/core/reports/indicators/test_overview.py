"""What the Indicators screen reads and writes: the years of the funding period with the report's own
results, this year's verdict judged within the funding period, and one indicator's targets and values
saved at once (a bad cell named with its year, nothing written)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clustermanager.errors import ValidationError
from clustermanager.reports.indicators import store
from clustermanager.reports.indicators.card import indicators_card
from clustermanager.reports.indicators.overview import overview, save_indicator, set_earmarked_budgets
from tests.core.reports import world

D = dt.date


def test_the_years_carry_the_reports_results_and_the_verdict_is_for_the_judging_year(world_db):
    with world_db.session() as s:
        store.set_target(s, "members", 2025, "5")
        store.set_target(s, "activities", None, "4", "clusterpact")
        o = overview(s, today=world.TODAY)
    assert (o.first_year, o.last_year, o.year, o.as_of) == (2024, 2025, 2025, world.TODAY)
    assert o.funding_period and not o.as_of_set and not o.as_of_clamped
    views = {v.line.key: v for v in o.views}
    members = views["members"]
    assert [(y.year, y.target, y.result) for y in members.line.years] == [
        (2024, None, Decimal(4)), (2025, Decimal("5.0000"), Decimal(4))]
    assert members.verdict.status == "behind" and members.verdict.basis == "year"  # a level: 4 < 5 x 0.9
    activities = views["activities"]  # 1 in 2024 + 2 in 2025 = 3 of 4 for the period
    assert activities.verdict.basis == "period" and activities.sources == {None: "clusterpact"}
    assert activities.line.period_result == Decimal(3)
    assert not views["members"].custom


def test_after_the_funding_period_the_verdict_is_the_final_one(world_db):
    with world_db.session() as s:
        store.set_target(s, "activities", 2025, "2")
        o = overview(s, today=D(2027, 3, 1))
        value, *_rest = indicators_card(s, today=D(2027, 3, 1))
    assert (o.year, o.as_of, o.as_of_clamped) == (2025, D(2025, 12, 31), True)
    assert {v.line.key: v for v in o.views}["activities"].verdict.status == "on_track"
    assert value != "–"  # the dashboard's card judges the same year, not an empty 2027


def test_one_indicators_targets_and_values_saved_together(world_db):
    with world_db.session() as s:
        store.add_custom(s, "press", "Press articles", "articles", cumulative=True)
        store.set_target(s, "press", 2024, "3")
        save_indicator(s, "press", {2024: "", 2025: "4", None: "9"}, "action_plan", {2024: "2", 2025: "5"})
    with world_db.session() as s:
        assert {(t.year, t.value, t.source.value) for t in store.targets(s)} == {
            (2025, Decimal("4.0000"), "action_plan"), (None, Decimal("9.0000"), "action_plan")}  # 2024 removed
        assert store.custom_indicators(s)[0].values == {2024: Decimal("2.0000"), 2025: Decimal("5.0000")}
        save_indicator(s, "press", {}, "action_plan", {2024: ""})
        assert store.custom_indicators(s)[0].values == {2025: Decimal("5.0000")}


def test_a_bad_cell_is_named_with_its_year_and_nothing_is_written(world_db):
    with world_db.session() as s:
        with pytest.raises(ValidationError) as caught:
            save_indicator(s, "sme_share", {2024: "60%", 2025: "lots", None: "140%"}, "support_agreement")
        assert [p.field for p in caught.value.problems] == ["target 2025", "target for the funding period"]
        assert "lots" in str(caught.value)
        assert store.targets(s) == []
        with pytest.raises(ValidationError, match="only custom indicators take values"):
            save_indicator(s, "members", {2025: "5"}, "support_agreement", {2025: "3"})
        assert store.targets(s) == []


def test_the_earmarked_budget_per_year_all_checked_first(world_db):
    with world_db.session() as s:
        with pytest.raises(ValidationError) as caught:
            set_earmarked_budgets(s, {2024: "10000", 2025: "-5"})
        assert caught.value.field == "earmarked budget 2025"
        assert overview(s, today=world.TODAY).earmarked == {2024: Decimal("0.00"), 2025: Decimal("0.00")}
        set_earmarked_budgets(s, {2024: "10.000,50", 2025: ""})
        assert overview(s, today=world.TODAY).earmarked == {2024: Decimal("10000.50"), 2025: Decimal("0.00")}
