"""Invoices, credit notes and Peppol e-invoices from the window: the Fees screen and a member's Fees tab."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QDialog

from clustermanager.io.einvoice.validate import validate_xml
from clustermanager.services import fees, invoicing
from clustermanager.services import members as msvc
from clustermanager.ui.fees import dialogs as fee_dialogs
from clustermanager.ui.fees import invoicing as invoicing_ui


def _wait(window):
    # a year's e-invoices are each validated with the official rules: minutes on a loaded machine
    assert window.ctx.tasks.wait_idle(timeout_ms=300_000)
    assert window.ctx.tasks.wait_idle(timeout_ms=300_000)


def _calls(window, category="S"):
    with window.ctx.db.session() as s:
        return [c for c in fees.list_calls(s, year=2025) if c.vat_category == category and c.number]


def test_einvoices_for_the_year_and_for_a_selection(window, monkeypatch, tmp_path):
    screen = window.show_screen("fees")
    _wait(window)
    year_folder, chosen_folder = tmp_path / "year", tmp_path / "chosen"
    monkeypatch.setattr(fee_dialogs, "choose_folder", lambda parent, title: str(year_folder))
    screen.export_einvoices()
    _wait(window)
    files = sorted(year_folder.glob("*.xml"))
    assert len(files) > 10 and "e-invoices written" in screen.message.text()
    assert validate_xml(files[0].read_bytes()) == []
    picked = []
    for row in range(2):
        screen.table.selectionModel().select(screen.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                                             | QItemSelectionModel.SelectionFlag.Rows)
        picked.append(screen.proxy.row_at(row))
    monkeypatch.setattr(fee_dialogs, "choose_folder", lambda parent, title: str(chosen_folder))
    screen.export_einvoices()
    _wait(window)
    names = {p.name for p in chosen_folder.glob("*.xml")}
    with window.ctx.db.session() as s:
        receiving = [c for c in picked if invoicing.einvoice_address(msvc.get_member(s, c.member_id))]
    invoices_written = {n for n in names if n.startswith("invoice-")}
    assert invoices_written == {f"invoice-{c.number}.xml" for c in receiving}  # the selection, not the year


def test_credit_a_call_from_the_member_fees_tab(window, monkeypatch, tmp_path, qtbot):
    call = _calls(window)[0]
    from clustermanager.ui.fees.member_tab import MemberFeesTab

    tab = MemberFeesTab(window.ctx, call.member_id)
    qtbot.addWidget(tab)
    _wait(window)  # the tab reads its calls on the task runner
    row = next(r for r in range(tab.proxy.rowCount()) if tab.proxy.row_at(r).id == call.id)
    tab.table.selectRow(row)

    def fill(dialog):
        dialog.reason.setText("Korting afgesproken")
        dialog.amount.setText("121")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(invoicing_ui.CreditDialog, "exec", fill)
    monkeypatch.setattr(fee_dialogs, "choose_folder", lambda parent, title: str(tmp_path / "cn"))
    tab.credit()
    _wait(window)
    with window.ctx.db.session() as s:
        [note] = invoicing.list_credit_notes(s, call_id=call.id)
        assert fees.get_call(s, call.id).credited == call.credited + 121
    pdfs = list((tmp_path / "cn").glob("*.pdf"))
    assert [p.stem.split("-", 2)[-1] for p in pdfs] == [note.number] or note.number in pdfs[0].name
    assert note.number in tab.message.text()
    monkeypatch.setattr(fee_dialogs, "choose_folder", lambda parent, title: str(tmp_path / "inv"))
    _wait(window)
    tab.table.selectRow(next(r for r in range(tab.proxy.rowCount()) if tab.proxy.row_at(r).id == call.id))
    tab.write_invoice()
    _wait(window)
    assert any(call.number in p.name for p in (tmp_path / "inv").glob("*.pdf"))
