"""Styled write-only rows read back with openpyxl: every value keeps its own type, format and style,
though one cell per style is reused while writing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
from openpyxl import Workbook
from openpyxl.styles import Alignment

from clustermanager.io.xlsx_styles import StyledBook


def _write(tmp_path, rows, styles):
    book = StyledBook(Workbook(write_only=True))
    made = styles(book)
    sheet = book.sheet("S")
    for row in rows(made):
        sheet.append(row)
    path = tmp_path / "s.xlsx"
    book.workbook.save(path)
    return openpyxl.load_workbook(path)


def test_values_keep_their_type_and_style_row_after_row(tmp_path):
    def styles(book):
        return {"money": book.style("Amount", number_format="#,##0.00"),
                "day": book.style("Day", number_format="DD/MM/YYYY"),
                "bold": book.style("Label", bold=True)}

    def rows(s):
        return [["plain", s["money"].of(Decimal("12.50")), s["day"].of(dt.date(2025, 3, 1)), s["bold"].of("x")],
                [None, s["money"].of(7), s["day"].of(dt.date(2026, 1, 2)), 3],
                [dt.date(2024, 5, 6), s["money"].of(Decimal("-1.25")), None, s["bold"].of("=SUM(B1:B3)")]]

    ws = _write(tmp_path, rows, styles)["S"]
    assert [c.value for c in ws[1]] == ["plain", 12.5, dt.datetime(2025, 3, 1), "x"]
    assert [c.value for c in ws[2]] == [None, 7, dt.datetime(2026, 1, 2), 3]
    assert ws["B3"].value == -1.25 and ws["C3"].value is None
    assert ws["A3"].is_date  # a plain date still gets openpyxl's own date format
    assert {ws[f"B{r}"].number_format for r in (1, 2, 3)} == {"#,##0.00"}
    assert {ws[f"C{r}"].number_format for r in (1, 2)} == {"DD/MM/YYYY"}
    assert ws["D1"].font.b and ws["D1"].style == "Label"
    assert ws["B1"].style == "Amount" and ws["A1"].style == "Normal" and not ws["D2"].font.b
    assert ws["D3"].data_type == "f" and ws["D3"].value == "=SUM(B1:B3)"  # a formula where one was asked for


def test_named_styles_are_made_once_and_variants_keep_their_base(tmp_path):
    def styles(book):
        money = book.style("Amount", number_format="#,##0.00")
        again = book.style("Amount", number_format="#,##0.00")
        assert again is money
        return {"indented": money.variant(alignment=Alignment(indent=2)),
                "quoted": book.variant("Normal", quote=True)}

    def rows(s):
        return [[s["indented"].of(Decimal("3")), s["quoted"].of("=HYPERLINK(\"x\")")]]

    wb = _write(tmp_path, rows, styles)
    assert wb.named_styles == ["Normal", "Amount"]
    ws = wb["S"]
    assert ws["A1"].style == "Amount" and ws["A1"].alignment.indent == 2 and ws["A1"].number_format == "#,##0.00"
    assert ws["B1"].data_type == "s" and ws["B1"].quotePrefix and ws["B1"].value == "=HYPERLINK(\"x\")"


def test_a_date_in_a_non_date_style_is_still_a_date_and_leaves_the_style_alone(tmp_path):
    def styles(book):
        return {"bold": book.style("Label", bold=True)}

    def rows(s):
        return [[s["bold"].of(dt.date(2025, 1, 1)), s["bold"].of("after")], [s["bold"].of(None)]]

    ws = _write(tmp_path, rows, styles)["S"]
    assert ws["A1"].is_date and ws["A1"].font.b
    assert ws["B1"].number_format == "General" and ws["B1"].font.b  # the shared style was not changed
    assert ws["A2"].value is None and ws["A2"].font.b  # an empty cell keeps its style


def test_a_cell_made_by_hand_is_still_accepted(tmp_path):
    from openpyxl.cell import WriteOnlyCell

    book = StyledBook(Workbook(write_only=True))
    sheet = book.sheet("S")
    cell = WriteOnlyCell(sheet.ws, "by hand")
    cell.number_format = "@"
    sheet.append([cell, "next"])
    book.workbook.save(tmp_path / "h.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "h.xlsx")["S"]
    assert (ws["A1"].value, ws["A1"].number_format, ws["B1"].value, ws["B1"].number_format) == (
        "by hand", "@", "next", "General")
