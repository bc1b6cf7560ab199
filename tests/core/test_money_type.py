"""Money is exact in the database: stored as cents on SQLite, summed without float error."""

import datetime as dt
import sqlite3
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from clustermanager.models import FeeCall, Member, MemberKind, Payment


def _member(session):
    m = Member(name="Acme", kind=MemberKind.COMPANY, joined_on=dt.date(2024, 1, 1))
    session.add(m)
    session.flush()
    return m


def test_amounts_round_trip_exactly_and_sum_exactly(db):
    with db.session() as s:
        m = _member(s)
        call = FeeCall(member_id=m.id, year=2025, amount=Decimal("0.10"), vat_amount=Decimal("0.20"),
                       issued_on=dt.date(2025, 1, 1), due_on=dt.date(2025, 2, 1), structured_communication="010806817183")
        s.add(call)
        s.flush()
        for _ in range(10):
            s.add(Payment(fee_call_id=call.id, paid_on=dt.date(2025, 1, 5), amount=Decimal("0.03")))
    with db.session() as s:
        total = s.scalar(select(func.sum(Payment.amount)))
        assert total == Decimal("0.30") and isinstance(total, Decimal)
        call = s.scalar(select(FeeCall))
        assert call.total == Decimal("0.30")
        assert s.scalar(select(func.count()).select_from(FeeCall).where(FeeCall.amount + FeeCall.vat_amount == total)) == 1
    raw = sqlite3.connect(db.path).execute("SELECT amount, typeof(amount) FROM payment LIMIT 1").fetchone()
    assert raw == (3, "integer")


def test_a_float_never_reaches_the_database(db):
    with pytest.raises(Exception, match="never a float"), db.session() as s:
        m = _member(s)
        s.add(FeeCall(member_id=m.id, year=2025, amount=0.1, issued_on=dt.date(2025, 1, 1),
                      due_on=dt.date(2025, 2, 1), structured_communication="010806817183"))
        s.flush()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(FeeCall)) == 0
