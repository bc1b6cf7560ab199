"""The import wizard and File > Export / Import, driven like a user would."""

from __future__ import annotations

import time

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import select

from clustermanager.models import Member
from clustermanager.progress import Cancelled
from clustermanager.services.member_import import RowStatus
from clustermanager.ui.exchange import actions as exchange_actions
from clustermanager.ui.exchange import import_wizard, workbook_import_dialog
from clustermanager.ui.exchange.import_wizard import PAGE_MAPPING, PAGE_PREVIEW, PAGE_RESULT, ImportWizard
from clustermanager.ui.exchange.preview_model import STATUS_COLOUR
from clustermanager.ui.exchange.workbook_import_dialog import WorkbookImportDialog
from clustermanager.ui.shell.style import colour
from tests.core.io.sheetgen import workbook


def _menu_action(window, text: str):
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text() == text:
                return action
    raise AssertionError(f"no menu entry {text}")


def _existing(window) -> tuple[str, str]:
    with window.ctx.db.session() as s:
        member = s.scalar(select(Member).where(Member.enterprise_number.is_not(None)).order_by(Member.id))
        return member.name, member.enterprise_number


def _sheet(tmp_path, window):
    name, number = _existing(window)
    return workbook(tmp_path / "leden.xlsx", [
        ["Naam", "Ondernemingsnummer", "Gemeente", "Bijzonderheden"],
        ["Nieuw Bedrijf NV", "0403.170.701", "Gent", "via beurs"],
        [name, number, "Ergens Anders", None],
        ["Fout BV", "0417.497.107", "Gent", None],
    ], title="Ledenlijst")


def _next(qtbot, wizard):
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.ctx.tasks.wait_idle()


def test_wizard_end_to_end(window, qtbot, tmp_path, monkeypatch):
    path = _sheet(tmp_path, window)
    monkeypatch.setattr(import_wizard, "choose_open_file", lambda *a: str(path))
    opened = []
    monkeypatch.setattr(ImportWizard, "open", lambda self: opened.append(self))
    _menu_action(window, "&Import members…").trigger()
    (wizard,) = opened
    qtbot.addWidget(wizard)
    wizard.browse()
    assert wizard.sheet_combo.currentText() == "Leden"

    _next(qtbot, wizard)
    assert wizard.pages.currentIndex() == PAGE_MAPPING
    assert "row 3" in wizard.header_label.text()
    assert wizard.mapping() == ("name", "enterprise_number", "municipality", None)
    notes = wizard.combos[3]
    notes.setCurrentIndex(notes.findData("notes"))  # the user maps the unknown column

    _next(qtbot, wizard)
    assert wizard.pages.currentIndex() == PAGE_PREVIEW
    model = wizard.preview_model
    assert [model.outcome(r).status for r in range(model.rowCount())] == [RowStatus.NEW, RowStatus.UPDATE,
                                                                        RowStatus.ERROR]
    assert "Ergens Anders" in model.index(1, 4).data()
    assert "not a valid Belgian enterprise number" in model.index(2, 4).data()
    assert model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole).color() == colour(STATUS_COLOUR[RowStatus.ERROR])
    assert "1 refused" in wizard.counts_label.text()

    report = tmp_path / "refused.xlsx"
    monkeypatch.setattr(import_wizard, "choose_save_file", lambda *a: str(report))
    wizard.save_error_report()
    assert load_workbook(report).active["A2"].value == "Fout BV"

    with qtbot.waitSignal(window.ctx.data_changed):
        _next(qtbot, wizard)
    assert wizard.pages.currentIndex() == PAGE_RESULT
    assert wizard.result.created == 1 and wizard.result.updated == 1 and wizard.result.refused == 1
    with window.ctx.db.session() as s:
        new = s.scalar(select(Member).where(Member.name == "Nieuw Bedrijf NV"))
        assert (new.municipality, new.notes) == ("Gent", "via beurs")
    _next(qtbot, wizard)  # Close
    assert not wizard.isVisible()


def test_cancelling_the_import_changes_nothing(window, qtbot, tmp_path, monkeypatch):
    path = _sheet(tmp_path, window)
    real_import = import_wizard.import_members

    def slow_import(session, table, mapping, *, progress, cancelled):
        result = real_import(session, table, mapping, progress=progress)
        deadline = time.monotonic() + 5
        while not cancelled() and time.monotonic() < deadline:
            time.sleep(0.01)
        if cancelled():
            raise Cancelled("stopped")
        return result

    monkeypatch.setattr(import_wizard, "import_members", slow_import)
    wizard = ImportWizard(window.ctx, window, path=str(path))
    qtbot.addWidget(wizard)
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Import
    assert wizard.cancel_button.text() == "Stop"
    qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)
    assert window.ctx.tasks.wait_idle()
    assert wizard.pages.currentIndex() == PAGE_PREVIEW
    assert "nothing was changed" in wizard.status.text()
    with window.ctx.db.session() as s:
        assert s.scalar(select(Member).where(Member.name == "Nieuw Bedrijf NV")) is None
    wizard.reject()


