from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clustermanager.errors import ValidationError
from clustermanager.models import ClusterKind
from clustermanager.reports.data import from_json, to_json
from clustermanager.reports.period import parse_period
from clustermanager.services.cluster import ProfileData


def test_json_round_trip_is_exact(report):
    text = to_json(report)
    again = from_json(text)
    assert again == report
    assert isinstance(again.finance.budget, Decimal) and again.finance.budget == Decimal("10000.00")
    assert isinstance(again.members.members[0].joined_on, dt.date)
    assert '"fees_received":"1210.00"' in text  # amounts as exact strings, never floats


@pytest.mark.parametrize(("text", "start", "end", "label"), [
    ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025"),
    ("2023-2025", dt.date(2023, 1, 1), dt.date(2025, 12, 31), "2023–2025"),
    (" 2023 – 2024 ", dt.date(2023, 1, 1), dt.date(2024, 12, 31), "2023–2024"),
])
def test_parse_years(text, start, end, label):
    period = parse_period(text)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_parse_funding_period_from_the_profile():
    profile = ProfileData(name="X", kind=ClusterKind.IBN, funding_start=dt.date(2023, 7, 1),
                          funding_end=dt.date(2026, 6, 30))
    period = parse_period("funding", profile)
    assert (period.start, period.end, period.years) == (dt.date(2023, 7, 1), dt.date(2026, 6, 30),
                                                        (2023, 2024, 2025, 2026))


@pytest.mark.parametrize("text", ["", "last year", "2025-2023", "funding", "25"])
def test_bad_periods_are_refused(text):
    with pytest.raises(ValidationError) as err:
        parse_period(text, None)
    assert err.value.field == "period"
