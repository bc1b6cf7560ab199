"""File > Import members…, File > Export everything…, File > Import exchange workbook…

Each runs through the TaskRunner (progress in the status bar, Cancel stops it and changes nothing).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clustermanager.i18n import _
from clustermanager.io.workbook_exchange import export_workbook
from clustermanager.io.workbook_versions import NO_CHOICE, ConflictChoice
from clustermanager.services.member_import import RowStatus
from clustermanager.services.workbook_import import WorkbookPreview, import_workbook
from clustermanager.ui.common import errors
from clustermanager.ui.exchange import workbook_import_dialog
from clustermanager.ui.exchange.import_wizard import ImportWizard, choose_open_file, choose_save_file
from clustermanager.ui.exchange.workbook_import_dialog import summary
from clustermanager.ui.tasks import Cancelled


def _checked(progress):
    """A core progress callback that also stops the job when the user pressed Cancel."""
    def report(percent: int, message: str) -> None:
        if progress.cancelled:
            raise Cancelled()
        progress.report(percent, message)

    return report


def import_members_wizard(window) -> ImportWizard:
    wizard = ImportWizard(window.ctx, window)
    wizard.open()
    return wizard


def export_everything(window, path: str | None = None) -> None:
    path = path or choose_save_file(window, _("Export everything"),
                                    _("clustermanager-{date}.xlsx").format(date=dt.date.today().isoformat()),
                                    "Excel (*.xlsx)")
    if not path:
        return

    def done(summary) -> None:
        window.statusBar().showMessage(_("{n} rows exported to {path}").format(
            n=sum(summary.rows.values()), path=summary.path), 10_000)

    window.ctx.tasks.run(lambda session, progress: export_workbook(session, path, progress=_checked(progress)),
                         label=_("Exporting to {file}").format(file=Path(path).name), on_success=done,
                         cancellable=True)


def import_exchange_workbook(window, path: str | None = None) -> None:
    """Preview first; the user confirms; then the same workbook is imported in one transaction."""
    path = path or choose_open_file(window, _("Import an exchange workbook"), "Excel (*.xlsx)")
    if not path:
        return

    def previewed(preview: WorkbookPreview) -> None:
        if preview.counts["new"] + preview.counts["update"] + preview.counts["conflict"] == 0 and not preview.errors:
            errors.message_box(window, _("Nothing to import"), summary(preview))
            return
        answer = workbook_import_dialog.confirm_workbook_import(window, preview)
        if answer:
            choice = answer if isinstance(answer, ConflictChoice) else NO_CHOICE
            window.ctx.tasks.run(
                lambda session, progress: import_workbook(session, path, progress=_checked(progress), choice=choice),
                label=_("Importing {file}").format(file=Path(path).name), on_success=imported, cancellable=True)

    def imported(result: WorkbookPreview) -> None:
        for topic in ("members", "fees", "activities", "projects"):
            window.ctx.notify(topic)
        window.statusBar().showMessage(_("Imported: {new} new, {update} updated; {error} refused.").format(
            new=result.count(RowStatus.NEW), update=result.count(RowStatus.UPDATE),
            error=result.count(RowStatus.ERROR)) + (" " + _("{n} conflicts not written: the database's values stay.")
                                                     .format(n=result.count(RowStatus.CONFLICT))
                                                     if result.count(RowStatus.CONFLICT) else ""), 10_000)

    window.ctx.tasks.run(lambda session, progress: _preview(session, path, progress),
                         label=_("Checking {file}").format(file=Path(path).name), on_success=previewed,
                         cancellable=True)


def _preview(session, path, progress) -> WorkbookPreview:
    from clustermanager.services.workbook_import import preview_workbook_import

    return preview_workbook_import(session, path, progress=_checked(progress))
