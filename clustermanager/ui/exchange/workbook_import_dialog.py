"""The preview of an exchange workbook before it is imported: what changes, what is refused."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout

from clustermanager.i18n import _
from clustermanager.io.workbook_exchange import WorkbookPreview
from clustermanager.services.member_import import RowStatus
from clustermanager.ui.exchange.preview_model import PreviewModel


def summary(preview: WorkbookPreview) -> str:
    return _("{new} new rows, {update} to update, {unchanged} unchanged, {error} refused.").format(**preview.counts)


class WorkbookImportDialog(QDialog):
    """Lists every row that changes or is refused (unchanged rows are only counted); Import or Cancel."""

    def __init__(self, preview: WorkbookPreview, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Import the workbook?"))
        self.resize(900, 520)
        rows = [(sheet.sheet, row) for sheet in preview.sheets for row in sheet.rows
                if row.status is not RowStatus.UNCHANGED]
        self.model = PreviewModel(rows, self)
        view = QTableView()
        view.setModel(self.model)
        view.horizontalHeader().setStretchLastSection(True)
        self.label = QLabel(summary(preview) + " " + _("Valid rows are imported together, in one step."))
        self.label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(_("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(preview.counts["new"] + preview.counts["update"] > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(view, 1)
        layout.addWidget(buttons)


def confirm_workbook_import(parent, preview: WorkbookPreview) -> bool:
    """Show the preview; True when the user chose Import (tests replace this function)."""
    return WorkbookImportDialog(preview, parent).exec() == QDialog.DialogCode.Accepted
