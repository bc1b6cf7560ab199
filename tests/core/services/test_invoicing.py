"""Issuing: unbroken numbering per year, credit notes with their own sequence, VAT grounds, `check`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import delete, select, update

from clustermanager.errors import ValidationError
from clustermanager.models import CreditNote, DocumentKind, FeeCall
from clustermanager.services import cluster, fees, invoicing, payments
from clustermanager.services import members as msvc
from clustermanager.services.fee_checks import FEE_CHECKS
from tests.helpers import feeworld


@pytest.fixture
def world(session):
    ids = feeworld.build(session)
    calls = {c.member_id: c for c in fees.generate_calls(session, 2025, issued_on=dt.date(2025, 2, 1)).created}
    return session, ids, calls


def _finding(session, name):
    return next(f for f in (check(session) for check in FEE_CHECKS) if f.check == name)


def test_invoice_numbers_run_unbroken_and_continue_after_a_later_generation(world):
    session, ids, calls = world
    assert sorted(c.number for c in calls.values()) == ["2025-00001", "2025-00002", "2025-00003", "2025-00004"]
    msvc.create_member(session, msvc.MemberInput(name="Newcomer NV", kind="company", size_class="small",
                                                 joined_on=dt.date(2025, 9, 1)))
    [new] = fees.generate_calls(session, 2025, issued_on=dt.date(2025, 9, 2)).created
    assert new.number == "2025-00005"
    assert invoicing.sequence_gaps(session) == []
    assert _finding(session, "document_sequences").ok


def test_a_cancelled_call_keeps_its_number_and_gets_a_credit_note(world):
    session, ids, calls = world
    city = calls[ids["city"]]
    row = fees.cancel_call(session, city.id, "joined by mistake", on=dt.date(2025, 2, 3))
    assert row.number == city.number and row.due == 0
    [note] = invoicing.list_credit_notes(session, call_id=city.id)
    assert note.number == "CN2025-00001" and note.total == city.total and note.invoice_number == city.number
    assert invoicing.sequence_gaps(session) == []


def test_credit_notes_have_their_own_sequence_and_keep_the_amounts_consistent(world):
    session, ids, calls = world
    big = calls[ids["big"]]  # 3000 + 630 VAT
    payments.record_payment(session, big.id, "1000", dt.date(2025, 2, 10))
    first = invoicing.issue_credit_note(session, big.id, "discount", "121", on=dt.date(2025, 3, 1))
    assert (first.number, first.amount, first.vat_amount) == ("CN2025-00001", Decimal("100.00"), Decimal("21.00"))
    second = invoicing.issue_credit_note(session, big.id, "the rest", on=dt.date(2025, 3, 2))
    assert second.number == "CN2025-00002"
    assert first.amount + second.amount == big.amount and first.vat_amount + second.vat_amount == big.vat_amount
    row = fees.get_call(session, big.id)
    assert row.credited == big.total and row.due == 0 and row.outstanding == 0 and row.paid == Decimal("1000")
    with pytest.raises(ValidationError, match="at most"):
        invoicing.issue_credit_note(session, big.id, "too much", "1")
    assert _finding(session, "credit_notes").ok


def test_credit_note_in_a_new_year_starts_that_years_sequence(world):
    session, ids, calls = world
    note = invoicing.issue_credit_note(session, calls[ids["acme"]].id, "late", "10", on=dt.date(2026, 1, 5))
    assert note.number == "CN2026-00001"


def test_check_finds_a_gap_a_double_and_a_credit_without_its_note(world):
    session, ids, calls = world
    invoicing.issue_credit_note(session, calls[ids["acme"]].id, "x", "10", on=dt.date(2025, 3, 1))
    session.execute(update(FeeCall).where(FeeCall.number == "2025-00002").values(number="2025-00099"))
    finding = _finding(session, "document_sequences")
    assert not finding.ok and "2" in finding.message and "99" in finding.message
    session.execute(update(FeeCall).where(FeeCall.id == calls[ids["acme"]].id).values(credited_amount=Decimal("5")))
    assert not _finding(session, "credit_notes").ok
    session.execute(delete(CreditNote))
    gaps = invoicing.sequence_gaps(session)
    assert any(g.kind is DocumentKind.CREDIT_NOTE and g.missing == (1,) for g in gaps)


def test_take_numbers_starts_after_numbers_already_used(session):
    feeworld.build(session)
    session.execute(select(FeeCall.id))  # nothing yet
    assert invoicing.take_numbers(session, DocumentKind.INVOICE, 2030, 3) == [1, 2, 3]
    assert invoicing.take_numbers(session, DocumentKind.INVOICE, 2030, 0) == []
    assert invoicing.take_numbers(session, DocumentKind.INVOICE, 2030) == [4]


@pytest.mark.parametrize(("registered", "rate", "ground", "country", "vat", "expected"), [
    (True, Decimal("21"), None, "BE", None, ("S", Decimal("21"))),
    (True, Decimal("21"), None, "DE", "DE136695976", ("AE", Decimal("0"))),
    (True, Decimal("21"), None, "DE", None, ("S", Decimal("21"))),  # no VAT number: not a business customer
    (True, Decimal("21"), None, "CH", "CHE123", ("S", Decimal("21"))),  # outside the EU
    (True, Decimal("0"), "exempt", "BE", None, ("E", Decimal("0"))),
    (True, Decimal("0"), "reverse_charge", "NL", "NL004495445B01", ("AE", Decimal("0"))),
    (False, Decimal("21"), None, "BE", None, ("O", Decimal("0"))),
])
def test_vat_treatment(registered, rate, ground, country, vat, expected):
    t = invoicing.vat_treatment(supplier_vat_registered=registered, rate=rate, ground=ground, article="Art. 44",
                                customer_country=country, customer_vat_number=vat)
    assert (t.category, t.rate) == expected
    assert (t.ground_text == "Art. 44") == (t.category == "E")


def test_fee_categories_carry_their_zero_rate_ground(session):
    feeworld.build(session)
    entry = fees.set_fee(session, 2026, "government", "500", "0", vat_article="Art. 44, §2, 11° WBTW")
    assert (entry.vat_ground, entry.vat_article) == ("exempt", "Art. 44, §2, 11° WBTW")
    with pytest.raises(ValidationError, match="0%"):
        fees.set_fee(session, 2026, "small", "500", "21", vat_ground="exempt")
    with pytest.raises(ValidationError, match="vat_ground|Ground"):
        fees.set_fee(session, 2026, "small", "500", "0", vat_ground="tax-free")


def test_changing_an_exempt_fee_keeps_its_ground_and_the_calls_freeze_its_exemption_code(session):
    feeworld.build(session)
    fees.set_fee(session, 2025, "government", "500", "0", vat_article="Art. 44, §2, 11° WBTW",
                 vat_exemption_code="vatex-eu-132-1l")
    entry = fees.set_fee(session, 2025, "government", "550", "0")  # only the amount: the rest stays
    assert (entry.amount, entry.vat_ground, entry.vat_article, entry.vat_exemption_code) == (
        Decimal("550.00"), "exempt", "Art. 44, §2, 11° WBTW", "VATEX-EU-132-1L")
    calls = fees.generate_calls(session, 2025, issued_on=dt.date(2025, 2, 1)).created
    city = next(c for c in calls if c.category == "government")
    assert (city.vat_category, city.vat_ground_text, city.vat_exemption_code) == (
        "E", "Art. 44, §2, 11° WBTW", "VATEX-EU-132-1L")
    assert {c.vat_exemption_code for c in calls if c.category != "government"} == {None}
    cleared = fees.set_fee(session, 2025, "government", "550", "0", vat_article=None, vat_exemption_code=None)
    assert (cleared.vat_article, cleared.vat_exemption_code) == (None, None)
    taxed = fees.set_fee(session, 2025, "government", "550", "21")  # taxed now: no ground is kept
    assert (taxed.vat_ground, taxed.vat_article, taxed.vat_exemption_code) == (None, None, None)


def test_an_exemption_code_must_be_of_the_list_and_only_for_an_exemption(session):
    feeworld.build(session)
    with pytest.raises(ValidationError, match="exemption code.*VATEX-EU-132-1L"):
        fees.set_fee(session, 2026, "government", "500", "0", vat_exemption_code="VATEX-EU-999")
    with pytest.raises(ValidationError, match="only an exempt category"):
        fees.set_fee(session, 2026, "government", "500", "0", vat_ground="reverse_charge",
                     vat_exemption_code="VATEX-EU-132-1L")
    assert fees.get_schedule(session, 2026) == []


def test_a_cluster_not_registered_for_vat_charges_none(session):
    feeworld.build(session)
    profile = cluster.get_profile(session)
    cluster.save_profile(session, cluster.ProfileData(**{**profile.__dict__, "vat_registered": False}))
    calls = fees.generate_calls(session, 2025, issued_on=dt.date(2025, 2, 1)).created
    assert {(c.vat_category, c.vat_amount) for c in calls} == {("O", Decimal("0.00"))}
    assert cluster.get_profile(session).effective_vat_number is None


def test_the_profile_checks_the_vat_number_and_peppol_id(session):
    base = cluster.ProfileData(name="C", kind="ibn", enterprise_number="0417497106")
    saved = cluster.save_profile(session, base)
    assert (saved.effective_vat_number, saved.effective_peppol_id) == ("BE0417497106", "0208:0417497106")
    with pytest.raises(ValidationError, match="enterprise number"):
        cluster.save_profile(session, cluster.ProfileData(**{**base.__dict__, "vat_number": "BE0123456749"}))
    with pytest.raises(ValidationError, match="Peppol"):
        cluster.save_profile(session, cluster.ProfileData(**{**base.__dict__, "peppol_id": "0417497106"}))
    with pytest.raises(ValidationError, match="RPR"):
        cluster.save_profile(session, cluster.ProfileData(**{**base.__dict__, "legal_register": "KBO"}))
