"""Payments: money received, matched to fee calls by structured communication or by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import _
from clustermanager.models import FeeCall, FeeCallStatus, Payment, PaymentSource
from clustermanager.services import credits, fees


@dataclass(frozen=True)
class PaymentRow:
    id: int
    fee_call_id: int | None
    fee_call_number: str | None
    member_name: str | None
    paid_on: dt.date
    amount: Decimal
    source: PaymentSource
    counterparty_name: str | None
    counterparty_iban: str | None
    communication: str | None
    structured_communication: str | None
    bank_reference: str | None
    note: str | None


def _row(p: Payment) -> PaymentRow:
    call = p.fee_call
    return PaymentRow(p.id, p.fee_call_id, call.number if call else None, call.member.name if call else None,
                      p.paid_on, p.amount, p.source, p.counterparty_name, p.counterparty_iban, p.communication,
                      p.structured_communication, p.bank_reference, p.note)


def _payable_call(session: Session, call_id: int) -> FeeCall:
    call = session.get(FeeCall, call_id)
    if call is None:
        raise NotFoundError(_("Fee call {id} does not exist.").format(id=call_id))
    if call.status is FeeCallStatus.CANCELLED:
        raise ValidationError("fee_call", call.number, _("is cancelled: it takes no payments"))
    return call


def record_payment(session: Session, fee_call_id: int, amount: object, paid_on: dt.date, *,
                   counterparty_name: str | None = None, note: str | None = None,
                   allow_overpayment: bool = False) -> PaymentRow:
    """Record money received by hand against a fee call; partial payments are fine.

    A payment above what is still outstanding is refused unless `allow_overpayment`: then the call gets
    what it asks and the rest becomes an unapplied credit of the member (services.credits).
    """
    call = _payable_call(session, fee_call_id)
    amount = v.money(amount, "amount")
    if amount <= 0:
        raise ValidationError("amount", str(amount), _("must be more than 0"))
    paid_on = v.date_in_range(paid_on, "paid_on", required=True)
    outstanding = fees.get_call(session, call.id).outstanding
    if amount > outstanding and not allow_overpayment:
        raise ValidationError("amount", str(amount),
                              _("is more than the {left} still outstanding on {number}").format(
                                  left=outstanding, number=call.number))
    payment = Payment(paid_on=paid_on, amount=amount, source=PaymentSource.MANUAL,
                      counterparty_name=v.clean_text(counterparty_name, "counterparty_name") or call.member.name,
                      structured_communication=call.structured_communication,
                      note=v.clean_text(note, "note", max_length=2000))
    session.add(payment)
    credits.apply_within(session, payment, call, outstanding)
    session.flush()
    return _row(payment)


def overpayment(session: Session, payment_id: int, fee_call_id: int) -> Decimal:
    """How much matching the payment to the call would pay above what the call still asks (0: none)."""
    payment = _load(session, payment_id)
    call = _payable_call(session, fee_call_id)
    return max(payment.amount - credits.call_outstanding(session, call), Decimal("0.00"))


def match_payment(session: Session, payment_id: int, fee_call_id: int, *, surplus_to_credit: bool = False
                  ) -> PaymentRow:
    """Match a waiting payment to a fee call by hand. A payment above what the call still asks is
    refused (the window asks first, see `overpayment`) unless `surplus_to_credit`: then the call gets
    what it asks and the rest becomes an unapplied credit of the call's member."""
    payment = _load(session, payment_id)
    if payment.fee_call_id is not None:
        raise ValidationError("payment", payment_id, _("is already matched to fee call {number}").format(
            number=payment.fee_call.number))
    if payment.member_id is not None:
        raise ValidationError("payment", payment_id, _("is a credit of {name}: apply it to one of their calls").format(
            name=payment.member.name))
    call = _payable_call(session, fee_call_id)
    outstanding = credits.call_outstanding(session, call)
    if payment.amount > outstanding and not surplus_to_credit:
        raise ValidationError("amount", str(payment.amount), _(
            "is {extra} more than the {left} still outstanding on {number}; match it anyway to keep the rest as "
            "a credit of {name}").format(extra=payment.amount - outstanding, left=outstanding, number=call.number,
                                         name=call.member.name))
    credits.apply_within(session, payment, call, outstanding)
    session.flush()
    return _row(payment)


def unmatch_payment(session: Session, payment_id: int) -> PaymentRow:
    """Undo a wrong match: the payment waits for matching again."""
    payment = _load(session, payment_id)
    payment.fee_call = None
    for part in session.scalars(select(Payment).where(Payment.part_of_id == payment.id, *credits.open_credit_clause())):
        payment.amount += part.amount  # the credit split off at matching goes back into the payment
        session.delete(part)
    session.flush()
    return _row(payment)


def _load(session: Session, payment_id: int) -> Payment:
    payment = session.get(Payment, payment_id)
    if payment is None:
        raise NotFoundError(_("Payment {id} does not exist.").format(id=payment_id))
    return payment


def list_unmatched(session: Session) -> list[PaymentRow]:
    """Money received that no fee call claims yet (incoming only), newest first."""
    query = (select(Payment).where(Payment.fee_call_id.is_(None), Payment.member_id.is_(None), Payment.amount > 0)
             .order_by(Payment.paid_on.desc(), Payment.id.desc()))
    return [_row(p) for p in session.scalars(query)]


def list_payments(session: Session, *, fee_call_id: int | None = None, member_id: int | None = None
                  ) -> list[PaymentRow]:
    query = select(Payment).order_by(Payment.paid_on, Payment.id)
    if fee_call_id is not None:
        query = query.where(Payment.fee_call_id == fee_call_id)
    if member_id is not None:
        query = query.join(FeeCall, FeeCall.id == Payment.fee_call_id).where(FeeCall.member_id == member_id)
    return [_row(p) for p in session.scalars(query)]


def suggest_calls(session: Session, payment_id: int, limit: int = 10) -> list[fees.FeeCallRow]:
    """Unpaid calls a waiting payment might belong to: same amount first, then the payer's name."""
    payment = _load(session, payment_id)
    open_rows = [r for r in fees.list_calls(session) if r.outstanding > 0]
    name = (payment.counterparty_name or "").lower()

    def score(r: fees.FeeCallRow) -> tuple:
        words = [w for w in r.member_name.lower().split() if len(w) > 2]
        return (r.outstanding != payment.amount, not any(w in name for w in words), r.due_on)

    return sorted(open_rows, key=score)[:limit]
