"""Fee schedule, fee calls, their status and the year's totals on a hand-built cluster."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from stdnum.be import ogm_vcs

from clustermanager.errors import ValidationError
from clustermanager.models import FeeCall
from clustermanager.services import cluster, fees, payments
from tests.helpers import feeworld

D = Decimal
ISSUED = dt.date(2025, 2, 1)


def test_schedule_set_and_copy_with_increase(session):
    fees.set_fee(session, 2025, "Small", "1000", "21")
    fees.set_fee(session, 2025, "government", "333.33", "0")
    copied = fees.copy_schedule(session, 2025, 2026, "3")
    assert {(e.category, e.amount, e.vat_rate) for e in copied} == {
        ("small", D("1030.00"), D("21.0000")), ("government", D("343.33"), D("0.0000"))}
    assert fees.get_schedule(session, 2025)[0].amount == D("333.33")  # the source is untouched
    with pytest.raises(ValidationError) as err:
        fees.copy_schedule(session, 2019, 2020)
    assert err.value.field == "from_year"
    with pytest.raises(ValidationError):
        fees.set_fee(session, 2025, "small", "1000", "121")


def test_generate_calls_once_per_member_with_unique_communications(session):
    ids = feeworld.build(session)
    first = fees.generate_calls(session, 2025, issued_on=ISSUED)
    assert {c.member_id for c in first.created} == {ids["acme"], ids["big"], ids["city"], ids["late"]}
    by_member = {c.member_id: c for c in first.created}
    assert by_member[ids["acme"]].amount == D("1000.00") and by_member[ids["acme"]].vat_amount == D("210.00")
    assert by_member[ids["city"]].total == D("500.00")  # government: exempt
    comms = [c.structured_communication for c in first.created]
    assert len(set(comms)) == 4 and all(ogm_vcs.is_valid(c) for c in comms)
    assert by_member[ids["acme"]].due_on == ISSUED + dt.timedelta(days=30)

    again = fees.generate_calls(session, 2025, issued_on=ISSUED)
    assert again.created == () and again.already_called == 4
    assert session.scalar(select(func.count()).select_from(FeeCall)) == 4


def test_pro_rata_is_a_setting_off_by_default(session):
    ids = feeworld.build(session)
    cluster.set_setting(session, fees.PRO_RATA_SETTING, True)
    created = {c.member_id: c for c in fees.generate_calls(session, 2025, issued_on=ISSUED).created}
    assert created[ids["late"]].amount == D("500.00")  # July to December: 6 of 12 months
    assert created[ids["acme"]].amount == D("1000.00")


def test_member_without_a_scheduled_category_is_skipped_and_named(session):
    feeworld.build(session)
    fees.remove_fee(session, 2025, "large")
    result = fees.generate_calls(session, 2025, issued_on=ISSUED)
    assert [s.member_name for s in result.skipped] == ["Big NV"]


def test_status_partial_payment_overdue_and_totals(session):
    ids = feeworld.build(session)
    calls = {c.member_id: c for c in fees.generate_calls(session, 2025, issued_on=ISSUED).created}
    acme, big, city = calls[ids["acme"]], calls[ids["big"]], calls[ids["city"]]
    payments.record_payment(session, acme.id, "1210", dt.date(2025, 2, 10))
    payments.record_payment(session, big.id, "1000", dt.date(2025, 2, 10))
    with pytest.raises(ValidationError) as err:
        payments.record_payment(session, big.id, "5000", dt.date(2025, 2, 11))
    assert err.value.field == "amount"
    before_due = dt.date(2025, 3, 1)
    assert fees.get_call(session, acme.id, before_due).status is fees.CallStatus.PAID
    assert fees.get_call(session, big.id, before_due).status is fees.CallStatus.PARTLY_PAID
    assert fees.get_call(session, city.id, before_due).status is fees.CallStatus.OPEN
    later = dt.date(2025, 6, 1)
    assert fees.get_call(session, big.id, later).status is fees.CallStatus.OVERDUE
    overdue = fees.overdue_calls(session, today=later)
    assert {o.call.member_name for o in overdue} == {"Big NV", "City NV"}
    assert {o.contact_email for o in overdue} == {"ann@big.example", "ann@city.example"}

    totals = fees.year_totals(session, 2025, today=later)
    # acme 1210 + big 3630 + city 500 + late 1210
    assert totals.called_total == D("6550.00") and totals.called_excl_vat == D("5500.00")
    assert totals.received == D("2210.00") and totals.outstanding == D("4340.00")
    assert (totals.calls, totals.overdue_count, totals.paid_count, totals.open_count) == (4, 2, 1, 1)


def test_cancel_and_credit_keep_the_call(session):
    ids = feeworld.build(session)
    calls = {c.member_id: c for c in fees.generate_calls(session, 2025, issued_on=ISSUED).created}
    fees.cancel_call(session, calls[ids["city"]].id, "joined by mistake")
    payments.record_payment(session, calls[ids["big"]].id, "1000", dt.date(2025, 2, 10))
    with pytest.raises(ValidationError):
        fees.cancel_call(session, calls[ids["big"]].id, "has a payment")
    credited = fees.credit_call(session, calls[ids["big"]].id, "discount agreed", "2630")
    assert credited.status is fees.CallStatus.PAID and credited.due == D("1000.00")
    assert session.scalar(select(func.count()).select_from(FeeCall)) == 4  # nothing deleted
    cancelled = fees.get_call(session, calls[ids["city"]].id)
    assert cancelled.status is fees.CallStatus.CANCELLED and "joined by mistake" in cancelled.note
    totals = fees.year_totals(session, 2025, today=ISSUED)
    assert totals.calls == 3 and totals.called_total == D("1210.00") + D("1000.00") + D("1210.00")
    # nothing more is generated for the cancelled member
    assert fees.generate_calls(session, 2025, issued_on=ISSUED).created == ()
