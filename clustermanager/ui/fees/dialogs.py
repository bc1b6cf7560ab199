"""Small dialogs of the fees screen: record a payment, the budget, and the file pickers (tests replace them).

A fee of the schedule has its own dialog (fee_dialog.py): it carries the 0 % VAT ground too."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from clustermanager import validation as v
from clustermanager.i18n import _
from clustermanager.services.fees import FeeCallRow
from clustermanager.ui.common.dialog import Dialog
from clustermanager.ui.common.dialogs import date_edit, from_qdate
from clustermanager.ui.common.forms import InlineValidation, form_layout
from clustermanager.ui.common.numbers import amount as as_amount  # "amount" is a field name here
from clustermanager.ui.common.numbers import money


def choose_statement(parent) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, _("Import a bank statement"), "",
        _("Bank statements (*.cod *.coda *.txt *.xml *.cda);;All files (*)"))
    return path or None


def choose_folder(parent, title: str) -> str | None:
    return QFileDialog.getExistingDirectory(parent, title) or None


def choose_pdf(parent, title: str, name: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, title, name, _("PDF (*.pdf)"))
    return path or None


class FormDialog(Dialog):
    def __init__(self, title: str, intro: str, parent=None, *, action: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.checks = InlineValidation(self)
        layout = QVBoxLayout(self)
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.form = form_layout()
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(action or _("Save"))  # the button says what it does
        self.checks.valid_changed.connect(ok.setEnabled)

    def _accept(self) -> None:
        if self.checks.validate_all():
            self.accept()


class PaymentDialog(FormDialog):
    """Money received by hand for one fee call; the outstanding amount is proposed."""

    def __init__(self, call: FeeCallRow, parent=None):
        super().__init__(_("Record a payment"), _("{member}, fee call {number}: {left} outstanding.").format(
            member=call.member_name, number=call.number, left=money(call.outstanding)), parent,
            action=_("Record payment"))
        self.amount = QLineEdit(as_amount(call.outstanding))
        self.day = date_edit()
        self.note = QLineEdit()
        self.form.addRow(_("Amount received"), self.checks.add("amount", self.amount,
                                                               lambda t: v.money(t, "amount")))
        self.form.addRow(_("Received on"), self.day)
        self.form.addRow(_("Note"), self.note)

    def values(self) -> tuple[Decimal, object, str | None]:
        return v.money(self.amount.text(), "amount"), from_qdate(self.day.date()), self.note.text().strip() or None


class BudgetDialog(FormDialog):
    """The year's budget and the agency's subsidy, the basis of the required own share."""

    def __init__(self, year: int, budget: Decimal, subsidy: Decimal, parent=None):
        super().__init__(_("Budget {year}").format(year=year),
                         _("The cluster's budget for the year and the agency's subsidy."), parent)
        self.budget = QLineEdit(as_amount(budget))
        self.subsidy = QLineEdit(as_amount(subsidy))
        self.form.addRow(_("Budget"), self.checks.add("budget", self.budget, lambda t: v.money(t, "budget")))
        self.form.addRow(_("Agency subsidy"), self.checks.add("subsidy", self.subsidy,
                                                              lambda t: v.money(t, "subsidy")))

    def values(self) -> tuple[str, str]:
        return self.budget.text(), self.subsidy.text()


class InKindDialog(FormDialog):
    """A contribution in kind: what it was and what it is worth."""

    def __init__(self, year: int, parent=None):
        super().__init__(_("In-kind contribution {year}").format(year=year),
                         _("Hours, a venue, equipment on loan: describe it and give its value."), parent,
                         action=_("Add"))
        self.description = QLineEdit()
        self.value = QLineEdit()
        self.form.addRow(_("Description"), self.checks.add(
            "description", self.description, lambda t: v.clean_text(t, "description", required=True, max_length=300)))
        self.form.addRow(_("Value"), self.checks.add("value", self.value, lambda t: v.money(t, "value")))

    def values(self) -> tuple[str, str]:
        return self.description.text(), self.value.text()


def record_payment_for(parent, ctx, call: FeeCallRow, *, on_done=None) -> bool:
    """Ask for the payment of `call` and record it on the task runner; True when the user confirmed.
    Fees are announced (and `on_done()` runs) once it was recorded."""
    from clustermanager.services import payments
    from clustermanager.ui import operations

    dialog = PaymentDialog(call, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    amount, day, note = dialog.values()
    surplus = amount - call.outstanding
    if surplus > 0 and not confirm_surplus(parent, call, amount, surplus):
        return False
    operations.change(ctx, lambda session: payments.record_payment(session, call.id, amount, day, note=note,
                                                                   allow_overpayment=surplus > 0),
                      changes=(operations.Change.FEES,), parent=parent,
                      on_success=(lambda _r: on_done()) if on_done else None)
    return True


def confirm_surplus(parent, call: FeeCallRow, amount, surplus) -> bool:
    """A payment above what the call still asks: the call gets what it asks, the rest becomes a credit."""
    from clustermanager.ui.common import dialogs

    return dialogs.confirm(parent, _("Payment above what the call asks"), _(
        "This payment of {paid} is more than the {due} that {number} still asks. The call gets {due}; the other "
        "{surplus} becomes an unapplied credit of {name}, to apply to another call or refund.").format(
        paid=money(amount), due=money(call.outstanding), number=call.number, surplus=money(surplus),
        name=call.member_name), action=_("Record and keep the rest as credit"))
