"""Formula injection: text that Excel would run is written as text, in every way we write cells."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from clustermanager.io.excel_safety import is_formula_like, safe_cell_value, write_table

RISKY = ["=1+1", "+32 9 123 45 67", "-2+3", "@SUM(A1:A2)", "=HYPERLINK(\"http://x\",\"klik\")"]


@pytest.mark.parametrize("text", RISKY)
def test_risky_text_is_recognised(text):
    assert is_formula_like(text)


def test_plain_values_pass_unchanged():
    for value in ("Acme NV", "", 12, Decimal("1.50"), dt.date(2025, 1, 1), None, True):
        assert safe_cell_value(value) == value
        assert not is_formula_like(value)


def test_append_in_a_normal_workbook_keeps_the_exact_text(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append([safe_cell_value(v, ws) for v in RISKY])
    ws.cell(row=2, column=1, value=safe_cell_value("=1+1"))  # without the sheet: a visible apostrophe
    wb.save(tmp_path / "n.xlsx")
    back = load_workbook(tmp_path / "n.xlsx").active
    assert [c.value for c in back[1]] == RISKY
    assert all(c.data_type == "s" and c.quotePrefix for c in back[1])
    assert back["A2"].value == "'=1+1" and back["A2"].data_type == "s"


def test_write_table_types_and_safety(tmp_path):
    path = tmp_path / "t.xlsx"
    write_table(path, "Blad", ["Naam", "Datum", "Bedrag"], [["=evil()", dt.date(2025, 3, 15), Decimal("12.50")]])
    ws = load_workbook(path).active
    assert ws["A2"].value == "=evil()" and ws["A2"].data_type == "s"
    assert ws["B2"].is_date and ws["B2"].number_format == "yyyy-mm-dd"
    assert ws["C2"].value == 12.5 and ws["C2"].number_format == "#,##0.00"
    assert ws["A1"].font.bold and ws.freeze_panes == "A2"
