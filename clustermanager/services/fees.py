"""Membership fees: the yearly schedule, fee calls (invoices) and their status.

Amounts: a fee call holds `amount` (excluding VAT) and `vat_amount`; its `total` is both together.
A credit (`credited_amount`) is a reduction of the total, VAT included. What a member still owes is
`due = total - credited` (0 for a cancelled call) minus the payments matched to the call.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import N_, _, translator
from clustermanager.models import (
    DocumentKind,
    FeeCall,
    FeeCallStatus,
    FeeSchedule,
    Member,
    MemberKind,
    Payment,
    SizeClass,
)
from clustermanager.services import cluster, invoicing
from clustermanager.services.history.actions import records_action
from clustermanager.services.members import active_during_clause

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
PRO_RATA_SETTING = "fees.pro_rata"  # bool: members joining during the year pay for the months left
PAYMENT_DAYS_SETTING = "fees.payment_days"  # int: days between issue and due date
DEFAULT_PAYMENT_DAYS = 30


def vat_of(amount: Decimal, rate_percent: Decimal) -> Decimal:
    return (amount * rate_percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def _year(year: object, field: str = "year") -> int:
    try:
        value = int(year)
    except (TypeError, ValueError):
        raise ValidationError(field, year, _("is not a year")) from None
    if not 1990 <= value <= 2200:
        raise ValidationError(field, year, _("is not a plausible year"))
    return value


# ---------------------------------------------------------------------------------------------
# The schedule


@dataclass(frozen=True)
class ScheduleEntry:
    year: int
    category: str
    amount: Decimal  # excluding VAT
    vat_rate: Decimal  # percent, 21 = 21 %
    description: str | None
    vat_ground: str | None = None  # a 0 % category's ground (models.VatGround value)
    vat_article: str | None = None  # the article for an exemption, as the accountant names it

    @property
    def vat_amount(self) -> Decimal:
        return vat_of(self.amount, self.vat_rate)

    @property
    def total(self) -> Decimal:
        return self.amount + self.vat_amount


def _entry(row: FeeSchedule) -> ScheduleEntry:
    return ScheduleEntry(row.year, row.category, row.amount, row.vat_rate, row.description, row.vat_ground,
                         row.vat_article)


def get_schedule(session: Session, year: int) -> list[ScheduleEntry]:
    rows = session.scalars(select(FeeSchedule).where(FeeSchedule.year == _year(year)).order_by(FeeSchedule.amount,
                                                                                                FeeSchedule.category))
    return [_entry(r) for r in rows]


def schedule_years(session: Session) -> list[int]:
    years = set(session.scalars(select(FeeSchedule.year).distinct()))
    years |= set(session.scalars(select(FeeCall.year).distinct()))
    return sorted(years)


def set_fee(session: Session, year: int, category: str, amount: object, vat_rate: object = Decimal("21"),
            description: str | None = None, vat_ground: object = None, vat_article: object = None
            ) -> ScheduleEntry:
    """Add or change the fee of one category in one year (amount excluding VAT, VAT in percent).

    A 0 % category carries its ground (`vat_ground`: exempt, with `vat_article`, reverse_charge or
    outside_scope; exempt when not given)."""
    year = _year(year)
    category = v.clean_text(category, "category", required=True, max_length=50).lower()
    amount = v.money(amount, "amount")
    rate = v.money(vat_rate, "vat_rate")
    if rate > 100:
        raise ValidationError("vat_rate", str(vat_rate), _("is a percentage between 0 and 100"))
    description = v.clean_text(description, "description")
    ground, article = invoicing.check_ground(rate, vat_ground, vat_article)
    row = session.scalar(select(FeeSchedule).where(FeeSchedule.year == year, FeeSchedule.category == category))
    if row is None:
        row = FeeSchedule(year=year, category=category)
        session.add(row)
    row.amount, row.vat_rate, row.description = amount, rate, description
    row.vat_ground, row.vat_article = ground, article
    session.flush()
    return _entry(row)


def remove_fee(session: Session, year: int, category: str) -> None:
    row = session.scalar(select(FeeSchedule).where(FeeSchedule.year == _year(year), FeeSchedule.category == category))
    if row is None:
        raise NotFoundError(_("No fee for {category} in {year}.").format(category=category, year=year))
    session.delete(row)
    session.flush()


def copy_schedule(session: Session, from_year: int, to_year: int, increase_percent: object = 0) -> list[ScheduleEntry]:
    """Copy a year's schedule to another year, raising every amount by `increase_percent` (rounded to the cent).

    Categories the target year already has are overwritten; others there are kept.
    """
    from_year, to_year = _year(from_year, "from_year"), _year(to_year, "to_year")
    if from_year == to_year:
        raise ValidationError("to_year", to_year, _("is the year copied from"))
    increase = v.money(increase_percent, "increase", allow_negative=True)
    if increase <= -100:
        raise ValidationError("increase", str(increase_percent), _("must be more than -100%"))
    source = get_schedule(session, from_year)
    if not source:
        raise ValidationError("from_year", from_year, _("has no fee schedule to copy"))
    factor = 1 + increase / 100
    for entry in source:
        set_fee(session, to_year, entry.category, (entry.amount * factor).quantize(CENT, rounding=ROUND_HALF_UP),
                entry.vat_rate, entry.description, entry.vat_ground, entry.vat_article)
    return get_schedule(session, to_year)


# ---------------------------------------------------------------------------------------------
# Fee calls


class CallStatus(enum.StrEnum):
    """What a fee call looks like today, from its payments and due date."""

    PAID = "paid"
    PARTLY_PAID = "partly_paid"
    OPEN = "open"
    OVERDUE = "overdue"
    CREDITED = "credited"  # credited in full: nothing left to pay
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _(CALL_STATUS_LABELS[self])


CALL_STATUS_LABELS = {
    CallStatus.PAID: N_("Paid"),
    CallStatus.PARTLY_PAID: N_("Partly paid"),
    CallStatus.OPEN: N_("Open"),
    CallStatus.OVERDUE: N_("Overdue"),
    CallStatus.CREDITED: N_("Credited"),
    CallStatus.CANCELLED: N_("Cancelled"),
}


FEE_CATEGORY_LABELS = {  # the built-in categories (demo.fee_category_for); a cluster may add its own codes
    "micro": N_("Micro company"),
    "small": N_("Small company"),
    "medium": N_("Medium-sized company"),
    "large": N_("Large company"),
    "knowledge": N_("Knowledge institution"),
    "government": N_("Government / public body"),
    "other": N_("Other"),
}


def category_label(category: str | None, lang: str | None = None) -> str:
    """A fee category for people: the built-in ones translated (`small` -> "Small company"), a
    cluster's own category as it was typed; "" for none. `lang`: the language (None: the app's)."""
    if not category:
        return ""
    text = FEE_CATEGORY_LABELS.get(category.lower())
    return translator(lang)(text) if text else category


@dataclass(frozen=True)
class FeeCallRow:
    id: int
    member_id: int
    member_name: str
    year: int
    category: str | None
    number: str | None
    amount: Decimal  # excluding VAT
    vat_rate: Decimal
    vat_amount: Decimal
    total: Decimal
    credited: Decimal
    paid: Decimal
    issued_on: dt.date
    due_on: dt.date
    structured_communication: str
    life: FeeCallStatus
    status: CallStatus
    reminded_on: dt.date | None
    note: str | None
    version: int
    vat_category: str = "S"  # UBL VAT category fixed when issued: S, E, AE, O
    vat_ground_text: str | None = None  # the exemption's article

    @property
    def due(self) -> Decimal:
        """What the member owes in all (VAT included), after credits; 0 when cancelled."""
        return ZERO if self.life is FeeCallStatus.CANCELLED else self.total - self.credited

    @property
    def outstanding(self) -> Decimal:
        return max(self.due - self.paid, ZERO)

    @property
    def communication_text(self) -> str:
        return v.format_structured_communication(self.structured_communication)


def call_status(life: FeeCallStatus, due: Decimal, paid: Decimal, due_on: dt.date, today: dt.date) -> CallStatus:
    """Overdue wins over partly paid once the due date has passed: that is who gets a reminder."""
    if life is FeeCallStatus.CANCELLED:
        return CallStatus.CANCELLED
    if paid >= due:
        return CallStatus.CREDITED if due == 0 and paid == 0 else CallStatus.PAID
    if today > due_on:
        return CallStatus.OVERDUE
    return CallStatus.PARTLY_PAID if paid > 0 else CallStatus.OPEN


def _paid_by_call(session: Session, call_ids: Iterable[int] | None = None, year: int | None = None,
                  as_of: dt.date | None = None) -> dict[int, Decimal]:
    query = select(Payment.fee_call_id, func.sum(Payment.amount)).where(Payment.fee_call_id.is_not(None))
    if as_of is not None:  # what had come in by the end of that day
        query = query.where(Payment.paid_on <= as_of)
    if year is not None:
        query = query.join(FeeCall, FeeCall.id == Payment.fee_call_id).where(FeeCall.year == year)
    if call_ids is not None:
        query = query.where(Payment.fee_call_id.in_(list(call_ids)))
    # Payment.amount's type turns the SQL sum (cents on SQLite) back into an exact Decimal.
    return {cid: total for cid, total in session.execute(query.group_by(Payment.fee_call_id))}


_CALL_COLUMNS = (
    FeeCall.id, FeeCall.member_id, Member.name, FeeCall.year, FeeCall.category, FeeCall.number, FeeCall.amount,
    FeeCall.vat_rate, FeeCall.vat_amount, FeeCall.credited_amount, FeeCall.issued_on, FeeCall.due_on,
    FeeCall.structured_communication, FeeCall.status, FeeCall.reminded_on, FeeCall.note, FeeCall.version,
    FeeCall.vat_category, FeeCall.vat_ground_text,
)


def _rows(session: Session, query, today: dt.date | None, as_of: dt.date | None = None) -> list[FeeCallRow]:
    """Rows from plain columns (no ORM objects: 100,000 calls load in a second or two); `as_of`: the
    payments received by that day only (a report for a past period)."""
    today = today or dt.date.today()
    calls = session.execute(query).all()
    paid = (_paid_by_call(session, [c.id for c in calls], as_of=as_of) if len(calls) < 900
            else _paid_by_call(session, as_of=as_of))
    out = []
    for c in calls:
        got = paid.get(c.id, ZERO)
        total = c.amount + c.vat_amount
        due = ZERO if c.status is FeeCallStatus.CANCELLED else total - c.credited_amount
        out.append(FeeCallRow(
            c.id, c.member_id, c.name, c.year, c.category, c.number, c.amount, c.vat_rate, c.vat_amount, total,
            c.credited_amount, got, c.issued_on, c.due_on, c.structured_communication, c.status,
            call_status(c.status, due, got, c.due_on, today), c.reminded_on, c.note, c.version,
            c.vat_category, c.vat_ground_text,
        ))
    return out


def _base_query():
    return select(*_CALL_COLUMNS).join(Member, Member.id == FeeCall.member_id)


def list_calls(session: Session, *, year: int | None = None, member_id: int | None = None,
               status: CallStatus | None = None, search: str | None = None,
               today: dt.date | None = None, as_of: dt.date | None = None) -> list[FeeCallRow]:
    """Fee calls with their payments and status; `search` looks in the member name, number and communication."""
    query = _base_query().order_by(FeeCall.year.desc(), Member.name)
    if year is not None:
        query = query.where(FeeCall.year == year)
    if member_id is not None:
        query = query.where(FeeCall.member_id == member_id)
    search = v.clean_text(search, "search", max_length=500)
    if search:
        like = v.like_pattern(search)
        digits = "".join(ch for ch in search if ch.isdigit())
        conditions = [func.lower(Member.name).like(like, escape="\\"), FeeCall.number.like(like, escape="\\")]
        if len(digits) >= 3:
            conditions.append(FeeCall.structured_communication.like(f"%{digits}%"))
        query = query.where(or_(*conditions))
    rows = _rows(session, query, today, as_of)
    return [r for r in rows if r.status is status] if status is not None else rows


def get_call(session: Session, call_id: int, today: dt.date | None = None) -> FeeCallRow:
    rows = _rows(session, _base_query().where(FeeCall.id == call_id), today)
    if not rows:
        raise NotFoundError(_("Fee call {id} does not exist.").format(id=call_id))
    return rows[0]


def find_call_id_by_communication(session: Session, communication: str) -> int | None:
    """The id of the fee call carrying this structured communication (any spelling), or None."""
    try:
        digits = v.structured_communication(communication)
    except ValidationError:
        return None
    return session.scalar(select(FeeCall.id).where(FeeCall.structured_communication == digits))


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
                                      customer_country=member.country, customer_vat_number=member.vat_number)
        new_calls.append({
            "member_id": member.id, "year": year, "category": category, "amount": amount,
            "vat_rate": vat.rate, "vat_amount": vat_of(amount, vat.rate), "vat_category": vat.category,
            "vat_ground_text": vat.ground_text,
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


def find_call_id(session: Session, key: str) -> int:
    """A fee call by invoice number ('2025-00012'), structured communication (any spelling) or id."""
    key = v.clean_text(key, "call", required=True)
    found = session.scalar(select(FeeCall.id).where(FeeCall.number == key))
    if found is None:
        found = find_call_id_by_communication(session, key)
    if found is None and key.isdigit() and len(key) < 10:
        found = session.scalar(select(FeeCall.id).where(FeeCall.id == int(key)))
    if found is None:
        raise NotFoundError(_("No fee call matches {key!r} (give its number, structured communication or id).")
                            .format(key=key))
    return found


_IN_FEE_TOTALS = ("OverdueCall", "YearTotals", "excl_vat_share", "overdue_calls", "year_totals")


def __getattr__(name: str):
    """The overdue list and the year's totals live in fee_totals (built on this module's rows); reached
    here on first use, so either module can be imported first."""
    if name in _IN_FEE_TOTALS:
        from clustermanager.services import fee_totals

        return getattr(fee_totals, name)
    raise AttributeError(name)
