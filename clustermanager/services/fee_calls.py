"""Reading fee calls (invoices): one row per call with what is paid and due, and its status today.

Amounts: a fee call holds `amount` (excluding VAT) and `vat_amount`; its `total` is both together.
A credit (`credited_amount`) is a reduction of the total, VAT included. What a member still owes is
`due = total - credited` (0 for a cancelled call) minus the payments matched to the call.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import N_, _, translator
from clustermanager.models import (
    FeeCall,
    FeeCallStatus,
    Member,
    Payment,
)
from clustermanager.services.fee_schedule import ZERO


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
    vat_exemption_code: str | None = None  # and its VATEX code

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
    FeeCall.vat_category, FeeCall.vat_ground_text, FeeCall.vat_exemption_code,
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
            c.vat_category, c.vat_ground_text, c.vat_exemption_code,
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
