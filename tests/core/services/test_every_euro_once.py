"""Every euro once: a movement already known is not recorded again whatever format brings it, two
identical movements in one statement are both kept, and a payment never raises a call above what it
asks (the surplus is a credit of the member). `check` is clean after every import."""

from __future__ import annotations

import datetime as dt
import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest

from clustermanager.errors import ValidationError
from clustermanager.services import bank_import, credits, fees, payments
from clustermanager.services.integrity import run_checks
from tests.helpers import feeworld

DATA = Path(__file__).parents[2] / "data" / "bank"
_spec = importlib.util.spec_from_file_location("make_samples", DATA / "make_samples.py")
samples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(samples)
ACME_OGM, BIG_OGM = "250000000186", "250000000287"  # 1,210.00 and 3,630.00 (feeworld's 2025 calls)


@pytest.fixture
def world(db):
    with db.session() as s:
        ids = feeworld.build(s)
        calls = {c.member_id: c.id for c in fees.generate_calls(s, 2025, issued_on=dt.date(2025, 2, 1)).created}
    return db, ids, calls


def _import(db, path):
    with db.session() as s:
        result = bank_import.import_statement(s, path)
    report = run_checks(db)
    assert report.ok, [f for f in report.findings if not f.ok]
    return result


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8" if name.endswith(".xml") else "cp1252"))
    return path


def _paid(db, call_id):
    with db.session() as s:
        return fees.get_call(s, call_id, dt.date(2025, 3, 2)).paid


def test_the_same_statement_as_coda_then_as_camt_is_counted_once(world):
    db, ids, calls = world
    first = _import(db, DATA / "statement.cod")
    assert (first.recorded, first.already_imported) == (3, 0)
    second = _import(db, DATA / "statement.xml")
    assert (second.recorded, second.already_imported, second.same_movement, second.same_reference) == (0, 3, 3, 0)
    assert "3 by account, day, amount and counterparty" in second.summary
    assert _paid(db, calls[ids["acme"]]) == Decimal("1210.00")
    assert _paid(db, calls[ids["big"]]) == Decimal("1000.00")
    # and the other way round, on a fresh import of the camt first: the CODA adds nothing either
    third = _import(db, DATA / "statement.cod")
    assert (third.recorded, third.same_reference) == (0, 3)


def test_camt_first_then_coda(world):
    db, ids, calls = world
    assert _import(db, DATA / "statement.xml").recorded == 3
    again = _import(db, DATA / "statement.cod")
    assert (again.recorded, again.same_movement) == (0, 3)


def test_overlapping_exports_add_only_the_new_movements(world, tmp_path):
    db, ids, calls = world
    e = samples
    one = e.ntry("CAMT-0001", "1210.00", "CRDT", e.tx("ACME NV", "BE62510007547061", e.STRD.format(ACME_OGM)))
    two = e.ntry("CAMT-0002", "250.00", "CRDT", e.tx("FOO BV", "BE56001234567888", "<Ustrd>Foo</Ustrd>"))
    three = e.ntry("CAMT-0003", "1000.00", "CRDT", e.tx("BIG NV", "BE43068999999501", e.STRD.format(BIG_OGM)))
    assert _import(db, _write(tmp_path, "a.xml", e.camt(one + two))).recorded == 2
    later = _import(db, _write(tmp_path, "b.xml", e.camt(two + three)))
    assert (later.recorded, later.already_imported, later.same_reference) == (1, 1, 1)
    assert _paid(db, calls[ids["big"]]) == Decimal("1000.00")


def test_two_identical_movements_in_one_statement_are_both_kept(world, tmp_path):
    """Two members' treasurers (or one twice) paying the same amount from one account on one day."""
    db, ids, calls = world
    e = samples
    same = [e.movement(n, f"REF00000000000{n:02d}", 25000, None, "Lidgeld workshop", "FOO BV", "BE56001234567888")
            for n in (1, 2)]
    coda = _import(db, _write(tmp_path, "twice.cod", e.coda(same, 100000)))
    assert (coda.recorded, coda.already_imported) == (2, 0)
    with db.session() as s:
        assert [p.amount for p in payments.list_unmatched(s)] == [Decimal("250.00")] * 2
    # the same statement as camt.053: both are known, neither is added
    tx = e.tx("FOO BV", "BE56001234567888", "<Ustrd>Lidgeld workshop</Ustrd>")
    camt = e.camt(e.ntry("CAMT-1", "250.00", "CRDT", tx) + e.ntry("CAMT-2", "250.00", "CRDT", tx))
    again = _import(db, _write(tmp_path, "twice.xml", camt))
    assert (again.recorded, again.same_movement) == (0, 2)


