"""The small fee dialogs: amounts written as the screens write them, buttons named by their action."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from clustermanager.ui.common.numbers import money
from clustermanager.ui.fees.dialogs import PaymentDialog


def test_payment_dialog_proposes_the_outstanding_amount_in_the_screens_notation(window, qtbot):
    screen = window.show_screen("fees")
    assert window.ctx.tasks.wait_idle()
    call = next(c for c in screen.model.rows if c.outstanding > 1000)
    dialog = PaymentDialog(call, window)
    qtbot.addWidget(dialog)
    assert money(call.outstanding) == f"{dialog.amount.text()} EUR"  # "1.321,93 EUR" and "1.321,93"
    assert dialog.values()[0] == call.outstanding  # and it reads back exactly
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Record payment"
