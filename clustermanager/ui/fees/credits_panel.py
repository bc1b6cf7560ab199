"""Unapplied credits of members: money received above what a fee call asked (a member paying twice, a
payment on a call already paid). A payment never raises a call above what it asks; the surplus waits
here until the user applies it to another call of the same member or marks it as paid back.

Used on the Fees screen (every member) and on the member's Fees tab (that member only).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from clustermanager.i18n import N_, _
from clustermanager.services import credits, fees
from clustermanager.ui import operations
from clustermanager.ui.common import dialogs
from clustermanager.ui.common.numbers import day, money
from clustermanager.ui.tables.layout import cell, fit_columns

HEADERS = (N_("Member"), N_("Credit"), N_("Received on"), N_("Paid on call"), N_("Note"))


def choose_call(parent, credit: credits.CreditRow, calls: list[fees.FeeCallRow]) -> int | None:
    """Ask which open call the credit pays (patched in tests: no modal dialog there)."""
    labels = [f"{c.number or c.id}  {c.year}  {_('still due')} {money(c.outstanding)}" for c in calls]
    text, ok = QInputDialog.getItem(parent, _("Apply credit"), _("Apply {amount} of {name} to:").format(
        amount=money(credit.amount), name=credit.member_name), labels, 0, False)
    return calls[labels.index(text)].id if ok and text in labels else None


def open_calls(session, member_id: int) -> list[fees.FeeCallRow]:
    """The member's calls that still ask something, oldest first (a credit pays the oldest debt first)."""
    return sorted((c for c in fees.list_calls(session, member_id=member_id) if c.outstanding > 0),
                  key=lambda c: (c.year, c.due_on, c.id))


class CreditsPanel(QWidget):
    """`changed()` after a credit was applied or refunded."""

    changed = Signal()

    def __init__(self, ctx, member_id: int | None = None, parent=None):
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        self.rows: list[credits.CreditRow] = []
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setColumnHidden(0, member_id is not None)  # on a member's tab: always that member
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.apply_button = QPushButton(_("Apply to a fee call…"))
        self.apply_button.clicked.connect(self.apply_selected)
        self.refund_button = QPushButton(_("Mark as refunded…"))
        self.refund_button.clicked.connect(self.refund_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.apply_button)
        bar.addWidget(self.refund_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self._update_buttons()

    def reload(self) -> None:
        member_id = self.member_id
        operations.query(self.ctx, lambda session: credits.list_credits(session, member_id=member_id),
                         owner=self, key="credits", on_success=self.show_credits)

    def show_credits(self, rows: list[credits.CreditRow]) -> None:
        self.rows = rows
        total = sum((r.amount for r in rows), fees.ZERO)
        self.info.setText(_("{n} unapplied credits, {total} in all: money received above what a fee call asked. "
                            "Apply it to another call or mark it as paid back.").format(n=len(rows), total=money(total))
                          if rows else _("No unapplied credit: no payment was above what its fee call asked."))
        self.table.setRowCount(len(rows))
        self.table.setVisible(bool(rows))  # no credit: one sentence, no empty table
        for r, credit in enumerate(rows):
            for c, text in enumerate((credit.member_name, money(credit.amount), day(credit.received_on),
                                      credit.from_fee_call or "", credit.note or "")):
                self.table.setItem(r, c, cell(text, number=c == 1))
        fit_columns(self.table)
        self._update_buttons()

    def selected(self) -> credits.CreditRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectedItems() else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.apply_button, self.refund_button):
            button.setEnabled(chosen)
            button.setVisible(bool(self.rows))

    def apply_selected(self) -> None:
        credit = self.selected()
        if credit is None:
            return
        operations.query(self.ctx, lambda session: open_calls(session, credit.member_id), owner=self,
                         key="open-calls", on_success=lambda calls: self._apply_to(credit, calls))

    def _apply_to(self, credit: credits.CreditRow, calls: list[fees.FeeCallRow]) -> None:
        if not calls:
            self.info.setText(_("{name} has no fee call that still asks something: mark the credit as refunded "
                                "or keep it for next year's call.").format(name=credit.member_name))
            return
        call_id = choose_call(self, credit, calls)
        if call_id is not None:
            self._write(lambda session: credits.apply_credit(session, credit.id, call_id))

    def refund_selected(self) -> None:
        credit = self.selected()
        if credit is None:
            return
        on = dialogs.ask_date(self, _("Mark as refunded"), _("{amount} paid back to {name} on:").format(
            amount=money(credit.amount), name=credit.member_name), _("Refunded on"),
            max(dt.date.today(), credit.received_on))
        if on is not None:
            self._write(lambda session: credits.refund_credit(session, credit.id, on))

    def _write(self, fn) -> None:
        operations.change(self.ctx, fn, changes=(operations.Change.FEES,), parent=self,
                          on_success=lambda _r: self._done())

    def _done(self) -> None:
        self.reload()
        self.changed.emit()
