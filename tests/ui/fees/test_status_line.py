"""The Fees header's counts add up to the year's calls, and half-paid calls past their due date are said."""

from __future__ import annotations

from decimal import Decimal

from clustermanager.services import fees
from clustermanager.ui.fees.screen import status_line


def _totals(**counts) -> fees.YearTotals:
    zero = Decimal("0")
    base = dict(year=2025, calls=sum(v for k, v in counts.items() if k != "overdue_partly_paid_count"),
                called_excl_vat=zero, called_vat=zero, called_total=zero, received=zero, outstanding=zero,
                overdue_count=0, paid_count=0, partly_paid_count=0, open_count=0)
    return fees.YearTotals(**{**base, **counts})


def test_overdue_calls_with_money_in_are_not_hidden_behind_zero_partly_paid():
    line = status_line(2025, _totals(paid_count=60, overdue_count=50, overdue_partly_paid_count=23))
    assert line == "2025: 60 paid, 50 overdue (23 of them partly paid)"
    assert "partly paid, " not in line  # no "0 partly paid"
    assert status_line(2026, _totals()) == "2026: no fee calls yet"
    assert status_line(2025, _totals(paid_count=1, partly_paid_count=2, open_count=3, overdue_count=4,
                                     credited_count=5)) == "2025: 1 paid, 2 partly paid, 3 open, 4 overdue, 5 credited"


def test_the_screen_header_counts_every_call_of_the_demo(window):
    screen = window.show_screen("fees")
    assert window.ctx.tasks.wait_idle()
    t, calls = screen.snapshot.totals, screen.snapshot.calls
    live = [c for c in calls if c.status is not fees.CallStatus.CANCELLED]
    assert t.paid_count + t.partly_paid_count + t.open_count + t.overdue_count + t.credited_count == len(live)
    half = sum(1 for c in live if c.status is fees.CallStatus.OVERDUE and c.paid > 0)
    assert half and t.overdue_partly_paid_count == half
    assert f"({half} of them partly paid)" in screen.subtitle.text()
