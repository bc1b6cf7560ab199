"""Text from the data never becomes a formula in an exported sheet (formula injection, CWE-1236).

A member called "=HYPERLINK(...)" or a payment note starting with "+" or "@" must reach the reader as
the same text. In an .xlsx the cell is marked as text (and quote-prefixed, so editing it in Excel or
LibreOffice keeps it text): `set_safe_value`. Where no cell type exists (CSV, a plain
`worksheet.append`), `safe_cell_value` puts the usual apostrophe in front.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell_value(value):
    """A value for a CSV field or an untyped cell: formula-like text gets a leading apostrophe."""
    return "'" + value if is_formula_like(value) else value


def set_safe_value(cell, value) -> None:
    """Put `value` in an openpyxl cell (also a write-only cell); formula-like text stays exact text."""
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
