"""The exchange workbook's export: text stays text, and a failed export leaves the old file."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from clustermanager.errors import UserError
from clustermanager.io.workbook_exchange import export_workbook
from clustermanager.models import MemberKind
from clustermanager.services.members import ContactInput, MemberInput, add_contact, create_member
from clustermanager.services.workbook_import import preview_workbook_import


def _member(s, name="Acme", **kw):
    return create_member(s, MemberInput(name, MemberKind.COMPANY, dt.date(2020, 1, 1), **kw)).id


def test_text_that_looks_like_a_formula_is_written_as_text(db, tmp_path):
    risky = ["=HYPERLINK(\"http://evil\",\"x\")", "+32 9 123 45 67", "-minus", "@SUM(A1)"]
    with db.session() as s:
        member = _member(s, risky[0], notes=risky[3])
        add_contact(s, member, ContactInput("Jan", risky[2], phone=risky[1]))
    path = tmp_path / "all.xlsx"
    with db.session() as s:
        export_workbook(s, path)
    wb = load_workbook(path)
    cells = [c for ws in (wb["members"], wb["contacts"]) for row in ws.iter_rows(min_row=2) for c in row
             if isinstance(c.value, str) and c.value in risky]
    assert sorted(c.value for c in cells) == sorted(risky + [risky[0]])  # the name again as contact's member
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    with db.session() as s:
        assert preview_workbook_import(s, path).counts["unchanged"] == 2


def test_export_is_atomic(db, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "all.xlsx"
    path.write_bytes(b"the previous export")

    save = Workbook.save

    def crash(self, filename):
        save(self, io.BytesIO())  # let openpyxl finish its sheets, then fail half-way through the file
        Path(filename).write_bytes(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(Workbook, "save", crash)
    with pytest.raises(OSError), db.session() as s:
        export_workbook(s, path)
    assert path.read_bytes() == b"the previous export"
    assert [p.name for p in folder.iterdir()] == ["all.xlsx"]
    with pytest.raises(UserError, match="does not exist"), db.session() as s:
        export_workbook(s, tmp_path / "missing" / "x.xlsx")
