"""Membership fees: calling them (one fee call per member and year), cancelling and crediting them.
The schedule is `services.fee_schedule`, reading calls `services.fee_calls`, the overdue list and the
year's totals `services.fee_totals`; their names are importable from here too (most callers use `fees.`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import _
from clustermanager.models import (
    DocumentKind,
    FeeCall,
    FeeCallStatus,
    Member,
    MemberKind,
    SizeClass,
)
from clustermanager.services import cluster, invoicing

# Reading calls and the schedule live in their own modules; their names stay importable from here.
from clustermanager.services.fee_calls import (  # noqa: F401 (re-exported)
    CALL_STATUS_LABELS,
    FEE_CATEGORY_LABELS,
    CallStatus,
    FeeCallRow,
    _base_query,
    _paid_by_call,
    _rows,
    call_status,
    category_label,
    find_call_id,
    find_call_id_by_communication,
    get_call,
    list_calls,
)
from clustermanager.services.fee_schedule import (  # noqa: F401 (re-exported)
    CENT,
    ZERO,
    ScheduleEntry,
    _year,
    copy_schedule,
    get_schedule,
    remove_fee,
    schedule_years,
    set_fee,
    vat_of,
)
from clustermanager.services.fee_totals import (  # noqa: F401 (re-exported)
    OverdueCall,
    YearTotals,
    excl_vat_share,
    overdue_calls,
    year_totals,
)
from clustermanager.services.history.actions import records_action
from clustermanager.services.members import active_during_clause

PRO_RATA_SETTING = "fees.pro_rata"  # bool: members joining during the year pay for the months left
PAYMENT_DAYS_SETTING = "fees.payment_days"  # int: days between issue and due date
DEFAULT_PAYMENT_DAYS = 30


@dataclass(frozen=True)
class SkippedMember:
    member_id: int
    member_name: str
    reason: str


@dataclass(frozen=True)
class GenerateResult:
    year: int
    created: tuple[FeeCallRow, ...]
    already_called: int
    skipped: tuple[SkippedMember, ...]


def fee_category_for(kind: MemberKind, size: SizeClass | None) -> str:
    """The schedule's default category: a company by its size class (small if unknown), else by its kind."""
    if kind is MemberKind.COMPANY:
        return (size or SizeClass.SMALL).value
    return {MemberKind.KNOWLEDGE: "knowledge", MemberKind.GOVERNMENT: "government"}.get(kind, "other")


def member_category(member) -> str:
    """The member's own fee category, else the one its kind and size suggest."""
    return (member.fee_category or fee_category_for(member.kind, member.size_class)).lower()


def pro_rata_months(joined_on: dt.date, year: int) -> int:
    """Months of `year` a member joining on `joined_on` is charged: the joining month counts in full."""
    if joined_on.year < year:
        return 12
    return 12 - joined_on.month + 1


@records_action("fee_call_run", lambda r: _("Fee calls {year}: {n} created").format(year=r.year,
                                                                                     n=len(r.created)))