def test_a_payment_above_the_call_keeps_the_rest_as_a_credit(world, tmp_path):
    db, ids, calls = world
    e = samples
    acme = [e.movement(n, f"REF00000000000{n:02d}", 121000, ACME_OGM, "", "ACME NV", "BE62510007547061")
            for n in (1, 2)]  # Acme pays its 1,210.00 twice
    acme.append(e.movement(3, "REF0000000000003", 400000, BIG_OGM, "", "BIG NV", "BE43068999999501"))  # 370 extra
    result = _import(db, _write(tmp_path, "double.cod", e.coda(acme, 100000)))
    assert (result.recorded, result.matched, result.credited) == (3, 2, 2)
    assert "surplus is kept as a credit" in result.summary
    assert _paid(db, calls[ids["acme"]]) == Decimal("1210.00")
    assert _paid(db, calls[ids["big"]]) == Decimal("3630.00")
    with db.session() as s:
        open_credits = credits.list_credits(s)
        assert sorted((c.member_name, c.amount) for c in open_credits) == [
            ("Acme NV", Decimal("1210.00")), ("Big NV", Decimal("370.00"))]
        assert credits.open_credit_total(s) == Decimal("1580.00")
        assert payments.list_unmatched(s) == []  # credits are not "to match by hand"
    # importing the same statement as camt.053 adds nothing, though the payments were split
    tx = [e.tx("ACME NV", "BE62510007547061", e.STRD.format(ACME_OGM)),
          e.tx("ACME NV", "BE62510007547061", e.STRD.format(ACME_OGM)),
          e.tx("BIG NV", "BE43068999999501", e.STRD.format(BIG_OGM))]
    camt = e.camt(e.ntry("C1", "1210.00", "CRDT", tx[0]) + e.ntry("C2", "1210.00", "CRDT", tx[1])
                  + e.ntry("C3", "4000.00", "CRDT", tx[2]))
    assert _import(db, _write(tmp_path, "double.xml", camt)).recorded == 0

    # the credit pays Acme's next call (never above it), Big's is refunded
    with db.session() as s:
        fees.copy_schedule(s, 2025, 2026)
        nxt = {c.member_id: c.id for c in fees.generate_calls(s, 2026, issued_on=dt.date(2026, 1, 15)).created}
        acme_credit = next(c for c in open_credits if c.member_name == "Acme NV")
        big_credit = next(c for c in open_credits if c.member_name == "Big NV")
        with pytest.raises(ValidationError):  # Big's credit cannot pay Acme's call
            credits.apply_credit(s, big_credit.id, nxt[ids["acme"]])
        applied = credits.apply_credit(s, acme_credit.id, nxt[ids["acme"]])
        assert applied.applied_to is not None and not applied.open
        assert fees.get_call(s, nxt[ids["acme"]]).paid == Decimal("1210.00")
        credits.refund_credit(s, big_credit.id, dt.date(2025, 4, 1))
        assert credits.list_credits(s) == []
        assert credits.refunds_between(s, dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == Decimal("370.00")
    assert run_checks(db).ok


def test_matching_by_hand_warns_before_it_overpays(world):
    db, ids, calls = world
    _import(db, DATA / "statement.cod")  # FOO BV's 250.00 waits
    with db.session() as s:
        waiting = payments.list_unmatched(s)[0]
        s_call = calls[ids["acme"]]  # already paid in full by the statement
        assert payments.overpayment(s, waiting.id, s_call) == Decimal("250.00")
        with pytest.raises(ValidationError) as exc:
            payments.match_payment(s, waiting.id, s_call)
        assert "more than the" in str(exc.value) and exc.value.problems[0].field == "amount"
        payments.match_payment(s, waiting.id, calls[ids["acme"]], surplus_to_credit=True)
        assert fees.get_call(s, s_call).paid == Decimal("1210.00")
        assert [c.amount for c in credits.list_credits(s, member_id=ids["acme"])] == [Decimal("250.00")]
        # by hand too: a payment above the outstanding amount is split, not added whole
        payments.record_payment(s, calls[ids["city"]], "600", dt.date(2025, 3, 5), allow_overpayment=True)
        assert fees.get_call(s, calls[ids["city"]]).paid == Decimal("500.00")
        assert credits.open_credit_total(s, ids["city"]) == Decimal("100.00")
    assert run_checks(db).ok
