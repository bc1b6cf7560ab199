"""The on-track rule at its boundaries (reports/indicators/results.py, docs/indicators.md)."""

import datetime as dt
from decimal import Decimal

from clustermanager.reports.indicators.results import judge, span_fraction, year_fraction

D = Decimal


def test_higher_is_better_boundaries():
    assert judge(D(100), D(100), D(1)) == "on_track"  # exactly the target
    assert judge(D("99.99"), D(100), D(1)) == "at_risk"
    assert judge(D(90), D(100), D(1)) == "at_risk"  # exactly 10 % below
    assert judge(D("89.99"), D(100), D(1)) == "behind"
    assert judge(None, D(100), D(1)) == "behind"  # no result counts as 0
    assert judge(D(5), None, D(1)) == "no_target"
    assert judge(D(0), D(0), D(1)) == "on_track"


def test_lower_is_better_boundaries():
    kw = {"higher_is_better": False}
    assert judge(D(10), D(10), D(1), **kw) == "on_track"
    assert judge(D(11), D(10), D(1), **kw) == "at_risk"  # exactly 10 % above
    assert judge(D("11.01"), D(10), D(1), **kw) == "behind"


def test_pro_rata_and_levels():
    half = D(1) / D(2)
    assert judge(D(50), D(100), half) == "on_track"
    assert judge(D(45), D(100), half) == "at_risk"
    assert judge(D(44), D(100), half) == "behind"
    assert judge(D(50), D(100), half, pro_rata=False) == "behind"  # a level: the whole target


def test_the_part_of_the_year_gone_by():
    assert year_fraction(2025, dt.date(2025, 1, 1)) == D(1) / D(365)
    assert year_fraction(2025, dt.date(2025, 12, 31)) == 1
    assert year_fraction(2024, dt.date(2024, 12, 31)) == 1  # a leap year: 366/366
    assert year_fraction(2024, dt.date(2024, 2, 29)) == D(60) / D(366)
    assert year_fraction(2024, dt.date(2025, 3, 1)) == 1  # a past year
    assert year_fraction(2026, dt.date(2025, 3, 1)) == 0  # a year to come
    assert span_fraction(dt.date(2024, 1, 1), dt.date(2025, 12, 31), dt.date(2024, 12, 31)) == D(366) / D(731)
    assert span_fraction(dt.date(2024, 1, 1), dt.date(2025, 12, 31), dt.date(2023, 5, 1)) == 0
