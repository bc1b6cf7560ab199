"""The self-funding ledger on a hand-built cluster (budget 10,000, the members must raise 5,000)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clustermanager.services import cluster, fees, payments, self_funding
from tests.helpers import feeworld

D = Decimal


def _called(session):
    ids = feeworld.build(session)
    calls = fees.generate_calls(session, 2025, issued_on=dt.date(2025, 2, 1)).created
    return ids, {c.member_id: c for c in calls}


def test_fees_count_excluding_vat_and_in_kind_apart(session):
    ids, calls = _called(session)
    payments.record_payment(session, calls[ids["acme"]].id, "1210", dt.date(2025, 3, 1))  # 1000 + VAT
    payments.record_payment(session, calls[ids["big"]].id, "1815", dt.date(2025, 3, 1))  # half of 3630
    payments.record_payment(session, calls[ids["city"]].id, "500", dt.date(2026, 1, 5))  # paid late, still 2025
    self_funding.add_in_kind(session, 2025, "Venue for the network evening", "800", member_id=ids["big"])
    year = self_funding.self_funding(session, 2025)
    assert year.fees_received == D("3000.00")  # 1000 + 1500 + 500
    assert year.in_kind == D("800.00") and not year.in_kind_counted
    assert year.own_total == D("3000.00") and year.required_amount == D("5000.00")
    assert year.share_required == D("0.5") and year.share_reached == D("0.3")
    assert year.shortfall == D("2000.00") and not year.met
    assert [y.year for y in self_funding.years_short(session)] == [2025]

    cluster.set_setting(session, self_funding.COUNT_IN_KIND_SETTING, True)
    assert self_funding.self_funding(session, 2025).shortfall == D("1200.00")


def test_met_when_the_members_pay_enough(session):
    ids, calls = _called(session)
    for key in ("acme", "big", "city", "late"):
        call = calls[ids[key]]
        payments.record_payment(session, call.id, call.total, dt.date(2025, 3, 1))
    year = self_funding.self_funding(session, 2025)
    assert year.fees_received == D("5500.00") and year.shortfall == D("0.00") and year.met
    assert year.share_reached == D("0.55")


def test_no_budget_means_no_share(session):
    year = self_funding.self_funding(session, 2030)
    assert year.share_reached is None and not year.met and year.budget == D("0.00")
