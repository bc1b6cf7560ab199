"""Import a bank statement: record the money received, matched to fee calls where possible.

Each incoming movement becomes one Payment with the statement line's `bank_reference`, which is
unique: importing the same statement again (or an overlapping one) records nothing twice, and the same
statement in another format is recognised by account, day, amount and counterparty
(services.known_movements). A payment never raises its call above what it asks: the surplus becomes an
unapplied credit of the member (services.credits). A movement
whose structured communication belongs to a fee call is matched to it; the rest wait in
`payments.list_unmatched` for matching by hand. Outgoing movements (debits) are not payments and are
left out. A file that cannot be read raises FileFormatError before anything is written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager.i18n import _
from clustermanager.io.bank import BankStatement, parse_statement, structured_in_text
from clustermanager.models import FeeCall, FeeCallStatus, Payment, PaymentSource
from clustermanager.progress import OnProgress
from clustermanager.services.credits import apply_within, outstanding_of
from clustermanager.services.history.actions import records_action
from clustermanager.services.known_movements import SAME_MOVEMENT, SAME_REFERENCE, known_lines


@dataclass(frozen=True)
class ImportResult:
    format: str
    account: str | None
    statement_id: str
    lines: int  # movements in the file
    recorded: int  # new payments
    matched: int  # of which matched to a fee call
    unmatched: int  # of which wait for matching by hand
    already_imported: int  # already known (either reason below): skipped
    outgoing: int  # debits: not payments, skipped
    same_reference: int = 0  # known: the bank's reference is already recorded (the same export again)
    same_movement: int = 0  # known: same account, day, amount and counterparty from another format's import
    credited: int = 0  # payments (or parts) above what their call asked: kept as credits of the member

    @property
    def summary(self) -> str:
        text = _("{recorded} payments recorded ({matched} matched, {unmatched} to match by hand); "
                 "{dup} already imported, {out} outgoing skipped.").format(
            recorded=self.recorded, matched=self.matched, unmatched=self.unmatched, dup=self.already_imported,
            out=self.outgoing)
        if self.already_imported:
            text += " " + _("Already known: {ref} by the bank's reference, {same} by account, day, amount and "
                            "counterparty (imported before in another format).").format(
                ref=self.same_reference, same=self.same_movement)
        if self.credited:
            text += " " + _("{n} paid more than their fee call asked: the surplus is kept as a credit of the "
                            "member.").format(n=self.credited)
        return text


def import_statement(session: Session, path: str | os.PathLike, progress: OnProgress | None = None) -> ImportResult:
    """Read `path` (CODA or camt.053, detected) and record its incoming payments."""
    report = progress or (lambda _p, _m: None)
    report(5, _("Reading the statement"))
    statement = parse_statement(path)
    report(40, _("Matching payments"))
    return record_statement(session, statement)


@records_action("bank_statement", lambda r: _("Bank statement {id}: {n} payments").format(
    id=r.statement_id, n=r.recorded))
def record_statement(session: Session, statement: BankStatement) -> ImportResult:
    source = PaymentSource.CODA if statement.format == "coda" else PaymentSource.CAMT053
    credits = statement.credits
    known = known_lines(session, credits, statement.account)
    wanted = {line.structured_communication or structured_in_text(line.communication) for line in credits} - {None}
    calls: dict[str, FeeCall] = {}
    wanted_list = sorted(wanted)
    for start in range(0, len(wanted_list), 500):
        calls.update((c.structured_communication, c) for c in session.scalars(
            select(FeeCall).where(FeeCall.structured_communication.in_(wanted_list[start:start + 500]),
                                  FeeCall.status != FeeCallStatus.CANCELLED)))
    left = outstanding_of(session, calls.values())  # what each call still asks, as this import fills it:
    # read before the loop, so adding the payments does not flush once per call
    recorded = matched = to_credit = 0
    for i, line in enumerate(credits):
        if i in known.reasons:
            continue
        structured = line.structured_communication or structured_in_text(line.communication)
        call = calls.get(structured) if structured else None
        payment = Payment(
            paid_on=line.booked_on, amount=line.amount, source=source,
            counterparty_name=(line.counterparty_name or "")[:200] or None,
            counterparty_iban=(line.counterparty_iban or "")[:34] or None,
            communication=(line.communication or "")[:300] or None, structured_communication=structured,
            bank_reference=line.bank_reference, bank_account=(statement.account or "")[:34] or None,
        )
        session.add(payment)
        recorded += 1
        if call is not None:
            credit = apply_within(session, payment, call, left[call.id])
            left[call.id] = max(left[call.id] - line.amount, Decimal("0.00"))
            matched += payment.fee_call is not None
            to_credit += credit is not None
    session.flush()
    counts = known.counts()
    return ImportResult(statement.format, statement.account, statement.statement_id, len(statement.lines), recorded,
                        matched, recorded - matched - to_credit, len(known.reasons), len(statement.lines) - len(credits),
                        same_reference=counts.get(SAME_REFERENCE, 0), same_movement=counts.get(SAME_MOVEMENT, 0),
                        credited=to_credit)
