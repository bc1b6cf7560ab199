"""Filling an agency template: typed values, text, the template's own formats, unknown names."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from clustermanager.errors import FileFormatError
from clustermanager.reports.template import fill_template
from clustermanager.reports.workbook import EURO_FORMAT
from tests.core.reports import world


def _template(path, cells: dict[str, str], fmt: dict[str, str] | None = None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VLAIO"
    for ref, value in cells.items():
        ws[ref] = value
    for ref, number_format in (fmt or {}).items():
        ws[ref].number_format = number_format
    ws["A1"].font = openpyxl.styles.Font(bold=True, size=14)
    wb.save(path)
    return path


def test_placeholders_become_typed_values_or_text(report, tmp_path):
    template = _template(tmp_path / "t.xlsx", {
        "A1": "Voortgangsrapport {{cluster.name}} {{period.label}}",
        "B2": "{{members.end.total}}",
        "B3": "{{ finance.budget }}",
        "B4": "{{finance.self_funding_share}}",
        "B5": "{{period.end}}",
        "B6": "Leden: {{members.end.total}}, budget {{finance.budget}}",
        "B7": "{{finance.fees_received}}",
        "B8": "{{members.end.by_province.Antwerpen}}",
        "B9": "{{narrative.challenges}}",
        "C1": "=1+1",
    }, {"B7": "#,##0.00"})
    target = tmp_path / "filled.xlsx"
    result = fill_template(report, template, target, lang="nl")  # the agency's Dutch template
    assert result.cells_filled == 9
    ws = openpyxl.load_workbook(target)["VLAIO"]
    assert ws["A1"].value == f"Voortgangsrapport {world.CLUSTER_NAME} 2025"
    assert ws["A1"].font.bold and ws["A1"].font.size == 14  # the template's formatting is kept
    assert ws["B2"].value == 4
    assert ws["B3"].value == 10000 and ws["B3"].number_format == EURO_FORMAT
    assert ws["B4"].value == pytest.approx(0.1) and ws["B4"].number_format == "0.0%"
    assert ws["B5"].value == dt.datetime(2025, 12, 31)
    assert ws["B6"].value == "Leden: 4, budget 10.000,00 EUR"  # formatting.format_money in Dutch
    assert ws["B7"].value == 1210 and ws["B7"].number_format == "#,##0.00"  # the template's own format
    assert ws["B8"].value == 2
    assert ws["B9"].value == "+ More members" and ws["B9"].data_type == "s"
    assert ws["C1"].value == "=1+1"  # the template's own formulas stay


def test_unknown_placeholder_names_the_sheet_and_cell(report, tmp_path):
    template = _template(tmp_path / "t.xlsx", {"B2": "{{members.end.total}}", "D7": "{{members.everyone}}"})
    target = tmp_path / "filled.xlsx"
    with pytest.raises(FileFormatError) as err:
        fill_template(report, template, target)
    assert (err.value.sheet, err.value.row, err.value.column) == ("VLAIO", 7, "D")
    assert "members.everyone" in str(err.value) and "D7" in str(err.value)
    assert not target.exists()


def test_a_file_that_is_not_a_workbook(report, tmp_path):
    bad = tmp_path / "t.xlsx"
    bad.write_text("not a workbook")
    with pytest.raises(FileFormatError):
        fill_template(report, bad, tmp_path / "f.xlsx")
