"""The fee rules `check` verifies (appended to services.integrity.DOMAIN_CHECKS)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum.be import ogm_vcs

from clustermanager.i18n import _
from clustermanager.models import FeeCall, FeeCallStatus, Payment


def _finding(name: str, ok: bool, good: str, bad: str):
    from clustermanager.services.integrity import Finding  # integrity imports this module at its end

    return Finding(name, ok, good if ok else bad)


def check_structured_communications(session: Session):
    bad = [c for c in session.scalars(select(FeeCall.structured_communication)) if not ogm_vcs.is_valid(c)]
    return _finding("fee_communications", not bad, _("Every fee call has a valid structured communication"),
                    _("{n} fee calls have an invalid structured communication, e.g. {c}").format(
                        n=len(bad), c=bad[0] if bad else ""))


def check_one_call_per_member_and_year(session: Session):
    counts = (select(FeeCall.member_id, FeeCall.year, func.count().label("n"))
              .where(FeeCall.status != FeeCallStatus.CANCELLED).group_by(FeeCall.member_id, FeeCall.year).subquery())
    doubles = session.scalar(select(func.count()).select_from(counts).where(counts.c.n > 1))
    return _finding("fee_call_doubles", not doubles, _("No member has two fee calls for the same year"),
                    _("{n} members have more than one fee call for the same year").format(n=doubles))


def check_cancelled_calls_unpaid(session: Session):
    paid = session.scalar(select(func.count(func.distinct(Payment.fee_call_id))).join(
        FeeCall, FeeCall.id == Payment.fee_call_id).where(FeeCall.status == FeeCallStatus.CANCELLED))
    return _finding("cancelled_calls", not paid, _("No cancelled fee call holds payments"),
                    _("{n} cancelled fee calls hold payments: match them elsewhere").format(n=paid))


def check_credits_within_totals(session: Session):
    over = session.scalar(select(func.count()).select_from(FeeCall).where(
        FeeCall.credited_amount > FeeCall.amount + FeeCall.vat_amount))
    return _finding("fee_credits", not over, _("No fee call is credited for more than it asked"),
                    _("{n} fee calls are credited for more than their total").format(n=over))


FEE_CHECKS = [check_structured_communications, check_one_call_per_member_and_year, check_cancelled_calls_unpaid,
              check_credits_within_totals]
