"""The fee rules in `check`: green on a clean ledger, red naming the problem."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from clustermanager.models import FeeCall
from clustermanager.services import fees, integrity
from tests.helpers import feeworld


def _findings(session) -> dict:
    return {f.check: f for f in (check(session) for check in integrity.DOMAIN_CHECKS)}


def test_fee_checks_registered_and_catch_bad_rows(session):
    feeworld.build(session)
    created = fees.generate_calls(session, 2025, issued_on=dt.date(2025, 2, 1)).created
    found = _findings(session)
    assert all(found[k].ok for k in ("fee_communications", "fee_call_doubles", "cancelled_calls", "fee_credits"))
    session.execute(update(FeeCall).where(FeeCall.id == created[0].id).values(structured_communication="250000000100"))
    session.add(FeeCall(member_id=created[1].member_id, year=2025, amount=created[1].amount, issued_on=dt.date(2025, 3, 1),
                        due_on=dt.date(2025, 4, 1), structured_communication="250000009989"))
    session.flush()
    found = _findings(session)
    assert not found["fee_communications"].ok and "250000000100" in found["fee_communications"].message
    assert not found["fee_call_doubles"].ok