def generate_calls(session: Session, year: int, *, issued_on: dt.date | None = None, due_on: dt.date | None = None,
                   today: dt.date | None = None) -> GenerateResult:
    """One fee call for every member active during `year` that has none for that year yet.

    Running it again creates only the calls still missing (a member who joined since); a member whose
    call was cancelled or credited gets no new one. Members whose category has no fee in the year's
    schedule are listed in `skipped`, not called.
    """
    year = _year(year)
    issued_on = v.date_in_range(issued_on or today or dt.date.today(), "issued_on", required=True)
    days = int(cluster.get_setting(session, PAYMENT_DAYS_SETTING, DEFAULT_PAYMENT_DAYS))
    due_on = v.date_in_range(due_on or issued_on + dt.timedelta(days=days), "due_on", required=True)
    if due_on < issued_on:
        raise ValidationError("due_on", due_on.isoformat(), _("lies before the issue date"))
    schedule = {e.category: e for e in get_schedule(session, year)}
    if not schedule:
        raise ValidationError("year", year, _("has no fee schedule yet: set the fees first"))
    pro_rata = bool(cluster.get_setting(session, PRO_RATA_SETTING, False))
    # Lock the year's invoice counter first: a colleague generating at the same moment waits here and
    # then sees the calls made meanwhile, so nobody is called twice and the numbers stay unbroken.
    invoicing.take_numbers(session, DocumentKind.INVOICE, year, 0)
    profile = cluster.get_profile(session)
    vat_registered = profile.vat_registered if profile is not None else True
    called = set(session.scalars(select(FeeCall.member_id).where(FeeCall.year == year)))
    prefix = f"{year % 100:02d}"
    used_comms = set(session.scalars(select(FeeCall.structured_communication)
                                     .where(FeeCall.structured_communication.like(prefix + "%"))))
    members = session.execute(
        select(Member.id, Member.name, Member.kind, Member.size_class, Member.fee_category, Member.joined_on,
               Member.country, Member.vat_number)
        .where(active_during_clause(dt.date(year, 1, 1), dt.date(year, 12, 31))).order_by(Member.name, Member.id))
    new_calls, skipped, already = [], [], 0
    for member in members:
        if member.id in called:
            already += 1
            continue
        category = member_category(member)
        entry = schedule.get(category)
        if entry is None:
            skipped.append(SkippedMember(member.id, member.name,
                                         _("no fee for category {c} in {y}").format(c=category, y=year)))
            continue
        amount = entry.amount
        if pro_rata:
            amount = (amount * pro_rata_months(member.joined_on, year) / 12).quantize(CENT, rounding=ROUND_HALF_UP)
        vat = invoicing.vat_treatment(supplier_vat_registered=vat_registered, rate=entry.vat_rate,
                                      ground=entry.vat_ground, article=entry.vat_article,
                                      exemption_code=entry.vat_exemption_code,
                                      customer_country=member.country, customer_vat_number=member.vat_number)
        new_calls.append({
            "member_id": member.id, "year": year, "category": category, "amount": amount,
            "vat_rate": vat.rate, "vat_amount": vat_of(amount, vat.rate), "vat_category": vat.category,
            "vat_ground_text": vat.ground_text, "vat_exemption_code": vat.exemption_code,
            "issued_on": max(issued_on, member.joined_on), "due_on": _due_for(member, issued_on, due_on, days),
            "status": FeeCallStatus.ISSUED,
        })
    # The numbers, in the order of the members' names, continue the year's unbroken sequence; the
    # structured communication follows the number (another sequence only if one is taken already).
    spare = 10**7
    for row, seq in zip(new_calls, invoicing.take_numbers(session, DocumentKind.INVOICE, year, len(new_calls)),
                        strict=True):
        row["number"] = invoicing.format_number(DocumentKind.INVOICE, year, seq)
        comm = v.make_structured_communication(year, seq)
        while comm in used_comms:
            spare += 1
            comm = v.make_structured_communication(year, spare)
        used_comms.add(comm)
        row["structured_communication"] = comm
    last_id = session.scalar(select(func.max(FeeCall.id))) or 0
    for start in range(0, len(new_calls), 20_000):  # set-based: 100,000 calls in seconds, not minutes
        session.execute(insert(FeeCall), new_calls[start:start + 20_000])
    session.flush()
    created = _rows(session, _base_query().where(FeeCall.year == year, FeeCall.id > last_id), today) \
        if new_calls else []
    return GenerateResult(year, tuple(created), already, tuple(skipped))


def _due_for(member, issued_on: dt.date, due_on: dt.date, days: int) -> dt.date:
    """A member joining after the calls went out gets the usual payment term from the day it joined."""
    if member.joined_on > issued_on:
        return max(due_on, member.joined_on + dt.timedelta(days=days))
    return due_on


def _load(session: Session, call_id: int) -> FeeCall:
    call = session.get(FeeCall, call_id)
    if call is None:
        raise NotFoundError(_("Fee call {id} does not exist.").format(id=call_id))
    return call


def cancel_call(session: Session, call_id: int, reason: str, *, on: dt.date | None = None) -> FeeCallRow:
    """Cancel a call issued by mistake: a credit note cancels the invoice (an invoice is never deleted,
    its number never reused). A call with payments must be credited instead."""
    call = _load(session, call_id)
    reason = v.clean_text(reason, "reason", required=True, max_length=500)
    if call.status is FeeCallStatus.CANCELLED:
        raise ValidationError("fee_call", call.number, _("is already cancelled"))
    if call.payments:
        raise ValidationError("fee_call", call.number,
                              _("has payments: credit it instead of cancelling it"))
    if call.amount + call.vat_amount > call.credited_amount:
        invoicing.issue_credit_note(session, call_id, reason, on=on)
    call.status = FeeCallStatus.CANCELLED
    call.note = f"{call.note}\n" if call.note else ""
    call.note += _("{date}: cancelled: {reason}").format(date=(on or dt.date.today()).isoformat(), reason=reason)
    session.flush()
    return get_call(session, call_id)


def credit_call(session: Session, call_id: int, reason: str, amount: object = None, *,
                on: dt.date | None = None) -> FeeCallRow:
    """Credit (part of) a call, VAT included, with a credit note: the member owes that much less.
    Without amount: all that is left. (`invoicing.issue_credit_note` returns the note itself.)"""
    invoicing.issue_credit_note(session, call_id, reason, amount, on=on)
    return get_call(session, call_id)
