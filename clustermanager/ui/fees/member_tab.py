"""The Fees tab of the member detail: this member's fee calls over the years, and recording a payment."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clustermanager.i18n import _
from clustermanager.services import fees
from clustermanager.ui import operations
from clustermanager.ui.common.numbers import money
from clustermanager.ui.fees import dialogs as fee_dialogs
from clustermanager.ui.fees import invoicing as invoicing_ui
from clustermanager.ui.fees.calls_table import STATUS_COLUMN, FeeCallProxy, FeeCallTableModel
from clustermanager.ui.fees.credits_panel import CreditsPanel
from clustermanager.ui.tables.layout import fit_columns


class MemberFeesTab(QWidget):
    def __init__(self, ctx, member_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.model = FeeCallTableModel(self)
        self.proxy = FeeCallProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        for column in (1, 3, 9):  # member, category, communication: the same on every row here
            self.table.setColumnHidden(column, True)
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.pay_button = QPushButton(_("Record payment…"))
        self.pay_button.clicked.connect(self.record_payment)
        bar.addWidget(self.pay_button)
        self.invoice_button = QPushButton(_("Invoice…"))
        self.invoice_button.setToolTip(_("The selected call's invoice as PDF, with its Peppol e-invoice when the "
                                         "member receives them"))
        self.invoice_button.clicked.connect(self.write_invoice)
        bar.addWidget(self.invoice_button)
        self.email_button = QPushButton(_("E-mail invoice…"))
        self.email_button.setToolTip(_("A draft e-mail to the member's main contact with the invoice attached, "
                                       "opened in your mail program"))
        self.email_button.clicked.connect(self.email_invoice)
        bar.addWidget(self.email_button)
        self.remind_button = QPushButton(_("E-mail reminder…"))
        self.remind_button.setToolTip(_("A draft payment reminder with the reminder letter attached"))
        self.remind_button.clicked.connect(lambda: self.email_invoice(template="reminder"))
        bar.addWidget(self.remind_button)
        self.credit_button = QPushButton(_("Credit…"))
        self.credit_button.setToolTip(_("Credit (part of) the selected call with a credit note"))
        self.credit_button.clicked.connect(self.credit)
        bar.addWidget(self.credit_button)
        bar.addStretch(1)
        self.message = QLabel()  # what the last action wrote
        self.message.setWordWrap(True)
        bar.addWidget(self.message, 1)
        layout.addLayout(bar)
        # Money this member paid above what a call asked: visible and usable here (hidden when none).
        self.credits = CreditsPanel(ctx, member_id)
        layout.addWidget(self.credits)
        ctx.data_changed.connect(self._on_data_changed)
        self.reload()

    def _on_data_changed(self, topic: str) -> None:
        if topic == operations.Change.FEES:
            self.reload()

    def reload(self) -> None:
        member_id = self.member_id
        operations.query(self.ctx, lambda session: fees.list_calls(session, member_id=member_id), owner=self,
                         on_success=self._show)
        self.credits.reload()

    def _show(self, rows) -> None:
        self.model.set_rows(rows)
        fit_columns(self.table, stretch=STATUS_COLUMN)
        outstanding = sum((r.outstanding for r in rows), fees.ZERO)
        overdue = sum(1 for r in rows if r.status is fees.CallStatus.OVERDUE)
        self.summary.setText(_("{n} fee calls; {outstanding} outstanding; {overdue} overdue.").format(
            n=len(rows), outstanding=money(outstanding), overdue=overdue) if rows else _("No fee calls yet."))

    def selected_call(self):
        selected = self.table.selectionModel().selectedRows()
        return self.proxy.row_at(selected[0].row()) if selected else None

    def record_payment(self) -> None:
        call = self.selected_call()
        if call is not None:
            fee_dialogs.record_payment_for(self, self.ctx, call)

    def write_invoice(self) -> None:
        call = self.selected_call()
        if call is not None:
            invoicing_ui.invoice_for(self, self.ctx, call)

    def email_invoice(self, *, template: str = "fee-call") -> None:
        from clustermanager.ui.fees.invoice_mail import email_invoice_for

        call = self.selected_call()
        if call is not None:
            email_invoice_for(self, self.ctx, call, template=template)

    def credit(self) -> None:
        call = self.selected_call()
        if call is not None:
            invoicing_ui.credit_call_for(self, self.ctx, call)
