"""Undo never takes back an issued invoice or credit note.

Belgian VAT rules want one unbroken sequence of invoice numbers, never reused: once a number is issued
the document exists for the customer's accountant, even if it was a mistake. The remedy is a credit
note, not an undo. So a step that would delete an issued invoice or credit note, change its number,
or lower a sequence counter is refused as a whole, with a message that names the document and says
what to do instead.
"""

from __future__ import annotations

from clustermanager.errors import ConflictError
from clustermanager.i18n import _

# Document tables and the column holding their issued number.
_NUMBERED = {"fee_call": "number", "credit_note": "number"}


def _issued_number(net, current: dict) -> str | None:
    column = _NUMBERED.get(net.table)
    if column is None:
        return None
    row = current.get((net.table, net.row_id)) or {}
    number = row.get(column) or net.old.get(column)
    if not number:
        return None
    if net.op == "delete":
        return number
    if net.op == "update" and column in net.new and net.new[column] != number:
        return number
    return None


def _lowers_counter(net, current: dict) -> bool:
    if net.table != "document_sequence" or net.op not in ("update", "delete"):
        return False
    row = current.get((net.table, net.row_id)) or {}
    now = row.get("last") or 0
    return net.op == "delete" and now > 0 or net.op == "update" and (net.new.get("last") or 0) < now


def refuse_taking_back_documents(nets, current: dict, step_text: str) -> None:
    """Raise ConflictError when the step would take back a number that was issued."""
    for net in nets:
        number = _issued_number(net, current)
        if number:
            what = _("invoice {number}") if net.table == "fee_call" else _("credit note {number}")
            raise ConflictError(_(
                "Cannot {step}: {document} was issued, and an issued number is never taken back. "
                "Credit the fee call instead (Credit… on the member's Fees tab, or `fees credit`)."
            ).format(step=step_text, document=what.format(number=number)))
    if any(_lowers_counter(net, current) for net in nets):
        raise ConflictError(_(
            "Cannot {step}: it would lower the invoice numbering, and an issued number is never reused."
        ).format(step=step_text))
