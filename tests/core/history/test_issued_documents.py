"""Undo takes back fee calls and credits only while no invoice or credit note number was issued."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from clustermanager.errors import ConflictError
from clustermanager.models import CreditNote, DocumentSequence, FeeCall
from clustermanager.services import fees, invoicing
from clustermanager.services.history import replay
from tests.helpers import feeworld

pytestmark = pytest.mark.postgres


def _state(db):
    with db.session() as s:
        return (sorted(s.scalars(select(FeeCall.number))), s.scalar(select(func.count(CreditNote.id))),
                sorted(tuple(r) for r in s.execute(select(DocumentSequence.kind, DocumentSequence.year,
                                                          DocumentSequence.last))))


def test_undoing_a_fee_call_run_that_issued_invoice_numbers_is_refused_and_changes_nothing(db):
    with db.session() as s:
        feeworld.build(s)
    with db.session() as s:
        run = fees.generate_calls(s, 2025, issued_on=dt.date(2025, 2, 1))
    before = _state(db)
    assert len(before[0]) == len(run.created) > 0
    with db.session() as s, pytest.raises(ConflictError) as refused:
        replay.undo(s)
    message = str(refused.value)
    assert "undo fee calls 2025" in message and min(before[0]) in message and "fees credit" in message
    assert _state(db) == before


def test_undoing_a_credit_note_is_refused(db):
    with db.session() as s:
        feeworld.build(s)
        fees.generate_calls(s, 2025, issued_on=dt.date(2025, 2, 1))
    with db.session() as s:
        call_id = s.scalar(select(FeeCall.id).order_by(FeeCall.id))
        note = invoicing.issue_credit_note(s, call_id, "Entered twice", on=dt.date(2025, 3, 1))
    before = _state(db)
    with db.session() as s, pytest.raises(ConflictError, match=f"credit note {note.number}"):
        replay.undo(s)
    assert _state(db) == before


def test_an_action_without_issued_documents_still_undoes(db):
    with db.session() as s:
        feeworld.build(s)
    with db.session() as s:  # the last action is the schedule's fee for 2026: no number involved
        fees.set_fee(s, 2026, "small", "1100", "21")
    with db.session() as s:
        [step] = replay.undo(s)
        assert step.rows >= 1
    with db.session() as s:
        assert fees.get_schedule(s, 2026) == []
