"""Import members from a spreadsheet: pick the file and sheet, check the mapping, preview, import.

Reading, previewing and importing run through the TaskRunner (off the UI thread, with progress and
Cancel); the import is one transaction, so a cancelled or failed import changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clustermanager.errors import UserError
from clustermanager.i18n import N_, _
from clustermanager.io.column_targets import switched
from clustermanager.io.mapping import FIELDS
from clustermanager.io.sheets import SheetTable, read_table, sheet_names
from clustermanager.services.import_mappings import mapping_for, save_mapping
from clustermanager.services.member_import import (
    ImportPreview,
    ImportResult,
    import_members,
    preview_contacts,
    preview_member_import,
    write_error_report,
)
from clustermanager.ui.common.dialog import Dialog
from clustermanager.ui.common.errors import show_error
from clustermanager.ui.exchange.column_fill import ColumnFill
from clustermanager.ui.exchange.preview_model import PreviewModel
from clustermanager.ui.operations import Change
from clustermanager.ui.tables.layout import fit_columns

SHEET_FILTER = "Spreadsheets (*.xlsx *.csv *.txt)"
PAGE_FILE, PAGE_MAPPING, PAGE_PREVIEW, PAGE_RESULT = range(4)
STEP_TITLES = (N_("Choose the file"), N_("Match the columns"), N_("Check the rows"), N_("Done"))
EXAMPLES = 3


def choose_open_file(parent, title: str, file_filter: str) -> str | None:
    """Ask for a file to read (tests replace this function)."""
    name, _filter = QFileDialog.getOpenFileName(parent, title, str(Path.home()), file_filter)
    return name or None


def choose_save_file(parent, title: str, suggestion: str, file_filter: str) -> str | None:
    """Ask where to write a file (tests replace this function)."""
    name, _filter = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggestion), file_filter)
    return name or None


def _service_progress(progress):
    """The core's (percent, message) callback and cancel test, fed by the task's Progress."""
    return (lambda pct, msg: progress.report(pct, msg)), (lambda: progress.cancelled)


class ImportWizard(Dialog):
    def __init__(self, ctx, parent=None, path: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.table: SheetTable | None = None
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.task = None
        self.setWindowTitle(_("Import members"))
        self.resize(900, 560)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._result_page())
        for number in range(self.pages.count()):  # flush with the step title
            self.pages.widget(number).layout().setContentsMargins(0, 8, 0, 0)
        self.status = QLabel()
        self.status.setObjectName("wizardStatus")
        self.back_button = QPushButton(_("< &Back"))
        self.next_button = QPushButton(_("&Next >"))
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton(_("Cancel"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.back_button, self.next_button, self.cancel_button):
            buttons.addWidget(button)
        self.step = QLabel()  # where the user is: "Step 2 of 4 · Match the columns"
        self.step.setObjectName("wizardStep")
        self.step.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.pages.currentChanged.connect(self._show_step)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.step)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._show_step(PAGE_FILE)
        self.ctx.tasks.finished.connect(self._task_finished)
        if path:
            self.set_path(path)
        self._update_buttons()

    # --- pages

    def _file_page(self) -> QWidget:
        page = QWidget()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_("An .xlsx workbook or a .csv file"))
        self.path_edit.editingFinished.connect(lambda: self.set_path(self.path_edit.text()))
        browse = QPushButton(_("&Browse…"))
        browse.clicked.connect(self.browse)
        self.sheet_combo = QComboBox()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(_("Which file holds the members? One member per row; contacts may be on the same "
                                  "rows. Nothing changes before the last step.")))
        layout.addLayout(row)
        layout.addWidget(QLabel(_("Sheet:")))
        layout.addWidget(self.sheet_combo)
        layout.addStretch(1)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        self.header_label = QLabel()
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels([_("Column in the sheet"), _("Examples"), _("Field")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.mapping_table.verticalHeader().setVisible(False)
        layout = QVBoxLayout(page)
        layout.addWidget(self.header_label)
        layout.addWidget(self.mapping_table, 1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.counts_label = QLabel()
        self.preview_model = PreviewModel(parent=self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setColumnHidden(1, True)
        self.preview_view.verticalHeader().setVisible(False)
        self.preview_view.setShowGrid(False)
        self.preview_view.setWordWrap(False)
        self.preview_view.horizontalHeader().setStretchLastSection(True)
        self.report_button = QPushButton(_("Save the refused rows…"))
        self.report_button.clicked.connect(self.save_error_report)
        self.column_fill = ColumnFill()
        self.column_fill.switch_requested.connect(self.switch_column)
        layout = QVBoxLayout(page)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.column_fill)
        layout.addWidget(self.preview_view, 1)
        layout.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        return page

    # --- file and sheet

    def browse(self) -> None:
        path = choose_open_file(self, _("Import members"), SHEET_FILTER)
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        self.path_edit.setText(path)
        self.sheet_combo.clear()
        if path:
            try:
                self.sheet_combo.addItems(sheet_names(path))
            except UserError as exc:
                self.status.setText(str(exc))
            else:
                self.status.clear()
        self._update_buttons()

    # --- navigation

    def go_next(self) -> None:
        page = self.pages.currentIndex()
        if page == PAGE_FILE:
            self._read_sheet()
        elif page == PAGE_MAPPING:
            self._run_preview()
        elif page == PAGE_PREVIEW:
            self._run_import()
        else:
            self.accept()

    def go_back(self) -> None:
        if self.pages.currentIndex() in (PAGE_MAPPING, PAGE_PREVIEW):
            self.pages.setCurrentIndex(self.pages.currentIndex() - 1)
        self._update_buttons()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(_("Cancelling…"))
        else:
            self.reject()

    def _update_buttons(self) -> None:
        page, busy = self.pages.currentIndex(), self.task is not None
        self.back_button.setEnabled(not busy and page in (PAGE_MAPPING, PAGE_PREVIEW))
        ready = {PAGE_FILE: self.sheet_combo.count() > 0, PAGE_MAPPING: True,
                 PAGE_PREVIEW: self._has_valid_rows(), PAGE_RESULT: True}
        self.next_button.setEnabled(not busy and ready[page])
        self.next_button.setText({PAGE_PREVIEW: _("&Import"), PAGE_RESULT: _("&Close")}.get(page, _("&Next >")))
        self.cancel_button.setVisible(page != PAGE_RESULT)  # nothing left to cancel
        self.back_button.setVisible(page != PAGE_RESULT)
        self.cancel_button.setText(_("Stop") if busy else _("Cancel"))

    def _has_valid_rows(self) -> bool:
        return self.preview is not None and len(self.preview.errors) < len(self.preview.rows)

    def _start(self, fn, label: str, on_success) -> None:
        def failed(exc: BaseException) -> None:
            self.status.setText(str(exc) if isinstance(exc, UserError) else "")
            show_error(self, exc)

        self.task = self.ctx.tasks.run(fn, label=label, on_success=on_success, on_error=failed, cancellable=True)
        self.status.setText(label)
        self._update_buttons()

    def _task_finished(self, task) -> None:
        if task is self.task:
            self.task = None
            if task.progress.cancelled:
                self.status.setText(_("Cancelled; nothing was changed."))
            self._update_buttons()

    # --- steps

    def _read_sheet(self) -> None:
        path, sheet = self.path_edit.text(), self.sheet_combo.currentText() or None

        def job(session, progress):
            table = read_table(path, sheet, progress=_service_progress(progress)[0])
            return table, mapping_for(session, table.headers)

        self._start(job, _("Reading {file}").format(file=Path(path).name), self._show_mapping)

    def _show_mapping(self, loaded) -> None:
        self.table, mapping = loaded
        table = self.table
        self.header_label.setText(_("Sheet {sheet}: the column names are on row {row}; {n} rows below. Choose the "
                                    "field of each column.").format(sheet=table.sheet, row=table.header_row,
                                                                    n=len(table.rows)))
        self.mapping_table.setRowCount(len(table.headers))
        self.combos: list[QComboBox] = []
        for i, header in enumerate(table.headers):
            examples = [str(r.values[i]) for r in table.rows[:EXAMPLES] if r.values[i] is not None]
            self.mapping_table.setItem(i, 0, QTableWidgetItem(header))
            self.mapping_table.setItem(i, 1, QTableWidgetItem(" | ".join(examples)))
            combo = QComboBox()
            combo.addItem(_("(ignore)"), None)
            for spec in FIELDS:
                combo.addItem(_(spec.label), spec.key)
            combo.setCurrentIndex(max(0, combo.findData(mapping[i])) if mapping[i] else 0)
            self.mapping_table.setCellWidget(i, 2, combo)
            self.combos.append(combo)
        header = self.mapping_table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)  # as wide as its longest choice
        self.mapping_table.setColumnWidth(2, max((c.sizeHint().width() for c in self.combos), default=160) + 8)
        self.mapping_table.verticalHeader().setDefaultSectionSize(
            max((c.sizeHint().height() for c in self.combos), default=28) + 6)
        self.mapping_table.resizeColumnToContents(0)
        self.pages.setCurrentIndex(PAGE_MAPPING)
        self.status.clear()

    def mapping(self) -> tuple[str | None, ...]:
        return tuple(combo.currentData() for combo in self.combos)

    def switch_column(self, index: int) -> None:
        """The preview's switch: the column fills the other record (the mapping page follows), then the
        preview is made again."""
        for i, key in enumerate(switched(self.mapping(), index)):
            self.combos[i].setCurrentIndex(max(0, self.combos[i].findData(key)) if key else 0)
        self._run_preview()

    def _run_preview(self) -> None:
        table, mapping = self.table, self.mapping()

        def job(session, progress):
            report, cancelled = _service_progress(progress)
            return preview_member_import(session, table, mapping, progress=report, cancelled=cancelled)

        self._start(job, _("Checking {n} rows").format(n=len(table.rows)), self._show_preview)

    def _show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.preview_model.set_rows([("", row) for row in preview.rows])
        fit_columns(self.preview_view, max_width=260)
        counts = preview.counts
        added, updated = preview_contacts(preview)
        self.counts_label.setText(_("{new} new, {update} to update, {unchanged} unchanged, {error} refused; "
                                    "contacts: {added} to add, {updated} to update. Import writes every valid "
                                    "row at once, or nothing.").format(**counts, added=added, updated=updated))
        self.column_fill.show_mapping(self.table.headers, preview.mapping)
        self.report_button.setEnabled(counts["error"] > 0)
        self.pages.setCurrentIndex(PAGE_PREVIEW)
        self.status.clear()
        self._update_buttons()

    def save_error_report(self) -> None:
        path = choose_save_file(self, _("Save the refused rows"), _("refused rows.xlsx"), "Excel (*.xlsx)")
        if not path:
            return
        try:
            n = write_error_report(self.preview, self.table, path)
        except UserError as exc:
            show_error(self, exc)
            return
        self.status.setText(_("{n} refused rows saved to {path}").format(n=n, path=path))

    def _run_import(self) -> None:
        table, mapping = self.table, self.mapping()

        def job(session, progress):
            report, cancelled = _service_progress(progress)
            result = import_members(session, table, mapping, progress=report, cancelled=cancelled)
            save_mapping(session, table.headers, mapping)
            return result

        self._start(job, _("Importing {n} rows").format(n=len(table.rows)), self._show_result)

    def _show_result(self, result: ImportResult) -> None:
        self.result = result
        self.ctx.notify(Change.MEMBERS)
        self.result_label.setText(_(
            "The import is done. New members: {created}; updated: {updated}; unchanged: {unchanged}; "
            "contacts added: {contacts}; rows refused: {refused}.").format(created=result.created, updated=result.updated,
                                                   unchanged=result.unchanged, contacts=result.contacts_added,
                                                   refused=result.refused))
        self.pages.setCurrentIndex(PAGE_RESULT)
        self.status.clear()
        self._update_buttons()

    def _show_step(self, page: int) -> None:
        self.step.setText(_("Step {n} of {total} · {title}").format(n=page + 1, total=len(STEP_TITLES),
                                                                    title=_(STEP_TITLES[page])))

    def done(self, code: int) -> None:
        self.ctx.tasks.finished.disconnect(self._task_finished)
        super().done(code)
