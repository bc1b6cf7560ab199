"""Import a bank statement: record the money received, matched to fee calls where possible.

Each incoming movement becomes one Payment with the statement line's `bank_reference`, which is
unique: importing the same statement again (or an overlapping one) records nothing twice. A movement
whose structured communication belongs to a fee call is matched to it; the rest wait in
`payments.list_unmatched` for matching by hand. Outgoing movements (debits) are not payments and are
left out. A file that cannot be read raises FileFormatError before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager.i18n import _
from clustermanager.io.bank import BankStatement, parse_statement, structured_in_text
from clustermanager.models import FeeCall, FeeCallStatus, Payment, PaymentSource

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class ImportResult:
    format: str
    account: str | None
    statement_id: str
    lines: int  # movements in the file
    recorded: int  # new payments
    matched: int  # of which matched to a fee call
    unmatched: int  # of which wait for matching by hand
    already_imported: int  # seen in an earlier import: skipped
    outgoing: int  # debits: not payments, skipped

    @property
    def summary(self) -> str:
        return _("{recorded} payments recorded ({matched} matched, {unmatched} to match by hand); "
                 "{dup} already imported, {out} outgoing skipped.").format(
            recorded=self.recorded, matched=self.matched, unmatched=self.unmatched, dup=self.already_imported,
            out=self.outgoing)


def import_statement(session: Session, path: str | os.PathLike, progress: Progress | None = None) -> ImportResult:
    """Read `path` (CODA or camt.053, detected) and record its incoming payments."""
    report = progress or (lambda _p, _m: None)
    report(5, _("Reading the statement"))
    statement = parse_statement(path)
    report(40, _("Matching payments"))
    return record_statement(session, statement)


def record_statement(session: Session, statement: BankStatement) -> ImportResult:
    source = PaymentSource.CODA if statement.format == "coda" else PaymentSource.CAMT053
    credits = statement.credits
    references = [line.bank_reference for line in credits]
    seen: set[str] = set()
    for start in range(0, len(references), 500):
        seen |= set(session.scalars(select(Payment.bank_reference)
                                    .where(Payment.bank_reference.in_(references[start:start + 500]))))
    wanted = {line.structured_communication or structured_in_text(line.communication) for line in credits} - {None}
    calls: dict[str, FeeCall] = {}
    wanted_list = sorted(wanted)
    for start in range(0, len(wanted_list), 500):
        calls.update((c.structured_communication, c) for c in session.scalars(
            select(FeeCall).where(FeeCall.structured_communication.in_(wanted_list[start:start + 500]),
                                  FeeCall.status != FeeCallStatus.CANCELLED)))
    recorded = matched = duplicates = 0
    for line in credits:
        if line.bank_reference in seen:
            duplicates += 1
            continue
        seen.add(line.bank_reference)
        structured = line.structured_communication or structured_in_text(line.communication)
        call = calls.get(structured) if structured else None
        session.add(Payment(
            fee_call=call, paid_on=line.booked_on, amount=line.amount, source=source,
            counterparty_name=(line.counterparty_name or "")[:200] or None,
            counterparty_iban=(line.counterparty_iban or "")[:34] or None,
            communication=(line.communication or "")[:300] or None, structured_communication=structured,
            bank_reference=line.bank_reference,
        ))
        recorded += 1
        matched += call is not None
    session.flush()
    return ImportResult(statement.format, statement.account, statement.statement_id, len(statement.lines), recorded,
                        matched, recorded - matched, duplicates, len(statement.lines) - len(credits))
