"""Unapplied credits: money of a member that no fee call asks for (yet).

A payment never raises a fee call above what it asks. What a payment brings above the call's
outstanding amount (a member paying twice, a payment on a call already paid) is split off into its own
`Payment` row with the member and no fee call: an **unapplied credit**. The user applies it to another
call of the member (again never above what that call asks; a remainder stays a credit) or marks it
refunded. Cash received counts every row once, so splitting never changes what came in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import _
from clustermanager.models import FeeCall, FeeCallStatus, Member, Payment

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CreditRow:
    id: int
    member_id: int
    member_name: str
    amount: Decimal
    received_on: dt.date
    from_payment_id: int | None  # the payment it was split from
    from_fee_call: str | None  # the number of the call that payment was for
    refunded_on: dt.date | None
    applied_to: str | None  # the fee call it now pays (then it is no longer a credit)
    note: str | None

    @property
    def open(self) -> bool:
        return self.refunded_on is None and self.applied_to is None


def call_outstanding(session: Session, call: FeeCall, *, pending: Decimal = ZERO) -> Decimal:
    """What `call` still asks, VAT included, after credits and the payments flushed so far (less `pending`)."""
    if call.status is FeeCallStatus.CANCELLED:
        return ZERO
    paid = session.scalar(select(func.coalesce(func.sum(Payment.amount), 0)).where(Payment.fee_call_id == call.id))
    due = call.amount + call.vat_amount - call.credited_amount
    return max(due - Decimal(paid or 0) - pending, ZERO)


def outstanding_of(session: Session, calls) -> dict[int, Decimal]:
    """What each of `calls` still asks (as `call_outstanding`), in one query per 500 calls: a loop that
    adds payments between the lookups would otherwise flush (and record history) once per call."""
    calls = list(calls)
    paid: dict[int, Decimal] = {}
    ids = [c.id for c in calls]
    for start in range(0, len(ids), 500):
        paid.update(session.execute(select(Payment.fee_call_id, func.coalesce(func.sum(Payment.amount), 0))
                                    .where(Payment.fee_call_id.in_(ids[start:start + 500]))
                                    .group_by(Payment.fee_call_id)).all())
    return {c.id: ZERO if c.status is FeeCallStatus.CANCELLED else
            max(c.amount + c.vat_amount - c.credited_amount - Decimal(paid.get(c.id) or 0), ZERO) for c in calls}


def apply_within(session: Session, payment: Payment, call: FeeCall, outstanding: Decimal) -> Payment | None:
    """Put `payment` on `call` for at most `outstanding`; the rest becomes a credit of the call's member
    (returned, already added to the session). A payment on a call that asks nothing is a credit whole."""
    if payment.amount <= outstanding:
        payment.fee_call = call
        return None
    if outstanding <= 0:
        payment.fee_call = None
        payment.member_id = call.member_id
        payment.note = _join(payment.note, _("Received on {number}, which asked nothing more.").format(
            number=call.number))
        return payment
    surplus = payment.amount - outstanding
    payment.amount = outstanding
    payment.fee_call = call
    credit = Payment(paid_on=payment.paid_on, amount=surplus, source=payment.source, member_id=call.member_id,
                     part_of=payment, counterparty_name=payment.counterparty_name,
                     counterparty_iban=payment.counterparty_iban, communication=payment.communication,
                     structured_communication=payment.structured_communication, bank_account=payment.bank_account,
                     note=_("Paid above what {number} asked.").format(number=call.number))
    session.add(credit)
    return credit


def _join(note: str | None, text: str) -> str:
    return f"{note}\n{text}" if note else text


def _row(p: Payment) -> CreditRow:
    root = p.part_of
    source_call = root.fee_call if root is not None else None
    return CreditRow(p.id, p.member_id, p.member.name, p.amount, p.paid_on, root.id if root else None,
                     source_call.number if source_call else None, p.refunded_on,
                     p.fee_call.number if p.fee_call else None, p.note)


def open_credit_clause():
    return (Payment.member_id.is_not(None), Payment.fee_call_id.is_(None), Payment.refunded_on.is_(None))


def list_credits(session: Session, *, member_id: int | None = None, include_closed: bool = False) -> list[CreditRow]:
    """Credits of members, newest first; only the open ones (neither applied nor refunded) by default."""
    query = (select(Payment).join(Member, Member.id == Payment.member_id)
             .order_by(Payment.paid_on.desc(), Payment.id.desc()))
    if not include_closed:
        query = query.where(*open_credit_clause())
    if member_id is not None:
        query = query.where(Payment.member_id == member_id)
    return [_row(p) for p in session.scalars(query)]


def open_credit_total(session: Session, member_id: int | None = None) -> Decimal:
    query = select(func.coalesce(func.sum(Payment.amount), 0)).where(*open_credit_clause())
    if member_id is not None:
        query = query.where(Payment.member_id == member_id)
    return Decimal(session.scalar(query) or 0).quantize(Decimal("0.01"))


def _open_credit(session: Session, credit_id: int) -> Payment:
    credit = session.get(Payment, credit_id)
    if credit is None or credit.member_id is None:
        raise NotFoundError(_("Credit {id} does not exist.").format(id=credit_id))
    if credit.refunded_on is not None:
        raise ValidationError("payment", credit_id, _("was refunded on {date}").format(
            date=credit.refunded_on.isoformat()))
    if credit.fee_call_id is not None:
        raise ValidationError("payment", credit_id, _("is already applied to {number}").format(
            number=credit.fee_call.number))
    return credit


def apply_credit(session: Session, credit_id: int, fee_call_id: int) -> CreditRow:
    """Use a credit for another call of the same member, never above what it asks (a rest stays a credit)."""
    credit = _open_credit(session, credit_id)
    call = session.get(FeeCall, fee_call_id)
    if call is None:
        raise NotFoundError(_("Fee call {id} does not exist.").format(id=fee_call_id))
    if call.member_id != credit.member_id:
        raise ValidationError("fee_call", call.number, _("is a call of another member"))
    outstanding = call_outstanding(session, call)
    if outstanding <= 0:
        raise ValidationError("fee_call", call.number, _("asks nothing more"))
    apply_within(session, credit, call, outstanding)
    session.flush()
    return _row(credit)


def refund_credit(session: Session, credit_id: int, on: dt.date | None = None, note: str | None = None) -> CreditRow:
    """Mark a credit as paid back to the member on `on` (default today)."""
    credit = _open_credit(session, credit_id)
    credit.refunded_on = v.date_in_range(on, "refunded_on") or dt.date.today()
    if credit.refunded_on < credit.paid_on:
        raise ValidationError("refunded_on", credit.refunded_on.isoformat(), _("lies before the money came in"))
    extra = v.clean_text(note, "note", max_length=2000)
    if extra:
        credit.note = _join(credit.note, extra)
    session.flush()
    return _row(credit)


def refunds_between(session: Session, start: dt.date, end: dt.date) -> Decimal:
    """Credits paid back to members within [start, end]."""
    total = session.scalar(select(func.coalesce(func.sum(Payment.amount), 0)).where(
        Payment.refunded_on.is_not(None), Payment.refunded_on >= start, Payment.refunded_on <= end))
    return Decimal(total or 0).quantize(Decimal("0.01"))
