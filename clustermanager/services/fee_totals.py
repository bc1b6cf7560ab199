"""Fee calls at a glance: the overdue ones with the contact to chase, and a year's totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clustermanager.models import Contact, FeeCall, FeeCallStatus, Member, Payment
from clustermanager.services.fee_calls import CallStatus, FeeCallRow, _base_query, _rows
from clustermanager.services.fee_groups import call_groups
from clustermanager.services.fee_schedule import CENT, ZERO, _year


@dataclass(frozen=True)
class OverdueCall:
    call: FeeCallRow
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
    member_email: str | None
    days_overdue: int


def overdue_calls(session: Session, *, year: int | None = None, today: dt.date | None = None) -> list[OverdueCall]:
    """Calls past their due date with money outstanding, oldest first, with the main contact to chase."""
    today = today or dt.date.today()
    paid = (select(Payment.fee_call_id, func.sum(Payment.amount).label("paid"))
            .where(Payment.fee_call_id.is_not(None)).group_by(Payment.fee_call_id).subquery())
    # Filter in SQL (exact: money columns are integer cents on SQLite, NUMERIC elsewhere) before building rows.
    query = (_base_query().outerjoin(paid, paid.c.fee_call_id == FeeCall.id)
             .where(FeeCall.due_on < today, FeeCall.status != FeeCallStatus.CANCELLED,
                    func.coalesce(paid.c.paid, 0) < FeeCall.amount + FeeCall.vat_amount - FeeCall.credited_amount)
             .order_by(FeeCall.due_on, Member.name))
    if year is not None:
        query = query.where(FeeCall.year == year)
    rows = [r for r in _rows(session, query, today) if r.status is CallStatus.OVERDUE]
    contacts, emails = _main_contacts(session, list({r.member_id for r in rows}))
    out = []
    for r in rows:
        c = contacts.get(r.member_id)
        out.append(OverdueCall(r, f"{c.first_name} {c.last_name}".strip() if c else None, c.email if c else None,
                               c.phone if c else None, emails.get(r.member_id), (today - r.due_on).days))
    return out


def _main_contacts(session: Session, member_ids: list[int]) -> tuple[dict, dict[int, str | None]]:
    """The contact to chase per member (the main one, else the first) and the members' own e-mail."""
    contact_query = (select(Contact.member_id, Contact.first_name, Contact.last_name, Contact.email, Contact.phone)
                     .where(Contact.erased_on.is_(None)).order_by(Contact.is_main.desc(), Contact.id))
    email_query = select(Member.id, Member.email)
    # Few members: ask for them by id; many: one pass over the whole table is cheaper than many IN lists.
    chunks = [member_ids[i:i + 500] for i in range(0, len(member_ids), 500)] if len(member_ids) <= 5000 else [None]
    contacts: dict = {}
    emails: dict[int, str | None] = {}
    for chunk in chunks:
        cq = contact_query if chunk is None else contact_query.where(Contact.member_id.in_(chunk))
        eq = email_query if chunk is None else email_query.where(Member.id.in_(chunk))
        for c in session.execute(cq):
            contacts.setdefault(c.member_id, c)
        emails.update(session.execute(eq).all())
    return contacts, emails


@dataclass(frozen=True)
class YearTotals:
    """Fee figures for one year. Every amount is in euro; cancelled calls count for nothing.

    - `called_excl_vat`: the fees called, excluding VAT, after credits.
    - `called_total`: the same VAT included: what the members were asked to pay in all.
    - `received`: payments matched to the year's calls, VAT included (cash on the bank account).
    - `outstanding`: what is still to be paid on the year's calls, VAT included (never negative per call).
    """

    year: int
    calls: int
    called_excl_vat: Decimal
    called_vat: Decimal
    called_total: Decimal
    received: Decimal
    outstanding: Decimal
    overdue_count: int
    paid_count: int
    partly_paid_count: int
    open_count: int
    overdue_partly_paid_count: int = 0  # overdue calls with some money in: overdue wins, yet half paid
    credited_count: int = 0  # credited in full; with the four above, every call of the year

    @property
    def called(self) -> Decimal:
        """Alias of `called_total` (VAT included)."""
        return self.called_total


def excl_vat_share(amount: Decimal, call_amount: Decimal, call_total: Decimal) -> Decimal:
    """The part of `amount` (VAT included, paid or credited on a call) that is not VAT."""
    if call_total == 0:
        return ZERO
    return (amount * call_amount / call_total).quantize(CENT, rounding=ROUND_HALF_UP)


def year_totals(session: Session, year: int, today: dt.date | None = None, as_of: dt.date | None = None
                ) -> YearTotals:
    """Called / received / outstanding for the fee calls of `year` (the year they are for, not paid in);
    with `as_of`, counting only the payments received by that day. From the calls grouped in SQL
    (`fee_groups`): each figure as a sum over the calls, per call as `list_calls` rows have it."""
    groups = list(call_groups(session, _year(year), today=today, as_of=as_of))
    called_total = sum((g.due * g.count for g in groups), ZERO)
    called_excl = sum(((g.amount - excl_vat_share(g.credited, g.amount, g.total)) * g.count for g in groups), ZERO)
    count = {s: 0 for s in CallStatus}
    overdue_partly_paid = 0
    for g in groups:
        status = g.status
        count[status] += g.count
        if status is CallStatus.OVERDUE and g.paid > 0:
            overdue_partly_paid += g.count
    return YearTotals(
        year=year, calls=sum(g.count for g in groups), called_excl_vat=called_excl,
        called_vat=called_total - called_excl, called_total=called_total,
        received=sum((g.paid * g.count for g in groups), ZERO),
        outstanding=sum((g.outstanding * g.count for g in groups), ZERO), overdue_count=count[CallStatus.OVERDUE],
        paid_count=count[CallStatus.PAID], partly_paid_count=count[CallStatus.PARTLY_PAID],
        open_count=count[CallStatus.OPEN], credited_count=count[CallStatus.CREDITED],
        overdue_partly_paid_count=overdue_partly_paid,
    )


