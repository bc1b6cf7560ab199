"""The workbook read back with openpyxl: values, formats, formulas only where meant."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from clustermanager.reports.workbook import EURO_FORMAT, write_workbook
from tests.core.reports import world


@pytest.fixture
def book(report, tmp_path):
    path = tmp_path / "report.xlsx"
    write_workbook(report, path)
    return openpyxl.load_workbook(path)


def _summary_values(ws) -> dict[str, object]:
    return {row[0].value: row[1] for row in ws.iter_rows(min_row=1) if row[0].value and len(row) > 1}


def test_summary_holds_the_figures_as_typed_values(book):
    ws = book["Summary"]
    values = _summary_values(ws)
    assert values["Members at the end of the period"].value == 4
    budget = values["Budget"]
    assert budget.value == 10000 and budget.number_format == EURO_FORMAT
    share = values["Self-funding share reached"]
    assert share.value == pytest.approx(0.1) and share.number_format == "0.0%"
    assert values["Period"].value == "2025"
    assert ws["C2"].value == dt.datetime(2025, 1, 1)


def test_finance_total_row_is_a_formula(book):
    ws = book["Summary"]
    total = next(row for row in ws.iter_rows() if row[0].value == "Total")
    assert total[1].data_type == "f" and total[1].value.startswith("=SUM(B")


def test_list_sheets_frozen_filtered_and_typed(book):
    assert book.sheetnames == ["Summary", "Targets and results", "Members", "Fee calls", "Payments", "In-kind contributions",
                               "Activities", "Collaboration projects"]
    ws = book["Fee calls"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:N3"
    assert ws.column_dimensions["B"].width == 38
    assert ws["G2"].value == Decimal("1210") or ws["G2"].value == 1210
    assert ws["G2"].number_format == EURO_FORMAT
    assert ws["I2"].is_date
    totals = [c for c in ws[5] if c.value is not None]
    assert totals[0].value == "Total"
    assert any(c.data_type == "f" and c.value.startswith("=SUBTOTAL(109,G2:G3)") for c in totals)


def test_formula_like_text_stays_text(book):
    ws = book["Members"]
    cell = next(row[0] for row in ws.iter_rows(min_row=2) if row[0].value and row[0].value.startswith("="))
    assert cell.value == world.EVIL
    assert cell.data_type == "s" and cell.quotePrefix
    formulas = [c.coordinate for sheet in book for row in sheet.iter_rows() for c in row
                if c.data_type == "f" and not c.value.startswith(("=SUM(", "=SUBTOTAL(", "=IF("))]
    assert formulas == []
    narrative = next(row[0] for row in book["Summary"].iter_rows() if row[0].value == "+ More members")
    assert narrative.data_type == "s"


def test_written_atomically_no_partial_file_left(report, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "r.xlsx"
    target.write_text("old")
    write_workbook(report, target)
    assert openpyxl.load_workbook(target)["Summary"]["A1"].value.endswith(world.CLUSTER_NAME)
    assert [p.name for p in folder.iterdir()] == ["r.xlsx"]
