"""Write cells so that Excel never runs what we wrote: text that looks like a formula stays text.

A name such as `=HYPERLINK(...)` or `+32 9 123 45 67` typed by someone into the app must not become
a formula when the workbook is opened (formula or CSV injection). Such text is written as a string
cell with Excel's "quote prefix" style, so the cell shows and keeps exactly the text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from clustermanager.io.atomic import atomic_write
from clustermanager.io.sheet_print import SHEET_CODE, set_print_layout
from clustermanager.io.xlsx_styles import font
from clustermanager.text_safety import for_cell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def safe_cell_value(value, worksheet=None):
    """A value ready for `worksheet.append(...)`, never evaluated by Excel.

    With `worksheet` (normal or write-only), text that starts with = + - @ becomes a string cell
    with the quote prefix: the exact text survives a round trip. Without it (for `cell.value = ...`),
    such text gets a leading apostrophe, which Excel shows as text; prefer passing the worksheet.
    Decimals stay exact numbers; timezone-aware datetimes lose their zone (Excel has none). Control
    characters Excel's XML cannot hold (stored before they were refused at the door) become U+FFFD.
    """
    value = for_cell(value)
    if is_formula_like(value):
        if worksheet is None:
            return "'" + value
        cell = WriteOnlyCell(worksheet)
        cell.value = value
        cell.data_type = "s"  # openpyxl would read "=..." as a formula
        cell.quotePrefix = True
        return cell
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def set_safe_value(cell, value) -> None:
    """Put `value` in an openpyxl cell (also a write-only cell); formula-like text stays exact text."""
    value = for_cell(value)
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def _typed_cell(ws, value):
    """A write-only cell with a readable number format for dates and amounts."""
    value = safe_cell_value(value, ws)
    if isinstance(value, dt.date | Decimal):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT if isinstance(value, dt.date) else MONEY_FORMAT
        return cell
    return value


def add_sheet(wb: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence],
              widths: Sequence[int] | None = None) -> None:
    """One sheet in a write-only workbook: a bold header row, frozen, then the rows, all made safe; it
    prints on the page's width with the header row on every page and the sheet's name and page numbers."""
    ws = wb.create_sheet(title=title[:31])
    ws.freeze_panes = "A2"
    total_width = sum(widths) if widths else 14 * len(headers)
    set_print_layout(ws, landscape=total_width > 90, title_rows="1:1", page_text="&P / &N")
    ws.oddFooter.left.text = SHEET_CODE  # the sheet's name on every printed page
    if isinstance(rows, Sequence) and headers:
        # Write-only sheets carry no size; without one, read-only readers parse the sheet twice.
        ref = f"A1:{_letter(len(headers) - 1)}{len(rows) + 1}"
        ws.calculate_dimension = lambda: ref
    for i, header in enumerate(headers):
        letter = _letter(i)
        ws.column_dimensions[letter].width = (widths[i] if widths else max(10, min(40, len(str(header)) + 4)))
    bold = font(bold=True)
    head = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=safe_cell_value(header))
        cell.font = bold
        head.append(cell)
    ws.append(head)
    for row in rows:
        ws.append([_typed_cell(ws, value) for value in row])


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def save_workbook(wb: Workbook, path: str | os.PathLike) -> None:
    """Written beside the target and renamed into place: never half a file."""
    try:
        with atomic_write(path) as tmp:
            wb.save(tmp)
    except BaseException:
        discard_workbook(wb)
        raise


def discard_workbook(wb: Workbook) -> None:
    """End the write-only sheets' streams of a workbook that will not be saved (else they complain when
    collected)."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            ws.close()


def write_table(path: str | os.PathLike, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    """A workbook with one safe sheet, written atomically."""
    wb = Workbook(write_only=True)
    add_sheet(wb, title, headers, rows)
    save_workbook(wb, path)
