"""Import a registration list: read and match it in the background, show the preview, then save.

The preview lists every row as matched, new or doubtful with what will happen to it; a doubtful row
gets a choice (one of the candidate contacts, add as outside person, or skip). Nothing is saved before
Import is pressed, and the import is one transaction.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from clustermanager.i18n import N_, _
from clustermanager.io.registrations import read_registrations
from clustermanager.services import registrations as service
from clustermanager.services.registrations import Action, MatchStatus, RegistrationPreview
from clustermanager.ui.common.dialog import Dialog
from clustermanager.ui.common.errors import show_error
from clustermanager.ui.operations import Change
from clustermanager.ui.shell.style import colour
from clustermanager.ui.tables.layout import fit_columns

STATUS_LABELS = {MatchStatus.MATCHED: N_("matched"), MatchStatus.NEW: N_("new"),
                 MatchStatus.DOUBTFUL: N_("doubtful"), MatchStatus.SKIPPED: N_("repeated")}
STATUS_COLOURS = {MatchStatus.MATCHED: "success", MatchStatus.NEW: "info", MatchStatus.DOUBTFUL: "caution",
                  MatchStatus.SKIPPED: "neutral"}  # names of the colour scheme's colours
HEADERS = (N_("Row"), N_("Status"), N_("Name"), N_("Organisation"), N_("E-mail"), N_("What happens"))


def choose_registration_file(parent) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, _("Import registration list"), str(Path.home()),
        _("Registration lists (*.xlsx *.xlsm *.csv *.txt);;All files (*)"))
    return path or None


class RegistrationImportDialog(Dialog):
    """`imported(ImportResult)` after the list was saved."""

    imported = Signal(object)
    previewed = Signal()

    def __init__(self, ctx, activity_id: int, path: str, parent=None):
        super().__init__(parent)
        self.ctx, self.activity_id, self.path = ctx, activity_id, str(path)
        self.preview: RegistrationPreview | None = None
        self.choices: dict[int, QComboBox] = {}  # row number -> the choice of a doubtful row
        self.setWindowTitle(_("Import {file}").format(file=Path(path).name))
        self.setMinimumSize(1040, 560)
        self.summary = QLabel(_("Reading the list…"))
        self.attended = QCheckBox(_("This is an attendance list: everyone on it attended"))
        self.attended.toggled.connect(lambda _on: self.load_preview())
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)  # one line per row; the tooltip shows a long reason whole
        self.table.verticalHeader().setDefaultSectionSize(32)  # room for the choice of a doubtful row
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((50, 80, 170, 160, 190)):
            self.table.setColumnWidth(column, width)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.attended)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.load_preview()

    # -- preview ---------------------------------------------------------------------------------

    def load_preview(self) -> None:
        path, activity_id, attended = self.path, self.activity_id, self.attended.isChecked()

        def work(session, progress):
            progress.report(None, _("Reading {file}").format(file=Path(path).name))
            rows = read_registrations(path)
            progress.report(50, _("Matching {n} rows to the contacts").format(n=len(rows)))
            return service.preview_registrations(session, activity_id, rows, source=path, attended=attended)

        self.import_button.setEnabled(False)
        self.ctx.tasks.run(work, label=_("Reading the registration list…"), on_success=self._show,
                           on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(str(exc))
        self.summary.setObjectName("fieldError")
        show_error(self, exc)

    def _show(self, preview: RegistrationPreview) -> None:
        self.preview = preview
        self.choices = {}
        self.table.setRowCount(len(preview.lines))
        for r, line in enumerate(preview.lines):
            values = (str(line.row), _(STATUS_LABELS[line.status]), line.name, line.organisation or "",
                      line.email or "", line.reason)
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 1:
                    item.setForeground(colour(STATUS_COLOURS[line.status]))
                self.table.setItem(r, column, item)
            if line.status is MatchStatus.DOUBTFUL:
                self.table.setCellWidget(r, 5, self._choice(line))
        fit_columns(self.table, stretch=5, max_width=220)
        counts = preview.counts()
        self.summary.setText(_("{matched} matched, {new} new, {doubtful} doubtful, {skipped} repeated. "
                               "Decide the doubtful rows, then Import.").format(**counts))
        self.import_button.setEnabled(bool(preview.lines))
        self.previewed.emit()

    def _choice(self, line) -> QComboBox:
        combo = QComboBox()
        combo.addItem(_("Skip ({reason})").format(reason=line.reason), Action.SKIP.value)
        for c in line.candidates:
            combo.addItem(_("Is {name} of {member}").format(name=c.name, member=c.member_name)
                          + (f" <{c.email}>" if c.email else ""), c.contact_id)
        for member_id, member_name in line.member_choices:  # "Havenboei" may be Havenboei BV or NV: ask
            combo.addItem(_("New contact of {member}").format(member=member_name), f"member:{member_id}")
        combo.addItem(_("Add as someone from outside"), Action.OUTSIDE.value)
        self.choices[line.row] = combo
        return combo

    def decisions(self) -> dict[int, int | str]:
        return {row: combo.currentData() for row, combo in self.choices.items()}

    # -- import ----------------------------------------------------------------------------------

    def apply(self) -> None:
        if self.preview is None:
            return
        preview, decisions = self.preview, self.decisions()
        self.import_button.setEnabled(False)
        self.ctx.tasks.run(lambda session, _progress: service.apply_registrations(
            session, preview, decisions=decisions), label=_("Importing the registration list…"),
            on_success=self._done, on_error=self._apply_failed)

    def _apply_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        show_error(self, exc)

    def _done(self, result) -> None:
        self.ctx.notify(Change.ACTIVITIES)
        if result.new_contacts:
            self.ctx.notify(Change.MEMBERS)
        self.imported.emit(result)
        self.accept()

