"""The fee dialog carries the 0 % VAT ground: open only for a 0 % rate, kept on an edit, saved with the fee."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from clustermanager.io.einvoice import vatex
from clustermanager.services import fees
from clustermanager.ui.fees import fee_dialog
from clustermanager.ui.fees.fee_dialog import FeeDialog


def _schedule_panel(window):
    screen = window.show_screen("fees")
    assert window.ctx.tasks.wait_idle()
    screen.tabs.setCurrentIndex(1)
    return screen, screen.schedule


def _exempt_entry(panel):
    return next(e for e in panel.entries if e.vat_ground == "exempt")


def test_the_ground_fields_are_open_only_for_a_zero_rate(window, qtbot):
    _screen, panel = _schedule_panel(window)
    dialog = FeeDialog(panel.year, window)
    qtbot.addWidget(dialog)
    assert dialog.vat.text() == "21" and not dialog.ground.isEnabled() and not dialog.article.isEnabled()
    dialog.vat.setText("0")
    assert dialog.ground.isEnabled() and dialog.article.isEnabled() and dialog.code.isEnabled()
    dialog.ground.setCurrentIndex(dialog.ground.findData("reverse_charge"))
    assert not dialog.article.isEnabled() and not dialog.code.isEnabled()
    dialog.vat.setText("6")
    assert dialog.values().vat_ground is None and dialog.values().vat_article is None


def test_editing_an_exempt_fee_keeps_its_article_and_saves_its_code(window, qtbot, monkeypatch):
    screen, panel = _schedule_panel(window)
    entry = _exempt_entry(panel)
    assert entry.vat_article  # the demo's exempt category names its article
    panel.table.selectRow(panel.entries.index(entry))

    def accept_with_new_amount(dialog):
        assert dialog.article.text() == entry.vat_article and dialog.ground.currentData() == "exempt"
        dialog.amount.setText("555")
        dialog.code.setCurrentIndex(dialog.code.findData(vatex.MEMBERSHIP_CODE))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(fee_dialog.FeeDialog, "exec", accept_with_new_amount)
    panel.edit_fee()
    assert window.ctx.tasks.wait_idle() and window.ctx.tasks.wait_idle()
    with window.ctx.db.session() as s:
        saved = next(e for e in fees.get_schedule(s, panel.year) if e.category == entry.category)
    assert (str(saved.amount), saved.vat_article, saved.vat_exemption_code) == (
        "555.00", entry.vat_article, vatex.MEMBERSHIP_CODE)
    row = [e.category for e in panel.entries].index(entry.category)
    assert vatex.MEMBERSHIP_CODE in panel.table.item(row, 4).text() and entry.vat_article in panel.table.item(row, 4).text()
