"""Invoices, credit notes and Peppol e-invoices from the window: one member's invoice, crediting a fee
call, and the year's (or a selection's) e-invoices. Every database call and file runs on the task
runner, with progress; the e-invoices are validated there before anything is written."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit

from clustermanager import validation as v
from clustermanager.i18n import _
from clustermanager.reports import einvoices, invoices
from clustermanager.services import invoicing
from clustermanager.services.fees import FeeCallRow
from clustermanager.ui import operations
from clustermanager.ui.common.errors import show_error
from clustermanager.ui.common.numbers import money
from clustermanager.ui.fees import dialogs as fee_dialogs


class CreditDialog(fee_dialogs.FormDialog):
    """Credit (part of) a fee call: a reason, and the amount VAT included (empty: all that is left)."""

    def __init__(self, call: FeeCallRow, parent=None):
        left = call.total - call.credited
        super().__init__(_("Credit a fee call"), _(
            "{member}, invoice {number}: a credit note for up to {left} (VAT included), with its own number. "
            "Its PDF and e-invoice are written to a folder you choose next.").format(
            member=call.member_name, number=call.number, left=money(left)), parent, action=_("Issue credit note"))
        self.reason = QLineEdit()
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(_("empty: all of {left}").format(left=money(left)))
        self.form.addRow(_("Reason"), self.checks.add(
            "reason", self.reason, lambda t: v.clean_text(t, "reason", required=True, max_length=500)))
        self.form.addRow(_("Amount (VAT included)"), self.checks.add(
            "amount", self.amount, lambda t: v.money(t, "amount", required=False)))
        self.checks.validate_all()

    def values(self) -> tuple[str, str | None]:
        return self.reason.text().strip(), self.amount.text().strip() or None


def _run(parent, ctx, fn, label: str, done) -> None:
    def finished(result):
        try:
            done(result)
        finally:  # issued numbers and credits change the calls every fees view shows
            operations.announce(ctx, (operations.Change.FEES,))

    ctx.tasks.run(fn, label=label, on_success=finished, on_error=lambda exc: show_error(parent, exc))


def _say(parent, text: str) -> None:
    target = getattr(parent, "message", None)
    if target is not None:
        target.setText(text)


def credit_call_for(parent, ctx, call: FeeCallRow) -> None:
    """Ask for the reason and amount, then the folder; issue the credit note and write its files."""
    dialog = CreditDialog(call, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    reason, amount = dialog.values()
    folder = fee_dialogs.choose_folder(parent, _("Folder for the credit note"))
    if not folder:
        return

    def job(session, progress):
        note = invoicing.issue_credit_note(session, call.id, reason, amount)
        # in the same transaction: a credit note whose files cannot be written is not issued
        return note, invoices.export_credit_notes(session, [note.id], folder, progress=progress.report)

    _run(parent, ctx, job, _("Issuing the credit note"), lambda result: _say(parent, _(
        "Credit note {number} written to {folder}.").format(number=result[0].number, folder=folder)))


def invoice_for(parent, ctx, call: FeeCallRow) -> None:
    """One fee call's invoice: its PDF and, for a member who receives them, its e-invoice."""
    folder = fee_dialogs.choose_folder(parent, _("Folder for the invoice"))
    if not folder:
        return
    _run(parent, ctx, lambda session, progress: invoices.export_invoices(
        session, call.year, folder, call_ids=[call.id], ubl=True, progress=progress.report),
        _("Writing the invoice"), lambda paths: _say(parent, _("{n} files written to {folder}.").format(
            n=len(paths), folder=folder)))


def export_einvoices(parent, ctx, year: int, call_ids: list[int] | None = None) -> None:
    """The year's e-invoices and e-credit notes (or those of the selected calls) into a folder."""
    folder = fee_dialogs.choose_folder(parent, _("Folder for the e-invoices (Peppol)"))
    if not folder:
        return

    def done(result):
        paths, left_out = result
        text = _("{n} e-invoices written to {dir}.").format(n=len(paths), dir=folder)
        if left_out:
            text += " " + _("Without e-invoice (no Peppol ID, or opted out; send them the PDF): {names}").format(
                names=", ".join(left_out[:5]) + (" …" if len(left_out) > 5 else ""))
        _say(parent, text)

    _run(parent, ctx, lambda session, progress: einvoices.export_einvoices(
        session, year, folder, call_ids=call_ids, progress=progress.report), _("Writing e-invoices"), done)
