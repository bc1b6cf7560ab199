"""File > Import exchange workbook… shows a colleague's change as a conflict with both values; nothing is
overwritten unless the user ticks "Take the workbook's" for the row."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import select

from clustermanager.io.workbook_exchange import export_workbook
from clustermanager.models import Member
from clustermanager.ui.exchange import actions as exchange_actions
from clustermanager.ui.exchange import workbook_import_dialog
from clustermanager.ui.exchange.workbook_import_dialog import WorkbookImportDialog


def _conflicting_workbook(window, tmp_path):
    path = tmp_path / "all.xlsx"
    with window.ctx.db.session() as s:
        export_workbook(s, path)
        first = s.scalar(select(Member).order_by(Member.id))
        first_id = first.id
    with window.ctx.db.session() as s:  # a colleague, after the export
        s.get(Member, first_id).municipality = "Kortrijk (colleague)"
    wb = load_workbook(path)
    ws = wb["members"]
    head = [c.value for c in ws[1]]
    ws.cell(row=2, column=head.index("municipality") + 1, value="Brugge (mine)")
    ws.cell(row=3, column=head.index("notes") + 1, value="only mine")
    wb.save(path)
    return path, first_id


def _import(window, qtbot, monkeypatch, path, tick: bool, tmp_path):
    asked = []

    def confirm(parent, preview):
        dialog = WorkbookImportDialog(preview, parent)
        qtbot.addWidget(dialog)
        asked.append(dialog)
        if tick:
            index = dialog.conflicts.index(0, 0)
            assert dialog.conflicts.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        dialog.show()
        dialog.grab().save(str(tmp_path / "conflicts.png"))
        return dialog.choice()

    monkeypatch.setattr(workbook_import_dialog, "confirm_workbook_import", confirm)
    monkeypatch.setattr(exchange_actions, "choose_open_file", lambda *a: str(path))
    exchange_actions.import_exchange_workbook(window)
    for _ in range(3):
        window.ctx.tasks.wait_idle()
    return asked[0]


def test_a_conflict_is_shown_with_both_values_and_not_written(window, qtbot, monkeypatch, tmp_path):
    path, first_id = _conflicting_workbook(window, tmp_path)
    dialog = _import(window, qtbot, monkeypatch, path, tick=False, tmp_path=tmp_path)
    assert "1 changed in the database since the export" in dialog.label.text()
    assert dialog.conflicts.rowCount() == 1
    assert "Brugge (mine)" in dialog.conflicts.index(0, 4).data()
    assert "Kortrijk (colleague)" in dialog.conflicts.index(0, 5).data()
    assert dialog.model.rowCount() == 1  # the other member's note: an update
    with window.ctx.db.session() as s:
        assert s.get(Member, first_id).municipality == "Kortrijk (colleague)"
        second = s.scalar(select(Member).order_by(Member.id).offset(1))
        assert second.notes == "only mine"


def test_taking_the_workbooks_values(window, qtbot, monkeypatch, tmp_path):
    path, first_id = _conflicting_workbook(window, tmp_path)
    _import(window, qtbot, monkeypatch, path, tick=True, tmp_path=tmp_path)
    with window.ctx.db.session() as s:
        assert s.get(Member, first_id).municipality == "Brugge (mine)"
