"""Two users issuing at the same moment on a shared database still leave one unbroken sequence."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from clustermanager.services import fees, invoicing
from clustermanager.services import members as msvc
from tests.helpers import feeworld

pytestmark = pytest.mark.postgres


def _together(db, work, n_threads=2):
    barrier = threading.Barrier(n_threads)
    errors = []

    def run(k):
        try:
            barrier.wait(timeout=30)
            work(k)
        except Exception as exc:  # collected and re-raised in the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors


def test_two_sessions_generating_the_same_year_call_each_member_once(db):
    with db.session() as s:
        feeworld.build(s)
        for i in range(20):
            msvc.create_member(s, msvc.MemberInput(name=f"Extra {i} NV", kind="company", size_class="small",
                                                   joined_on=dt.date(2024, 1, 1)))

    def generate(_k):
        with db.session() as s:
            fees.generate_calls(s, 2025, issued_on=dt.date(2025, 2, 1))

    _together(db, generate)
    with db.session() as s:
        calls = fees.list_calls(s, year=2025)
        numbers = sorted(c.number for c in calls)
        assert numbers == [f"2025-{n:05d}" for n in range(1, len(calls) + 1)]
        assert len({c.member_id for c in calls}) == len(calls) == 24
        assert invoicing.sequence_gaps(s) == []


def test_two_sessions_crediting_at_once_number_their_credit_notes_without_gaps(db):
    with db.session() as s:
        feeworld.build(s)
        for i in range(10):
            msvc.create_member(s, msvc.MemberInput(name=f"Extra {i} NV", kind="company", size_class="small",
                                                   joined_on=dt.date(2024, 1, 1)))
        ids = sorted(c.id for c in fees.generate_calls(s, 2025, issued_on=dt.date(2025, 2, 1)).created)
    halves = [ids[0::2], ids[1::2]]

    def credit(k):
        for call_id in halves[k]:  # one transaction per credit note, as two people clicking
            with db.session() as s:
                invoicing.issue_credit_note(s, call_id, f"user {k}", "10", on=dt.date(2025, 12, 1))

    _together(db, credit)
    with db.session() as s:
        notes = invoicing.list_credit_notes(s)
        assert sorted(n.number for n in notes) == [f"CN2025-{n:05d}" for n in range(1, len(ids) + 1)]
        assert invoicing.sequence_gaps(s) == []
