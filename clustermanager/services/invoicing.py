"""Issuing invoices and credit notes the way Belgian VAT rules ask: numbering, VAT grounds, credit notes.

- Numbers: one unbroken sequence per kind of document (invoice, credit note) and year, never reused.
  `take_numbers` raises the year's counter in the issuing transaction (an UPDATE, which holds the row
  lock until the transaction ends): a colleague issuing at the same moment waits, then continues after
  the last number taken. Nothing that holds a number is ever deleted (a cancelled call keeps its
  number and gets a credit note).
- VAT: `vat_treatment` decides a call's rate, UBL VAT category (S, E, AE, O) and legal ground from the
  fee category, the supplier's VAT registration and the customer's country.
- Credit notes: `issue_credit_note` credits (part of) a fee call with a document of its own.
- Reminders: `mark_reminded` records that reminder letters went out (reports only draw them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import _
from clustermanager.io.einvoice import vatex
from clustermanager.models import (
    CreditNote,
    DocumentKind,
    DocumentSequence,
    FeeCall,
    FeeCallStatus,
    Member,
    VatGround,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
EU_COUNTRIES = frozenset(["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"])
_PREFIX = {DocumentKind.INVOICE: "", DocumentKind.CREDIT_NOTE: "CN"}
_NUMBER = {kind: re.compile(rf"{prefix}(\d{{4}})-(\d+)") for kind, prefix in _PREFIX.items()}


# ---------------------------------------------------------------------------------------------
# Numbering


def format_number(kind: DocumentKind, year: int, sequence: int) -> str:
    """`2026-00001` for an invoice, `CN2026-00001` for a credit note."""
    return f"{_PREFIX[kind]}{year}-{sequence:05d}"


def parse_number(kind: DocumentKind, number: str | None) -> tuple[int, int] | None:
    m = _NUMBER[kind].fullmatch(number or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def _numbers_in_use(session: Session, kind: DocumentKind, year: int) -> list[str]:
    column = FeeCall.number if kind is DocumentKind.INVOICE else CreditNote.number
    return list(session.scalars(select(column).where(column.like(f"{_PREFIX[kind]}{year}-%"))))


def _bump(session: Session, kind: DocumentKind, year: int, count: int) -> int | None:
    stmt = (update(DocumentSequence).where(DocumentSequence.kind == kind.value, DocumentSequence.year == year)
            .values(last=DocumentSequence.last + count).returning(DocumentSequence.last)
            .execution_options(synchronize_session=False))
    return session.execute(stmt).scalar()


def take_numbers(session: Session, kind: DocumentKind, year: int, count: int = 1) -> list[int]:
    """The next `count` sequence numbers of `kind` in `year` (count 0: just lock the counter).

    The counter row stays locked until the caller's transaction ends, so two users issuing at once on
    a shared database get consecutive numbers. A year's first number starts after the highest already
    used (numbers written by an older version of the app or an import).
    """
    if count < 0:
        raise ValueError(count)
    last = _bump(session, kind, year, count)
    if last is None:
        used = [p[1] for p in map(lambda n: parse_number(kind, n), _numbers_in_use(session, kind, year)) if p]
        try:
            with session.begin_nested():
                session.add(DocumentSequence(kind=kind.value, year=year, last=max(used, default=0)))
        except IntegrityError:  # a colleague created the counter at the same moment: use theirs
            pass
        last = _bump(session, kind, year, count)
    return list(range(last - count + 1, last + 1))


@dataclass(frozen=True)
class SequenceGap:
    kind: DocumentKind
    year: int
    missing: tuple[int, ...]
    beyond: tuple[int, ...]  # numbers above the counter (issued outside the app's numbering)
    duplicates: tuple[int, ...]


def sequence_gaps(session: Session) -> list[SequenceGap]:
    """Every year's invoice and credit note numbers that break the sequence 1, 2, 3 ... up to the counter."""
    counters = {(r.kind, r.year): r.last for r in session.scalars(select(DocumentSequence))}
    found = []
    for kind in DocumentKind:
        column = FeeCall.number if kind is DocumentKind.INVOICE else CreditNote.number
        by_year: dict[int, list[int]] = {}
        for number in session.scalars(select(column).where(column.is_not(None))):
            parsed = parse_number(kind, number)
            if parsed:
                by_year.setdefault(parsed[0], []).append(parsed[1])
        for year in sorted(set(by_year) | {y for k, y in counters if k == kind.value}):
            seqs = by_year.get(year, [])
            last = counters.get((kind.value, year), max(seqs, default=0))
            have = set(seqs)
            missing = tuple(n for n in range(1, last + 1) if n not in have)
            beyond = tuple(sorted(n for n in have if n > last))
            duplicates = tuple(sorted({n for n in seqs if seqs.count(n) > 1})) if len(have) != len(seqs) else ()
            if missing or beyond or duplicates:
                found.append(SequenceGap(kind, year, missing, beyond, duplicates))
    return found


