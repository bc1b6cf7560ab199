"""E-mail a member's invoice (or a payment reminder): one draft `.eml` for the member's main contact with the
invoice PDF (and e-invoice) attached, written on the task runner, logged on the contact, then opened in the
user's mail program to check and send. An invoice is a legal notice: it goes to a contact without consent
too, and the draft says so."""

from __future__ import annotations

from clustermanager.i18n import _
from clustermanager.reports.mailings import write_mailing
from clustermanager.services import mailings
from clustermanager.services.fees import FeeCallRow
from clustermanager.ui import operations
from clustermanager.ui.common.errors import show_error
from clustermanager.ui.fees import dialogs as fee_dialogs
from clustermanager.ui.mailings import files
from clustermanager.ui.operations import Change


def email_invoice_for(parent, ctx, call: FeeCallRow, *, template: str = "fee-call", folder: str | None = None,
                      open_draft: bool = True) -> None:
    folder = folder or fee_dialogs.choose_folder(parent, _("Folder for the e-mail draft"))
    if not folder:
        return
    call_id = call.id

    def job(session, progress):
        progress.report(10, _("Writing the invoice…"))
        return write_mailing(session, mailings.invoice_plan(session, call_id, template=template), folder)

    def done(result) -> None:
        label = getattr(parent, "message", None)
        if label is not None:
            label.setText(_("Draft e-mail written to {files} in {folder}; it opens in your mail program.").format(
                files=", ".join(p.name for p in result.files), folder=result.folder))
        operations.announce(ctx, (Change.MAILINGS,))
        if open_draft:
            for path in result.files:
                files.open_path(path)

    ctx.tasks.run(job, label=_("Writing the e-mail draft…"), on_success=done,
                  on_error=lambda exc: show_error(parent, exc))
