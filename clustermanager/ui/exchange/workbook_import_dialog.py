"""The preview of an exchange workbook before it is imported: what changes, what is refused, and the
conflicts (rows a colleague changed since the export), each with the choice to take the workbook's values."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout

from clustermanager.i18n import _
from clustermanager.io.workbook_versions import ConflictChoice
from clustermanager.services.member_import import RowStatus
from clustermanager.services.workbook_import import WorkbookPreview
from clustermanager.ui.common.dialog import Dialog
from clustermanager.ui.exchange.conflict_model import ConflictModel
from clustermanager.ui.exchange.preview_model import PreviewModel


def summary(preview: WorkbookPreview) -> str:
    text = _("{new} new rows, {update} to update, {unchanged} unchanged, {error} refused.").format(**preview.counts)
    if preview.counts["conflict"]:
        text += " " + _("{n} changed in the database since the export (conflicts).").format(
            n=preview.counts["conflict"])
    return text


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(True)
    return view


class WorkbookImportDialog(Dialog):
    """Lists every row that changes or is refused (unchanged rows are only counted), then the conflicts
    with a tick box each; Import or Cancel. Unticked conflicts keep the database's values."""

    def __init__(self, preview: WorkbookPreview, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Import the workbook?"))
        self.resize(960, 600)
        rows = [(sheet.sheet, row) for sheet in preview.sheets for row in sheet.rows
                if row.status not in (RowStatus.UNCHANGED, RowStatus.CONFLICT)]
        self.model = PreviewModel(rows, self)
        self.conflicts = ConflictModel(preview.conflicts, self)
        self.label = QLabel(summary(preview) + " " + _("Valid rows are imported together, in one step."))
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        if preview.unversioned:
            self.unversioned_label = QLabel(_("This workbook has no row versions (it was exported by an older "
                                              "version): changes made in the database since the export cannot be "
                                              "detected and would be overwritten. Sheets: {sheets}").format(
                sheets=", ".join(preview.unversioned)))
            self.unversioned_label.setWordWrap(True)
            self.unversioned_label.setObjectName("warning")
            layout.addWidget(self.unversioned_label)
        layout.addWidget(_table(self.model), 2)
        if self.conflicts.rowCount():
            self.conflict_label = QLabel(_("Conflicts: these rows were changed in the database after the workbook "
                                           "was exported. They are not imported: the database's values stay, unless "
                                           "you tick \u201cTake the workbook's\u201d for a row."))
            self.conflict_label.setWordWrap(True)
            self.conflict_table = _table(self.conflicts)
            self.conflict_table.setAccessibleName(_("Conflicts"))
            header = self.conflict_table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            for column in (4, 5):  # the workbook's and the database's values, side by side and equally wide
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            self.conflict_table.resizeRowsToContents()
            layout.addWidget(self.conflict_label)
            layout.addWidget(self.conflict_table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(_("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(preview.counts["new"] + preview.counts["update"] + preview.counts["conflict"] > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> ConflictChoice:
        return self.conflicts.choice()


def confirm_workbook_import(parent, preview: WorkbookPreview) -> ConflictChoice | None:
    """Show the preview; the user's choice for the conflicts when they chose Import, else None (tests replace
    this function; True from a replacement means Import without taking any conflict)."""
    dialog = WorkbookImportDialog(preview, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
