"""The Fees screen: a year's fee calls and their status, the schedule, payments to match, self-funding.

Everything that may take a while (loading, generating calls, importing a statement, writing invoices)
runs through ctx.tasks; quick edits (a fee, a payment, a match) use one session on the spot.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clustermanager.i18n import _
from clustermanager.reports import invoices
from clustermanager.services import bank_import, credits, fees, invoicing, payments, self_funding
from clustermanager.ui.common import dialogs
from clustermanager.ui.common import errors as ui_errors  # looked up on use: tests replace message_box
from clustermanager.ui.common.errors import show_error
from clustermanager.ui.common.header import screen_header
from clustermanager.ui.common.numbers import money
from clustermanager.ui.common.screen import Screen
from clustermanager.ui.fees import dialogs as fee_dialogs
from clustermanager.ui.fees import invoicing as invoicing_ui
from clustermanager.ui.fees.calls_table import FeeCallProxy, FeeCallTableModel
from clustermanager.ui.fees.credits_panel import CreditsPanel
from clustermanager.ui.fees.matching_panel import MatchingPanel
from clustermanager.ui.fees.schedule_panel import SchedulePanel
from clustermanager.ui.fees.self_funding_panel import SelfFundingPanel
from clustermanager.ui.operations import Change
from clustermanager.ui.tables.layout import fit_columns


@dataclass(frozen=True)
class FeesSnapshot:
    year: int
    years: list[int]
    calls: list[fees.FeeCallRow]
    totals: fees.YearTotals
    schedule: list[fees.ScheduleEntry]
    unmatched: list[payments.PaymentRow]
    funding: self_funding.SelfFundingYear
    in_kind: list[self_funding.InKindRow]
    credits: list[credits.CreditRow]


def load_snapshot(session, year: int | None) -> FeesSnapshot:
    """What the screen shows for `year` (None: the latest year with a schedule or calls, else this year)."""
    known = fees.schedule_years(session)
    if year is None:
        year = known[-1] if known else dt.date.today().year
    years = sorted(set(known) | {year, dt.date.today().year})
    return FeesSnapshot(year, years, fees.list_calls(session, year=year), fees.year_totals(session, year),
                        fees.get_schedule(session, year), payments.list_unmatched(session),
                        self_funding.self_funding(session, year), self_funding.list_in_kind(session, year),
                        credits.list_credits(session))


def status_line(year: int, t: fees.YearTotals) -> str:
    """"2025: 60 paid, 50 overdue (23 of them partly paid)": the counts that are not zero, adding up to
    the year's calls; a call half paid after its due date is overdue (it gets the reminder), and said so."""
    overdue = (_("{n} overdue ({partly} of them partly paid)").format(n=t.overdue_count, partly=t.overdue_partly_paid_count)
               if t.overdue_partly_paid_count else _("{n} overdue").format(n=t.overdue_count))
    parts = [text for n, text in ((t.paid_count, _("{n} paid").format(n=t.paid_count)),
                                  (t.partly_paid_count, _("{n} partly paid").format(n=t.partly_paid_count)),
                                  (t.open_count, _("{n} open").format(n=t.open_count)),
                                  (t.overdue_count, overdue),
                                  (t.credited_count, _("{n} credited").format(n=t.credited_count))) if n]
    return _("{year}: {counts}").format(year=year, counts=", ".join(parts)) if parts else _(
        "{year}: no fee calls yet").format(year=year)


