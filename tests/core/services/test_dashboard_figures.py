"""The dashboard's and the report's fee figures from calls grouped in SQL (services/fee_groups.py) equal
the same figures computed call by call from `list_calls` rows, as they were before, on a demo cluster
with paid, partly paid, overdue, credited and cancelled calls; and the report without its lists has the
same cash figures as the report with them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from clustermanager.demo import generate_demo
from clustermanager.models import FeeCallStatus
from clustermanager.reports.figures import build_report
from clustermanager.reports.period import parse_period
from clustermanager.services import fees, self_funding
from clustermanager.services.fee_calls import CallStatus, list_calls
from clustermanager.services.fee_totals import excl_vat_share

ZERO = Decimal("0")
pytestmark = pytest.mark.postgres


@pytest.fixture
def demo(db):
    with db.session() as s:
        generate_demo(s, members=250, seed=5, year=2025)
    return db


def totals_row_by_row(session, year, today=None, as_of=None) -> dict:
    """year_totals as it was computed before: one FeeCallRow per call."""
    rows = [r for r in list_calls(session, year=year, today=today, as_of=as_of) if r.life is not FeeCallStatus.CANCELLED]
    called_total = sum((r.due for r in rows), ZERO)
    called_excl = sum((r.amount - excl_vat_share(r.credited, r.amount, r.total) for r in rows), ZERO)
    count = {s: sum(1 for r in rows if r.status is s) for s in CallStatus}
    return dict(
        calls=len(rows), called_excl_vat=called_excl, called_vat=called_total - called_excl, called_total=called_total,
        received=sum((r.paid for r in rows), ZERO), outstanding=sum((r.outstanding for r in rows), ZERO),
        overdue_count=count[CallStatus.OVERDUE], paid_count=count[CallStatus.PAID],
        partly_paid_count=count[CallStatus.PARTLY_PAID], open_count=count[CallStatus.OPEN],
        credited_count=count[CallStatus.CREDITED],
        overdue_partly_paid_count=sum(1 for r in rows if r.status is CallStatus.OVERDUE and r.paid > 0))


def received_row_by_row(session, year, as_of=None) -> Decimal:
    return sum((excl_vat_share(min(r.paid, r.due), r.amount, r.total)
                for r in list_calls(session, year=year, as_of=as_of) if r.life is not FeeCallStatus.CANCELLED), ZERO)


def test_the_demo_has_every_kind_of_call(demo):
    with demo.session() as s:
        rows = list_calls(s, today=dt.date(2025, 11, 15))
    statuses = {r.status for r in rows}
    assert {CallStatus.PAID, CallStatus.OVERDUE, CallStatus.OPEN} <= statuses
    assert any(r.status is CallStatus.OVERDUE and r.paid > 0 for r in rows) or CallStatus.PARTLY_PAID in statuses
    assert any(r.vat_amount > 0 for r in rows) and any(r.vat_amount == 0 for r in rows)


@pytest.mark.parametrize("today", [None, dt.date(2025, 2, 1), dt.date(2025, 11, 15)])
@pytest.mark.parametrize("as_of", [None, dt.date(2024, 6, 30), dt.date(2025, 9, 1)])
def test_year_totals_equal_the_sums_over_the_rows(demo, today, as_of):
    with demo.session() as s:
        for year in range(2021, 2027):
            got = dataclasses.asdict(fees.year_totals(s, year, today=today, as_of=as_of))
            assert got.pop("year") == year
            assert got == totals_row_by_row(s, year, today, as_of), year


@pytest.mark.parametrize("as_of", [None, dt.date(2024, 3, 1), dt.date(2025, 6, 30)])
def test_own_share_received_equals_the_sum_over_the_rows(demo, as_of):
    with demo.session() as s:
        for year in range(2021, 2027):
            assert self_funding.fees_received_excl_vat(s, year, as_of) == received_row_by_row(s, year, as_of), year


def test_the_figures_follow_a_credit_a_cancellation_and_a_part_payment(demo):
    """Calls made unlike the others (a credit, a cancelled call, an odd part payment) are counted."""
    from clustermanager.models import FeeCall, Payment, PaymentSource

    with demo.session() as s:
        calls = s.query(FeeCall).filter(FeeCall.year == 2025, FeeCall.status == FeeCallStatus.ISSUED) \
            .order_by(FeeCall.id).limit(3).all()
        calls[0].credited_amount = Decimal("10.01")
        calls[1].status = FeeCallStatus.CANCELLED
        s.add(Payment(paid_on=dt.date(2025, 3, 3), amount=Decimal("0.03"), fee_call_id=calls[2].id,
                      source=PaymentSource.MANUAL))
    with demo.session() as s:
        assert dataclasses.asdict(fees.year_totals(s, 2025))["calls"] == totals_row_by_row(s, 2025)["calls"]
        got = dataclasses.asdict(fees.year_totals(s, 2025))
        got.pop("year")
        assert got == totals_row_by_row(s, 2025)
        assert self_funding.fees_received_excl_vat(s, 2025) == received_row_by_row(s, 2025)


@pytest.mark.parametrize("period", ["2025", "2023-2025", "2024"])
def test_the_report_without_lists_has_the_same_figures(demo, period):
    with demo.session() as s:
        full = build_report(s, parse_period(period), today=dt.date(2025, 11, 15))
        bare = build_report(s, parse_period(period), today=dt.date(2025, 11, 15), lists=False)
    assert full.finance.cash_received > 0
    lists = ("calls", "payments", "in_kind_lines")
    assert dataclasses.replace(full.finance, **dict.fromkeys(lists, ())) == bare.finance
