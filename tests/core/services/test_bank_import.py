"""Importing CODA and camt.053 statements: matching, re-import, malformed files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from clustermanager.errors import FileFormatError
from clustermanager.models import Payment
from clustermanager.services import bank_import, fees, payments
from tests.helpers import feeworld

DATA = Path(__file__).parents[2] / "data" / "bank"


@pytest.fixture
def called(session):
    ids = feeworld.build(session)
    calls = fees.generate_calls(session, 2025, issued_on=dt.date(2025, 2, 1)).created
    return session, {c.member_id: c for c in calls}, ids


def _payment_count(session) -> int:
    return session.scalar(select(func.count()).select_from(Payment))


@pytest.mark.parametrize("name", ["statement.cod", "statement.xml"])
def test_import_matches_by_structured_communication_and_reimport_adds_nothing(called, name):
    session, calls, ids = called
    result = bank_import.import_statement(session, DATA / name)
    assert (result.recorded, result.matched, result.unmatched, result.outgoing) == (3, 2, 1, 1)
    when = dt.date(2025, 3, 2)  # before the due date
    assert fees.get_call(session, calls[ids["acme"]].id, when).status is fees.CallStatus.PAID
    big = fees.get_call(session, calls[ids["big"]].id, when)
    assert big.status is fees.CallStatus.PARTLY_PAID and big.paid == Decimal("1000.00")
    unmatched = payments.list_unmatched(session)
    assert [(p.counterparty_name, p.amount) for p in unmatched] == [("FOO BV", Decimal("250.00"))]

    again = bank_import.import_statement(session, DATA / name)
    assert (again.recorded, again.already_imported) == (0, 3)
    assert _payment_count(session) == 3

    # the waiting payment is matched by hand
    payments.match_payment(session, unmatched[0].id, calls[ids["city"]].id)
    assert payments.list_unmatched(session) == []
    assert fees.get_call(session, calls[ids["city"]].id, when).paid == Decimal("250.00")


@pytest.mark.parametrize(("name", "line", "words"), [
    ("bad_amount.cod", 6, "amount"),
    ("bad_totals.cod", 17, "trailer totals"),
    ("no_trailer.cod", 16, "no trailer"),
    ("not_well_formed.xml", 19, "not well-formed"),
    ("entities.xml", 2, "DTD"),
    ("missing_amount.xml", 41, "<Amt>"),
])
def test_malformed_statement_names_the_line_and_records_nothing(called, name, line, words):
    session = called[0]
    with pytest.raises(FileFormatError) as err:
        bank_import.import_statement(session, DATA / name)
    assert err.value.row == line and f"line {line}:" in str(err.value) and words in str(err.value)
    assert name in str(err.value)
    assert _payment_count(session) == 0


def test_unknown_file_is_refused(called, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello\n")
    with pytest.raises(FileFormatError, match="neither a CODA"):
        bank_import.import_statement(called[0], path)


def test_statement_is_written_in_one_flush_and_outstanding_is_read_before(called):
    """Each flush records history: one per matched call made the import 39 % slower (docs/performance.md)."""
    session, calls, ids = called
    statement = bank_import.parse_statement(DATA / "statement.xml")
    flushes = []
    from sqlalchemy import event

    def count(*_args):
        flushes.append(1)

    event.listen(session, "after_flush", count)
    try:
        result = bank_import.record_statement(session, statement)
    finally:
        event.remove(session, "after_flush", count)
    assert result.matched == 2
    assert len(flushes) <= 2  # the action's opening flush (nothing pending) and the one write


def test_outstanding_of_agrees_with_call_outstanding(called):
    from clustermanager.services import credits

    session, calls, ids = called
    from clustermanager.models import FeeCall, PaymentSource

    acme, big = (session.get(FeeCall, calls[ids[key]].id) for key in ("acme", "big"))
    session.add(Payment(paid_on=dt.date(2025, 3, 1), amount=Decimal("100.00"), source=PaymentSource.MANUAL,
                        fee_call=acme))
    session.flush()
    found = credits.outstanding_of(session, [acme, big])
    assert found == {acme.id: credits.call_outstanding(session, acme), big.id: credits.call_outstanding(session, big)}
    assert found[acme.id] == acme.amount + acme.vat_amount - acme.credited_amount - Decimal("100.00")
