"""Read a plain sheet at once with calamine (a Rust reader), giving exactly what openpyxl gives.

openpyxl's read-only parser costs about 30 microseconds a cell in Python; calamine reads the same
sheet some twenty times faster. It is used only where it is known to answer as openpyxl does, and
safe: the sheet has passed every check of `io/sheets` (zip and XML bombs, the row count), every cell
tag has the usual form `<c r="B7" ...>` (so the scan of `io/sheet_scan.shape` saw every position),
the area up to the farthest cell is small (calamine allocates all of it at once), and nothing in the
sheet or its shared strings is read differently (error cells, `_xHHHH_` escapes, phonetic runs).
Anything else, and any calamine error, goes to openpyxl as before (`None` from `rows`).

The values are mapped onto openpyxl's: empty cells None (calamine gives ""), whole numbers int (it
gives floats; openpyxl gives int for a cell written "5", which is how Excel and openpyxl write whole
numbers), dates datetime at midnight (it gives date), rows ending at their last value. One difference
is left: a date-formatted number past 31 December 9999 stays a number (openpyxl gives "#VALUE!").
tests/core/io/test_sheet_readers.py reads awkward workbooks both ways and compares every value.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from clustermanager.bulk_work import no_cyclic_gc
from clustermanager.io import sheet_scan

CELL_BUDGET = 2_000_000  # rows x columns calamine may allocate at once (its cells, then our rows)
_WHOLE = float(2**53)  # floats beyond are kept as floats (openpyxl keeps "1e+20" a float)
_SHARED_STRINGS = "xl/sharedStrings.xml"


def readable(zf: zipfile.ZipFile, shape: sheet_scan.SheetShape, *, max_columns: int, max_empty_run: int) -> bool:
    """Whether calamine reads this sheet as openpyxl would, within the budget. Wider sheets, and
    sheets with long runs of empty rows, go to openpyxl: `io.sheets` then names what is not read."""
    if not shape.canonical or shape.unusual or shape.last_column > max_columns:
        return False
    if shape.last_row * max(shape.last_column, 1) > CELL_BUDGET:
        return False
    if shape.last_row > shape.rows + max_empty_run:  # mostly empty: openpyxl streams to the gap
        return False
    if _date1904(zf):  # rare (old Mac workbooks); its dates past 9999 differ
        return False
    return not (_SHARED_STRINGS in zf.namelist() and sheet_scan.has_unusual_text(zf, _SHARED_STRINGS))


def _date1904(zf: zipfile.ZipFile) -> bool:
    try:
        head = zf.read("xl/workbook.xml")[:64 * 1024]
    except KeyError:
        return True
    return b"date1904" in head


def open_book(path: Path):
    """The calamine workbook, or None when calamine is missing or cannot open the file."""
    try:
        import python_calamine
    except ImportError:  # a build without it reads with openpyxl
        return None
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception:  # openpyxl then says what is wrong with the file, as it always did
        return None


def sheet_names(book) -> list[str] | None:
    try:
        return list(book.sheet_names)
    except Exception:
        return None


def rows(book, sheet: str) -> list[tuple] | None:
    """Every row from row 1 as openpyxl's values after `io.sheets._clean`, or None if calamine cannot
    read the sheet."""
    with no_cyclic_gc():  # a tuple per row and no cycles
        try:
            cells = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except Exception:
            return None
        return [_row(row) for row in cells]


def _row(row: list) -> tuple:
    """One row as `io.sheets` cleans openpyxl's values (blank text None, a time "HH:MM")."""
    values = []
    append = values.append
    for value in row:
        kind = type(value)
        if kind is str:
            append(value if value and not value.isspace() else None)
        elif kind is float:
            append(int(value) if value.is_integer() and -_WHOLE < value < _WHOLE else value)
        elif kind is dt.date:
            append(dt.datetime(value.year, value.month, value.day))
        elif kind is dt.time:
            append(value.strftime("%H:%M"))
        else:
            append(value)
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return tuple(values[:end]) if end < len(values) else tuple(values)