# ---------------------------------------------------------------------------------------------
# VAT


@dataclass(frozen=True)
class VatTreatment:
    rate: Decimal  # percent
    category: str  # UBL VAT category: S, E, AE, O
    ground_text: str | None  # the article for an exemption
    exemption_code: str | None = None  # and its VATEX code (e-invoice)


def vat_treatment(*, supplier_vat_registered: bool, rate: Decimal, ground: str | None, article: str | None,
                  customer_country: str | None, customer_vat_number: str | None,
                  exemption_code: str | None = None) -> VatTreatment:
    """How a fee of one category is taxed for one customer.

    A supplier that is not VAT-registered charges no VAT at all (outside the scope). A category with a
    0 % ground keeps it. A taxed fee for a business customer in another EU country (with a VAT number)
    is reverse-charged: the customer accounts for the VAT (art. 21 §2 of the Belgian VAT Code).
    """
    if not supplier_vat_registered:
        return VatTreatment(ZERO, VatGround.OUTSIDE_SCOPE.code, None)
    if ground:
        g = VatGround(ground)
        exempt = g is VatGround.EXEMPT
        return VatTreatment(ZERO, g.code, article if exempt else None, exemption_code if exempt else None)
    country = (customer_country or "BE").upper()
    if rate > 0 and country != "BE" and country in EU_COUNTRIES and customer_vat_number:
        return VatTreatment(ZERO, VatGround.REVERSE_CHARGE.code, None)
    if rate == 0:
        return VatTreatment(ZERO, VatGround.EXEMPT.code, article, exemption_code)
    return VatTreatment(rate, "S", None)


def check_ground(rate: Decimal, ground: object, article: object) -> tuple[str | None, str | None]:
    """A fee category's 0 % ground, cleaned: a 0 % category must have one (exempt unless said otherwise)."""
    article = v.clean_text(article, "vat_article", max_length=200)
    text = v.clean_text(ground, "vat_ground", max_length=20)
    if text is None:
        return (VatGround.EXEMPT.value if rate == 0 else None), (article if rate == 0 else None)
    try:
        g = VatGround(text.lower().replace("-", "_"))
    except ValueError:
        raise ValidationError("vat_ground", ground, _("must be one of {choices}").format(
            choices=", ".join(x.value for x in VatGround))) from None
    if rate != 0:
        raise ValidationError("vat_ground", ground, _("only a 0% category has a ground for charging no VAT"))
    return g.value, (article if g is VatGround.EXEMPT else None)


def check_exemption_code(ground: str | None, code: object) -> str | None:
    """An exemption's VATEX code, cleaned; only an exempt category has one."""
    try:
        text = vatex.check_code(code)
    except ValueError:
        raise ValidationError("vat_exemption_code", code, _("is not an exemption code of the VATEX list, e.g. {code}")
                              .format(code=vatex.MEMBERSHIP_CODE)) from None
    if text and ground != VatGround.EXEMPT.value:
        raise ValidationError("vat_exemption_code", code, _("only an exempt category has an exemption code"))
    return text


def einvoice_address(member) -> str | None:
    """Where a member's e-invoices go: its stored Peppol ID, else 0208 + its enterprise number; None when
    it opted out or has neither (it gets the PDF only). `member`: a `members.MemberDetail`."""
    if member.einvoice_opt_out:
        return None
    return member.peppol_id or (f"0208:{member.enterprise_number}" if member.enterprise_number else None)


# ---------------------------------------------------------------------------------------------
# Credit notes


@dataclass(frozen=True)
class CreditNoteRow:
    id: int
    number: str
    fee_call_id: int
    invoice_number: str | None
    invoice_issued_on: dt.date
    member_id: int
    member_name: str
    year: int
    issued_on: dt.date
    reason: str
    amount: Decimal  # excluding VAT
    vat_rate: Decimal
    vat_amount: Decimal
    vat_category: str
    vat_ground_text: str | None
    structured_communication: str

    @property
    def total(self) -> Decimal:
        return self.amount + self.vat_amount


