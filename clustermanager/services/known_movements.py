"""Which movements of a statement the database already has, whatever format brought them.

A movement is the same when the bank's reference is the same (the same statement imported again, an
overlapping export from the same tool). Across formats (CODA, then camt.053 of the same statement)
the references differ, so a movement is also known when a payment from another import has the same
account, booking day, amount and counterparty (IBAN, else name). Identical movements are counted, not
collapsed: a statement with two equal payments of one member adds both, and importing that statement
again in another format skips both. Two movements of another format with different references but the
same account, day, amount and counterparty are taken for the same movement; that is the one case a
second, truly different payment would be skipped, and the import says it skipped it and why.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clustermanager.io.bank import StatementLine
from clustermanager.models import Payment, PaymentSource

SAME_REFERENCE = "same_reference"
SAME_MOVEMENT = "same_account_day_amount_counterparty"


@dataclass(frozen=True)
class Known:
    reasons: dict[int, str]  # index of the line in the given sequence -> why it is known

    def counts(self) -> dict[str, int]:
        return dict(Counter(self.reasons.values()))


def _party(iban: str | None, name: str | None) -> tuple[str, str]:
    if iban:
        return ("iban", iban.replace(" ", "").upper())
    return ("name", " ".join((name or "").casefold().split()))


def _format_of(reference: str | None) -> str | None:
    return reference.split(":", 1)[0] if reference and ":" in reference else None


def known_lines(session: Session, lines: Sequence[StatementLine], account: str | None) -> Known:
    reasons: dict[int, str] = {}
    references = [line.bank_reference for line in lines]
    seen: set[str] = set()
    for start in range(0, len(references), 500):
        seen |= set(session.scalars(select(Payment.bank_reference)
                                    .where(Payment.bank_reference.in_(references[start:start + 500]))))
    in_file: set[str] = set()
    for i, line in enumerate(lines):
        if line.bank_reference in seen or line.bank_reference in in_file:
            reasons[i] = SAME_REFERENCE
        in_file.add(line.bank_reference)
    days = sorted({line.booked_on for i, line in enumerate(lines) if i not in reasons})
    if not days:
        return Known(reasons)
    # Payments from earlier bank imports on those days, each with the whole movement's amount (a payment
    # split into a fee part and a credit counts as the one movement it was).
    parts = dict(session.execute(select(Payment.part_of_id, func.sum(Payment.amount))
                                 .where(Payment.part_of_id.is_not(None)).group_by(Payment.part_of_id)).all())
    pool: dict[tuple, list[str | None]] = defaultdict(list)
    for start in range(0, len(days), 500):
        for p in session.execute(select(Payment.id, Payment.paid_on, Payment.amount, Payment.bank_account,
                                        Payment.counterparty_iban, Payment.counterparty_name, Payment.bank_reference)
                                 .where(Payment.part_of_id.is_(None), Payment.paid_on.in_(days[start:start + 500]),
                                        Payment.source.in_([PaymentSource.CODA, PaymentSource.CAMT053]))):
            if p.bank_reference in seen:
                continue  # already the known twin of a line by reference
            amount = p.amount + parts.get(p.id, 0)
            pool[(p.paid_on, amount)].append((p.bank_account, _party(p.counterparty_iban, p.counterparty_name),
                                              _format_of(p.bank_reference)))
    for i, line in enumerate(lines):
        if i in reasons:
            continue
        candidates = pool.get((line.booked_on, line.amount), [])
        party, fmt = _party(line.counterparty_iban, line.counterparty_name), _format_of(line.bank_reference)
        for k, (acct, other_party, other_fmt) in enumerate(candidates):
            same_account = acct is None or account is None or acct.replace(" ", "") == account.replace(" ", "")
            # the same format with another reference is another movement (two equal payments in one statement)
            if same_account and other_party == party and (other_fmt != fmt or other_fmt is None):
                reasons[i] = SAME_MOVEMENT
                del candidates[k]
                break
    return Known(reasons)
