from __future__ import annotations

import openpyxl
import pytest
from openpyxl.cell import WriteOnlyCell

from clustermanager.io.excel_safety import safe_cell_value, set_safe_value


@pytest.mark.parametrize("text", ["=1+1", "+32 470", "-5", "@SUM(A1)", "\t=x"])
def test_formula_like_text_is_stored_as_text(text, tmp_path):
    wb = openpyxl.Workbook()
    set_safe_value(wb.active["A1"], text)
    wb.save(tmp_path / "a.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "a.xlsx").active["A1"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_write_only_cell_and_plain_values():
    cell = WriteOnlyCell(openpyxl.Workbook(write_only=True).create_sheet("x"))
    set_safe_value(cell, "=HYPERLINK(\"x\")")
    assert cell.data_type == "s"
    set_safe_value(cell2 := WriteOnlyCell(cell.parent), 12)
    assert (cell2.value, cell2.data_type) == (12, "n")


def test_csv_values_get_an_apostrophe():
    assert safe_cell_value("=cmd") == "'=cmd"
    assert safe_cell_value("Acme NV") == "Acme NV"
    assert safe_cell_value(3) == 3