class FeesScreen(Screen):
    topics = (Change.FEES, Change.MEMBERS, Change.PROFILE)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.snapshot: FeesSnapshot | None = None
        self.last_import: bank_import.ImportResult | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(12)  # as every screen
        top = QHBoxLayout()
        header, self.subtitle = screen_header(_("Membership fees"))
        top.addLayout(header, 1)
        top.addWidget(QLabel(_("Year")), 0, Qt.AlignmentFlag.AlignBottom)
        self.year = QComboBox()
        self.year.currentIndexChanged.connect(self._year_chosen)
        top.addWidget(self.year, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        layout.addLayout(self._action_bar())
        self.tabs = QTabWidget()
        self.tabs.addTab(self._calls_tab(), _("Fee calls"))
        self.schedule = SchedulePanel(ctx)
        self.schedule.changed.connect(self._changed)
        self.tabs.addTab(self.schedule, _("Fee schedule"))
        self.matching = MatchingPanel(ctx)
        self.matching.changed.connect(self._changed)
        self.tabs.addTab(self.matching, _("Payments to match"))
        self.credits = CreditsPanel(ctx)
        self.credits.changed.connect(self._changed)
        self.tabs.addTab(self.credits, _("Credits"))
        self.funding = SelfFundingPanel(ctx, self.current_year)
        self.funding.changed.connect(self._changed)
        self.tabs.addTab(self.funding, _("Self-funding"))
        self.tabs.currentChanged.connect(lambda _index: self.status_changed.emit(self.status_text()))
        layout.addWidget(self.tabs, 1)

    # -- building --------------------------------------------------------------------------------

    def _action_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.generate_button = QPushButton(_("Generate fee calls"))
        self.generate_button.setObjectName("primary")  # the year's first step; the rest follows from it
        self.pay_button = QPushButton(_("Record payment…"))
        self.import_button = QPushButton(_("Import bank statement…"))
        self.invoices_button = QPushButton(_("Export invoices…"))
        self.reminders_button = QPushButton(_("Reminders for overdue…"))
        # Labels are short so the screen fits a laptop in every language; the tooltips say the rest.
        self.import_button.setToolTip(_("A CODA or camt.053 statement from your bank: payments are matched by "
                                        "their structured communication"))
        self.reminders_button.setToolTip(_("Reminder letters (PDF) for every overdue fee call of the year"))
        for button, slot in ((self.generate_button, self.generate_calls), (self.pay_button, self.record_payment),
                             (self.import_button, self.import_statement), (self.invoices_button, self.export_invoices),
                             (self.reminders_button, self.export_reminders)):
            button.clicked.connect(slot)
            bar.addWidget(button)
        # Export invoices… opens a small menu: the PDFs, or the Peppol e-invoices beside them (the toolbar
        # must fit a 1280-pixel laptop in every language, so no second button).
        self.invoices_button.clicked.disconnect()
        menu = QMenu(self.invoices_button)
        menu.addAction(_("Invoices (PDF)…"), self.export_invoices)
        self.einvoices_action = menu.addAction(_("E-invoices (Peppol)…"), self.export_einvoices)
        self.einvoices_action.setToolTip(_("UBL e-invoices and e-credit notes of the year (or of the selected "
                                           "calls) for your Peppol access point, each checked with the "
                                           "official rules"))
        menu.setToolTipsVisible(True)
        self.invoices_button.setMenu(menu)
        bar.addStretch(1)
        self.message = QLabel()  # what the last action did
        self.message.setObjectName("screenSubtitle")
        self.message.setWordWrap(True)  # a long message must not widen the window past the screen
        bar.addWidget(self.message, 1)
        return bar

    def _calls_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 10, 0, 0)  # flush with the screen's title, like the other tabs
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search member, invoice number or structured communication…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        self.status_filter = QComboBox()
        self.status_filter.addItem(_("All statuses"), None)
        for status in fees.CallStatus:
            self.status_filter.addItem(status.label, status)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        layout.addLayout(filters)
        self.model = FeeCallTableModel(self)
        self.proxy = FeeCallProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, slot in ((_("Invoice and e-invoice…"), self.invoice_selected), (_("Credit…"), self.credit_selected)):
            action = QAction(text, self.table)
            action.triggered.connect(slot)
            self.table.addAction(action)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setShowGrid(False)
        for column in (2, 3):  # the year is chosen above; the categories are in the fee schedule
            self.table.setColumnHidden(column, True)
        self.table.doubleClicked.connect(self.record_payment)
        pay = QAction(_("Record payment…"), self.table)  # Enter, as a double click: the keyboard's way in
        pay.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        pay.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        pay.triggered.connect(self.record_payment)
        self.table.addAction(pay)
        layout.addWidget(self.table, 1)
        self.totals = QLabel()
        self.totals.setObjectName("screenSubtitle")
        layout.addWidget(self.totals)
        return page

    # -- loading ---------------------------------------------------------------------------------

    def current_year(self) -> int:
        year = self.year.currentData()
        return year if year is not None else dt.date.today().year

    def refresh(self) -> None:
        year = self.year.currentData()
        self.ctx.tasks.run(lambda session, _progress: load_snapshot(session, year), label=_("Loading fees"),
                           on_success=self._show)

    def _show(self, snap: FeesSnapshot) -> None:
        self.snapshot = snap
        self.year.blockSignals(True)
        self.year.clear()
        for y in snap.years:
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(self.year.findData(snap.year))
        self.year.blockSignals(False)
        self.model.set_rows(snap.calls)
        fit_columns(self.table, stretch=1, max_width=280)
        self._apply_filter()
        t = snap.totals
        self.totals.setText(_("{n} calls · called {called} (excl. VAT {excl}) · received {received} · "
                              "outstanding {outstanding} · {overdue} overdue").format(
            n=t.calls, called=money(t.called_total), excl=money(t.called_excl_vat), received=money(t.received),
            outstanding=money(t.outstanding), overdue=t.overdue_count) if snap.calls else
            _("No fee calls for {year} yet: check the fee schedule, then click Generate fee calls.").format(
                year=snap.year))
        self.subtitle.setText(status_line(snap.year, t))
        self.schedule.show_schedule(snap.year, snap.schedule)
        self.matching.show_payments(snap.unmatched)
        self.tabs.setTabText(2, _("Payments to match ({n})").format(n=len(snap.unmatched)))
        self.credits.show_credits(snap.credits)
        self.tabs.setTabText(self.tabs.indexOf(self.credits), _("Credits ({n})").format(n=len(snap.credits)))
        self.funding.show_year(snap.funding, snap.in_kind)
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        if self.snapshot is None or self.tabs.currentIndex() != 0:  # the count belongs to the list of calls
            return ""
        return _("{shown} of {n} fee calls shown").format(shown=self.proxy.rowCount(), n=len(self.snapshot.calls))

    def _apply_filter(self) -> None:
        self.proxy.set_filter(self.status_filter.currentData(), self.search.text())
        self.status_changed.emit(self.status_text())

    def _year_chosen(self) -> None:
        self.refresh()

    def _changed(self) -> None:
        """A panel saved a change; its FEES topic was announced, which refreshes this screen."""

    def _run(self, fn, label: str, done) -> None:
        def finished(result):
            done(result)
            self.ctx.notify(Change.FEES)

        self.ctx.tasks.run(fn, label=label, on_success=finished, on_error=lambda exc: show_error(self, exc))

    # -- actions ---------------------------------------------------------------------------------

    def selected_call(self) -> fees.FeeCallRow | None:
        """The selected call, else the one the keyboard's focus is on (Tab into the list, then Enter)."""
        rows = self.table.selectionModel().selectedRows()
        current = self.table.currentIndex()
        if not rows and current.isValid():
            return self.proxy.row_at(current.row())
        return self.proxy.row_at(rows[0].row()) if rows else None

    def selected_calls(self) -> list[fees.FeeCallRow]:
        return [self.proxy.row_at(i.row()) for i in sorted(self.table.selectionModel().selectedRows(),
                                                              key=lambda i: i.row())]

    def export_einvoices(self) -> None:
        """The year's e-invoices, or the selected calls' when more than one is selected."""
        chosen = self.selected_calls()
        invoicing_ui.export_einvoices(self, self.ctx, self.current_year(),
                                      [c.id for c in chosen] if len(chosen) > 1 else None)

    def invoice_selected(self) -> None:
        call = self.selected_call()
        if call is not None:
            invoicing_ui.invoice_for(self, self.ctx, call)

    def credit_selected(self) -> None:
        call = self.selected_call()
        if call is None:
            ui_errors.message_box(self, _("Credit…"), _("Select the fee call to credit first."))
            return
        invoicing_ui.credit_call_for(self, self.ctx, call)

    def generate_calls(self) -> None:
        year = self.current_year()
        if not dialogs.confirm(self, _("Generate fee calls"), _(
                "Make a fee call for {year} for every member of that year that has none yet?").format(year=year),
                action=_("Generate")):
            return
        self._run(lambda session, _p: fees.generate_calls(session, year), _("Generating fee calls"),
                  self._generated)

    def _generated(self, result: fees.GenerateResult) -> None:
        self.message.setText(_("{n} fee calls created for {year}; {m} members already had one; {s} skipped.")
                              .format(n=len(result.created), year=result.year, m=result.already_called,
                                      s=len(result.skipped)))
        if result.skipped:
            ui_errors.message_box(self, _("Some members got no fee call"), "\n".join(
                f"{s.member_name}: {s.reason}" for s in result.skipped[:20]))

    def focus_search(self) -> None:
        """Edit > Find (Ctrl+F): the fee calls' search box."""
        self.tabs.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def record_payment(self, *_args) -> None:
        call = self.selected_call()
        if call is None:
            ui_errors.message_box(self, _("Record payment"), _("Select the fee call that was paid first."))
            return
        fee_dialogs.record_payment_for(self, self.ctx, call)

    def import_statement(self) -> None:
        path = fee_dialogs.choose_statement(self)
        if not path:
            return

        def job(session, progress):
            return bank_import.import_statement(session, Path(path), progress.report)

        self._run(job, _("Importing bank statement"), self._imported)

    def _imported(self, result: bank_import.ImportResult) -> None:
        self.last_import = result
        self.message.setText(result.summary)
        if result.unmatched:
            self.tabs.setCurrentWidget(self.matching)

    def export_invoices(self) -> None:
        folder = fee_dialogs.choose_folder(self, _("Folder for the invoices"))
        if not folder:
            return
        year = self.current_year()
        self._run(lambda session, progress: invoices.export_invoices(session, year, folder, progress=progress.report),
                  _("Writing invoices"),
                  lambda paths: self.message.setText(_("{n} invoices written to {folder}.").format(
                      n=len(paths), folder=folder)))

    def export_reminders(self) -> None:
        path = fee_dialogs.choose_pdf(self, _("Reminder letters"), f"reminders-{dt.date.today().isoformat()}.pdf")
        if not path:
            return
        def work(session, progress):
            written, reminded = invoices.export_reminders(session, path, progress=progress.report)
            invoicing.mark_reminded(session, reminded)
            return written

        self._run(work, _("Writing reminders"),
                  lambda written: self.message.setText(_("Reminders written to {file}.").format(file=written)))


def import_statement_action(window) -> None:
    """Tools > Import bank statement…: open the Fees screen and import from there."""
    screen = window.show_screen("fees")
    if screen is not None:
        screen.import_statement()