def test_hostile_file_is_refused_in_the_wizard(window, qtbot, tmp_path):
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(b"not a workbook at all")
    wizard = ImportWizard(window.ctx, window, path=str(path))
    qtbot.addWidget(wizard)
    assert "not an Excel workbook" in wizard.status.text()
    assert not wizard.next_button.isEnabled()
    wizard.reject()


def test_export_and_import_everything_from_the_file_menu(window, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "all.xlsx"
    monkeypatch.setattr(exchange_actions, "choose_save_file", lambda *a: str(path))
    _menu_action(window, "&Export everything…").trigger()
    assert window.ctx.tasks.wait_idle()
    wb = load_workbook(path)
    assert wb["members"].max_row == 121
    name_column = [c.value for c in wb["members"][1]].index("municipality") + 1
    wb["members"].cell(row=2, column=name_column, value="Nieuwe Gemeente")
    wb.save(path)

    asked = []

    def confirm(parent, preview):
        dialog = WorkbookImportDialog(preview, parent)
        qtbot.addWidget(dialog)
        asked.append(dialog)
        return True

    monkeypatch.setattr(workbook_import_dialog, "confirm_workbook_import", confirm)
    monkeypatch.setattr(exchange_actions, "choose_open_file", lambda *a: str(path))
    _menu_action(window, "Import exchange &workbook…").trigger()
    assert window.ctx.tasks.wait_idle()
    (dialog,) = asked
    assert dialog.label.text().startswith("0 new rows, 1 to update")
    assert dialog.model.rowCount() == 1  # unchanged rows are only counted
    assert dialog.model.index(0, 1).data() == "members" and "Nieuwe Gemeente" in dialog.model.index(0, 4).data()
    assert dialog.import_button.isEnabled()
    with window.ctx.db.session() as s:
        first = s.scalar(select(Member).order_by(Member.id))
        assert first.municipality == "Nieuwe Gemeente"


def test_export_can_be_cancelled(window, qtbot, tmp_path):
    path = tmp_path / "all.xlsx"
    exchange_actions.export_everything(window, str(path))
    window.ctx.tasks.cancel_all()
    assert window.ctx.tasks.wait_idle()
    assert not path.exists()


def test_preview_says_what_each_column_fills_and_switches_it(window, qtbot, tmp_path, monkeypatch):
    path = workbook(tmp_path / "contacten.xlsx", [
        ["Naam", "Contactpersoon", "E-mail", "Telefoon"],
        ["Havenzicht NV", "Jan Peeters", "jan@havenzicht.example", "+32 9 123 45 67"],
        ["Brugzicht BV", "Els Maes", "els@brugzicht.example", "0470 12 34 56"],
    ])
    monkeypatch.setattr(import_wizard, "choose_open_file", lambda *a: str(path))
    wizard = ImportWizard(window.ctx)
    qtbot.addWidget(wizard)
    wizard.browse()
    _next(qtbot, wizard)
    assert wizard.mapping() == ("name", "contact_name", "contact_email", "contact_phone")
    _next(qtbot, wizard)
    assert wizard.pages.currentIndex() == PAGE_PREVIEW
    fills = wizard.column_fill
    assert [fills.item(r, 0).text() for r in range(fills.rowCount())] == ["Naam", "Contactpersoon", "E-mail",
                                                                            "Telefoon"]
    assert fills.item(0, 2).text() == "the member" and fills.item(3, 2).text() == "its contact"
    assert fills.switches[2].currentData() == "contact"
    assert "contacts: 2 to add" in wizard.counts_label.text()
    assert "Jan Peeters" in wizard.preview_model.index(0, 4).data()  # the preview names the contact

    fills.switches[2].setCurrentIndex(fills.switches[2].findData("member"))  # the user switches the e-mail
    assert wizard.ctx.tasks.wait_idle()
    assert wizard.mapping() == ("name", "contact_name", "email", "contact_phone")
    assert wizard.column_fill.switches[2].currentData() == "member"
    with qtbot.waitSignal(window.ctx.data_changed):
        _next(qtbot, wizard)
    with window.ctx.db.session() as s:
        member = s.scalar(select(Member).where(Member.name == "Havenzicht NV"))
        assert member.email == "jan@havenzicht.example"
        assert [(c.last_name, c.email) for c in member.contacts] == [("Peeters", None)]
