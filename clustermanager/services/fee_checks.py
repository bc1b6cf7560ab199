"""The fee rules `check` verifies (appended to services.integrity.DOMAIN_CHECKS)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum.be import ogm_vcs

from clustermanager.i18n import _
from clustermanager.models import CreditNote, DocumentKind, FeeCall, FeeCallStatus, Payment
from clustermanager.services.findings import Finding, finding


def check_structured_communications(session: Session) -> Finding:
    bad = [c for c in session.scalars(select(FeeCall.structured_communication)) if not ogm_vcs.is_valid(c)]
    return finding("fee_communications", not bad, _("Every fee call has a valid structured communication"),
                   _("{n} fee calls have an invalid structured communication, e.g. {c}").format(
                        n=len(bad), c=bad[0] if bad else ""))


def check_one_call_per_member_and_year(session: Session) -> Finding:
    counts = (select(FeeCall.member_id, FeeCall.year, func.count().label("n"))
              .where(FeeCall.status != FeeCallStatus.CANCELLED).group_by(FeeCall.member_id, FeeCall.year).subquery())
    doubles = session.scalar(select(func.count()).select_from(counts).where(counts.c.n > 1))
    return finding("fee_call_doubles", not doubles, _("No member has two fee calls for the same year"),
                   _("{n} members have more than one fee call for the same year").format(n=doubles))


def check_cancelled_calls_unpaid(session: Session) -> Finding:
    paid = session.scalar(select(func.count(func.distinct(Payment.fee_call_id))).join(
        FeeCall, FeeCall.id == Payment.fee_call_id).where(FeeCall.status == FeeCallStatus.CANCELLED))
    return finding("cancelled_calls", not paid, _("No cancelled fee call holds payments"),
                   _("{n} cancelled fee calls hold payments: match them elsewhere").format(n=paid))


def check_credits_within_totals(session: Session) -> Finding:
    over = session.scalar(select(func.count()).select_from(FeeCall).where(
        FeeCall.credited_amount > FeeCall.amount + FeeCall.vat_amount))
    return finding("fee_credits", not over, _("No fee call is credited for more than it asked"),
                   _("{n} fee calls are credited for more than their total").format(n=over))


def check_document_sequences(session: Session) -> Finding:
    from clustermanager.services import invoicing

    gaps = invoicing.sequence_gaps(session)
    details = []
    for g in gaps[:3]:
        kind = _("invoices") if g.kind is DocumentKind.INVOICE else _("credit notes")
        parts = []
        if g.missing:
            parts.append(_("missing {numbers}").format(numbers=", ".join(map(str, g.missing[:5]))))
        if g.beyond:
            parts.append(_("past the counter {numbers}").format(numbers=", ".join(map(str, g.beyond[:5]))))
        if g.duplicates:
            parts.append(_("twice {numbers}").format(numbers=", ".join(map(str, g.duplicates[:5]))))
        details.append(f"{kind} {g.year}: {'; '.join(parts)}")
    return finding("document_sequences", not gaps,
                    _("Invoice and credit note numbers run without gaps in every year"),
                    _("Numbering breaks its sequence: {details}").format(details=" | ".join(details)))


def check_credit_notes_match_credits(session: Session) -> Finding:
    noted = (select(CreditNote.fee_call_id, func.sum(CreditNote.amount + CreditNote.vat_amount).label("total"))
             .group_by(CreditNote.fee_call_id).subquery())
    off = session.scalar(select(func.count()).select_from(FeeCall).join(noted, noted.c.fee_call_id == FeeCall.id)
                         .where(noted.c.total != FeeCall.credited_amount))
    return finding("credit_notes", not off, _("Every credited amount is backed by its credit notes"),
                    _("{n} fee calls are credited for another amount than their credit notes").format(n=off))


FEE_CHECKS = [check_structured_communications, check_one_call_per_member_and_year, check_cancelled_calls_unpaid,
              check_credits_within_totals, check_document_sequences, check_credit_notes_match_credits]
