"""A year's fee calls grouped by what their figures depend on, for totals without a row per call.

A year's totals (`fee_totals.year_totals`) and the members' own share (`self_funding`) used to read
every call of the year as a `FeeCallRow` (100,000 members: 90,000 rows a year, 45 s and 200 MB for the
dashboard). Every figure of a call comes from its amount, VAT, credit, the payments matched to it and
whether its due date has passed; calls alike in those are alike in every figure. So the database
groups the year's calls by them (a few dozen groups: the schedule has few amounts) and counts each
group; the figures are then computed per group with the same Decimal arithmetic and rounding per
call as for one row (`fee_calls.call_status`, `fee_totals.excl_vat_share`), times the group's count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from clustermanager.models import FeeCall, FeeCallStatus, Member, Payment
from clustermanager.services.fee_calls import CallStatus, call_status
from clustermanager.services.fee_schedule import ZERO


@dataclass(frozen=True)
class CallGroup:
    """`count` calls (none cancelled) with these figures; `past_due`: their due date is before `today`."""

    amount: Decimal
    vat_amount: Decimal
    credited: Decimal
    paid: Decimal  # the payments matched to each call (by `as_of`)
    past_due: bool
    count: int

    @property
    def total(self) -> Decimal:
        return self.amount + self.vat_amount

    @property
    def due(self) -> Decimal:
        return self.total - self.credited

    @property
    def outstanding(self) -> Decimal:
        return max(self.due - self.paid, ZERO)

    @property
    def status(self) -> CallStatus:
        """As `fee_calls.call_status` judges each of these calls (only "is the due date past" matters)."""
        today = dt.date(2000, 1, 2)
        return call_status(FeeCallStatus.ISSUED, self.due, self.paid, today - dt.timedelta(days=self.past_due), today)


def call_groups(session: Session, year: int, *, today: dt.date | None = None,
                as_of: dt.date | None = None) -> Iterator[CallGroup]:
    """The calls for `year` that are not cancelled (the calls `fee_calls.list_calls(year=year)` lists),
    grouped; `as_of`: the payments received by that day only."""
    today = today or dt.date.today()
    paid = select(func.sum(Payment.amount)).where(Payment.fee_call_id == FeeCall.id)
    if as_of is not None:
        paid = paid.where(Payment.paid_on <= as_of)
    per_call = (
        select(FeeCall.amount.label("amount"), FeeCall.vat_amount.label("vat"),
               FeeCall.credited_amount.label("credited"),
               type_coerce(func.coalesce(paid.scalar_subquery(), 0), Payment.amount.type).label("paid"),
               (FeeCall.due_on < today).label("past_due"))
        .join(Member, Member.id == FeeCall.member_id)  # as list_calls: a call is listed with its member
        .where(FeeCall.year == year, FeeCall.status != FeeCallStatus.CANCELLED)
        .subquery())
    columns = (per_call.c.amount, per_call.c.vat, per_call.c.credited, per_call.c.paid, per_call.c.past_due)
    for amount, vat, credited, paid_total, past_due, n in session.execute(
            select(*columns, func.count()).group_by(*columns)):
        yield CallGroup(amount, vat, credited, paid_total, bool(past_due), n)
