"""Payments waiting to be matched: pick one, pick the fee call it pays (likely ones first), match."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from clustermanager.i18n import _
from clustermanager.services import payments
from clustermanager.ui import operations
from clustermanager.ui.common import dialogs
from clustermanager.ui.common.numbers import day, money
from clustermanager.ui.tables.layout import cell, fit_columns


class MatchingPanel(QWidget):
    changed = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[payments.PaymentRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)  # flush with the screen title, like every tab
        self.info = QLabel()
        layout.addWidget(self.info)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Date"), _("Amount"), _("From"), _("Account"), _("Communication")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.itemSelectionChanged.connect(self._load_suggestions)
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.calls_label = QLabel(_("Fee call:"))
        bar.addWidget(self.calls_label)
        self.calls = QComboBox()
        self.calls.setMinimumWidth(420)
        bar.addWidget(self.calls, 1)
        self.match_button = QPushButton(_("Match"))
        self.match_button.clicked.connect(self.match_selected)
        self.match_button.setEnabled(False)
        bar.addWidget(self.match_button)
        layout.addLayout(bar)

    def show_payments(self, rows: list[payments.PaymentRow]) -> None:
        self.rows = rows
        self.info.setText(_("{n} payments could not be matched automatically.").format(n=len(rows)) if rows
                          else _("Every payment is matched. Payments a bank statement could not match "
                                                    "to a fee call will appear here."))
        self.table.setRowCount(len(rows))
        for r, p in enumerate(rows):
            for c, text in enumerate((day(p.paid_on), money(p.amount), p.counterparty_name or "",
                                      p.counterparty_iban or "", p.communication or "")):
                self.table.setItem(r, c, cell(text, number=c == 1))
        fit_columns(self.table)
        self.calls.clear()
        self.match_button.setEnabled(False)
        for widget in (self.calls_label, self.calls, self.match_button):  # nothing to match: no empty choice
            widget.setVisible(bool(rows))

    def selected_payment(self) -> payments.PaymentRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _load_suggestions(self) -> None:
        payment = self.selected_payment()
        self.calls.clear()
        if payment is None:
            return
        operations.query(self.ctx, lambda session: payments.suggest_calls(session, payment.id, limit=30),
                         owner=self, key="suggestions", on_success=self._show_suggestions)

    def _show_suggestions(self, suggestions) -> None:
        self.suggestions = {call.id: call for call in suggestions}
        self.calls.clear()
        for call in suggestions:
            self.calls.addItem(f"{call.number}  {call.member_name}  {money(call.outstanding)}  "
                               f"{call.communication_text}", call.id)
        self.match_button.setEnabled(bool(suggestions))

    def match_selected(self) -> None:
        payment, call_id = self.selected_payment(), self.calls.currentData()
        if payment is None or call_id is None:
            return
        call = getattr(self, "suggestions", {}).get(call_id)
        surplus = payment.amount - call.outstanding if call is not None else 0
        if surplus > 0 and not dialogs.confirm(
                self, _("Payment above what the call asks"),
                _("This payment of {paid} is more than the {due} that {number} still asks. The call gets {due}; "
                  "the other {surplus} becomes an unapplied credit of {name}, to apply to another call or "
                  "refund.").format(paid=money(payment.amount), due=money(call.outstanding), number=call.number,
                                    surplus=money(surplus), name=call.member_name),
                action=_("Match and keep the rest as credit")):
            return
        operations.change(self.ctx, lambda session: payments.match_payment(session, payment.id, call_id,
                                                                          surplus_to_credit=surplus > 0),
                          changes=(operations.Change.FEES,), parent=self,
                          on_success=lambda _r: self.changed.emit())
