"""Tools > Export a person's data…: everything the database holds on one contact (their details, the
activities, the mailings they received, the history of their data) as .xlsx, .json or .txt, for a
request under the GDPR. Written on the task runner, atomically (services/privacy.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QFileDialog

from clustermanager.i18n import _
from clustermanager.ui.activities.detail import ContactPicker
from clustermanager.ui.common import errors


class PersonPicker(ContactPicker):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.setWindowTitle(_("Export a person's data"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).setText(_("Export…"))


def choose_person(window) -> int | None:
    """The contact whose data to export (tests replace this function)."""
    picker = PersonPicker(window.ctx, window)
    if picker.exec() != PersonPicker.DialogCode.Accepted or not picker.chosen():
        return None
    return picker.chosen()[0]


def choose_file(window, contact_id: int) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(
        window, _("Export a person's data"), f"person-{contact_id}.xlsx",
        _("Workbook (*.xlsx);;JSON (*.json);;Text (*.txt)"))
    return path or None


def export_person(window, contact_id: int | None = None, path: str | None = None) -> None:
    contact_id = contact_id or choose_person(window)
    if contact_id is None:
        return
    path = path or choose_file(window, contact_id)
    if not path:
        return
    from clustermanager.services import privacy

    def job(session, _progress):
        return privacy.write_export(privacy.export_person(session, contact_id), path)

    window.ctx.tasks.run(job, label=_("Exporting the person's data…"), on_success=lambda written: errors.message_box(
        window, _("Export a person's data"), _("Personal data of contact {id} written to {path}.").format(
            id=contact_id, path=written)), on_error=lambda exc: errors.show_error(window, exc))