def _note_rows(session: Session, query) -> list[CreditNoteRow]:
    rows = session.execute(query.join(FeeCall, FeeCall.id == CreditNote.fee_call_id)
                           .join(Member, Member.id == FeeCall.member_id).order_by(CreditNote.id)).all()
    return [CreditNoteRow(n.id, n.number, n.fee_call_id, c.number, c.issued_on, c.member_id, name, n.year,
                          n.issued_on, n.reason, n.amount, n.vat_rate, n.vat_amount, c.vat_category,
                          c.vat_ground_text, c.structured_communication) for n, c, name in rows]


def list_credit_notes(session: Session, *, call_id: int | None = None, year: int | None = None) -> list[CreditNoteRow]:
    query = select(CreditNote, FeeCall, Member.name)
    if call_id is not None:
        query = query.where(CreditNote.fee_call_id == call_id)
    if year is not None:
        query = query.where(CreditNote.year == year)
    return _note_rows(session, query)


def get_credit_note(session: Session, note_id: int) -> CreditNoteRow:
    rows = _note_rows(session, select(CreditNote, FeeCall, Member.name).where(CreditNote.id == note_id))
    if not rows:
        raise NotFoundError(_("Credit note {id} does not exist.").format(id=note_id))
    return rows[0]


def _split(call: FeeCall, credit: Decimal) -> tuple[Decimal, Decimal]:
    """The excluding-VAT and VAT parts of a credit given VAT included."""
    total = call.amount + call.vat_amount
    if total == 0:
        return ZERO, ZERO
    if call.vat_amount == 0:
        return credit, ZERO
    excl = (credit * call.amount / total).quantize(CENT, rounding=ROUND_HALF_UP)
    return excl, credit - excl


def issue_credit_note(session: Session, call_id: int, reason: str, amount: object = None, *,
                      on: dt.date | None = None) -> CreditNoteRow:
    """Credit (part of) a fee call, VAT included, with a credit note in the year's credit note sequence.

    Without `amount`: all that is not credited yet. The call's `credited_amount` grows by the note's
    total, so paid, credited and outstanding stay consistent.
    """
    call = session.get(FeeCall, call_id)
    if call is None:
        raise NotFoundError(_("Fee call {id} does not exist.").format(id=call_id))
    reason = v.clean_text(reason, "reason", required=True, max_length=500)
    on = v.date_in_range(on or dt.date.today(), "issued_on", required=True)
    if call.status is FeeCallStatus.CANCELLED:
        raise ValidationError("fee_call", call.number, _("is cancelled"))
    if on < call.issued_on:
        raise ValidationError("issued_on", on.isoformat(), _("lies before the invoice date"))
    creditable = call.amount + call.vat_amount - call.credited_amount
    credit = creditable if amount is None else v.money(amount, "amount")
    if credit <= 0 or credit > creditable:
        raise ValidationError("amount", str(credit),
                              _("must be more than 0 and at most {max}").format(max=creditable))
    if credit == creditable and call.credited_amount == 0:
        excl, vat = call.amount, call.vat_amount
    elif credit == creditable:  # the rest: what earlier notes left of each part
        noted = session.execute(select(func.coalesce(func.sum(CreditNote.amount), 0),
                                       func.coalesce(func.sum(CreditNote.vat_amount), 0))
                                .where(CreditNote.fee_call_id == call.id)).one()
        excl, vat = call.amount - Decimal(noted[0]), call.vat_amount - Decimal(noted[1])
        if excl < 0 or vat < 0 or excl + vat != credit:
            excl, vat = _split(call, credit)
    else:
        excl, vat = _split(call, credit)
    [seq] = take_numbers(session, DocumentKind.CREDIT_NOTE, on.year)
    note = CreditNote(fee_call_id=call.id, number=format_number(DocumentKind.CREDIT_NOTE, on.year, seq),
                      year=on.year, issued_on=on, reason=reason, amount=excl, vat_rate=call.vat_rate,
                      vat_amount=vat)
    session.add(note)
    call.credited_amount += credit
    call.status = FeeCallStatus.CREDITED
    text = _("{date}: credit note {number} for {amount}: {reason}").format(
        date=on.isoformat(), number=note.number, amount=credit, reason=reason)
    call.note = f"{call.note}\n{text}" if call.note else text
    session.flush()
    return get_credit_note(session, note.id)


# ---------------------------------------------------------------------------------------------
# Reminders


def mark_reminded(session: Session, call_ids: Iterable[int], on: dt.date | None = None) -> int:
    """Note on each call that a reminder letter went out today (or `on`)."""
    ids = list(call_ids)
    day = on or dt.date.today()
    for call_id in ids:
        call = session.get(FeeCall, call_id)
        if call is None:
            raise NotFoundError(_("Fee call {id} does not exist.").format(id=call_id))
        call.reminded_on = day
    session.flush()
    return len(ids)
