"""Read any member list a person hands us (.xlsx or .csv) safely: refuse hostile files fast.

Checks happen before any reader parses anything: the file's magic bytes (a renamed file, an
encrypted workbook, which is an OLE2 container), the zip's declared sizes (a zip bomb), the XML
prologs (entity bombs; defusedxml guards openpyxl as well) and a scan of the sheet's XML (its rows,
the area its cells span: io/sheet_scan.py). A plain sheet is then read at once by calamine, a Rust
reader, with its values mapped onto openpyxl's (io/sheet_calamine.py); any other sheet is streamed
by openpyxl in read-only mode. Reading stops after a run of empty rows, so a sheet declaring a
million empty rows costs nothing, and what is not read is named.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from openpyxl.utils import get_column_letter

from clustermanager.bulk_work import no_cyclic_gc
from clustermanager.errors import FileFormatError
from clustermanager.i18n import _
from clustermanager.io.text_decoding import decode_text, refuse_nul
from clustermanager.progress import OnProgress

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024  # all parts together, as the zip declares them
MAX_RATIO = 200  # real sheets compress 5-30x; a bomb compresses thousands of times
MAX_ZIP_ENTRIES = 5000
MAX_EMPTY_RUN = 1000  # consecutive empty rows that end a sheet
MAX_ROWS = 500_000
MAX_COLUMNS = 1000
HEADER_SCAN_ROWS = 30
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"



@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number a person sees in Excel (1-based)
    values: tuple  # one value per header column: str, int, float, datetime, bool or None


@dataclass(frozen=True)
class SheetTable:
    """A table found in a sheet: its header row and the rows below it."""

    path: str
    sheet: str
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[SheetRow, ...]

    def column_letter(self, index: int) -> str:
        return get_column_letter(index + 1)


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ---------------------------------------------------------------------------------------------
# Entry points


def sheet_names(path: str | Path) -> list[str]:
    """The sheets of a workbook (one pseudo-sheet for a CSV file)."""
    path = Path(path)
    if _kind(path) == "csv":
        return [path.stem]
    with _open_workbook(path) as wb:
        return list(wb.sheetnames)


def read_table(path: str | Path, sheet: str | None = None, *, header_row: int | None = None,
               progress: OnProgress | None = None) -> SheetTable:
    """The table of one sheet (the first if None): header row found, rows as typed values."""
    path = Path(path)
    if _kind(path) == "csv":
        name = path.stem
        rows = _csv_rows(path)
        return _table(path, name, rows, header_row, progress, _csv_beyond)
    with _open_workbook(path) as wb:
        name = sheet or wb.sheetnames[0]
        if name not in wb.sheetnames:
            raise FileFormatError(_("There is no sheet named {sheet}; the workbook has: {names}.").format(
                sheet=name, names=", ".join(wb.sheetnames)), path=str(path))
        beyond, source = wb.rows(name)
        with _parsing(path, name):
            return _table(path, name, source, header_row, progress, beyond)


def read_sheets(path: str | Path, names: list[str] | None = None) -> dict[str, SheetTable]:
    """Several sheets of one workbook at once, each with its header on the first row."""
    path = Path(path)
    out = {}
    with _open_workbook(path) as wb:
        for name in wb.sheetnames:
            if names is not None and name not in names:
                continue
            beyond, source = wb.rows(name)
            with _parsing(path, name):
                out[name] = _table(path, name, source, 1, None, beyond)
    return out


# ---------------------------------------------------------------------------------------------
# Header row and table


def find_header_row(rows: list[tuple]) -> int:
    """Index (0-based) of the header: the first row with the most text cells.

    A title above (often merged over the table's width) has one text cell; a group header above
    the real one has fewer cells than the row that names every column.
    """
    best, best_score = None, 0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = sum(1 for v in row if isinstance(v, str) and v.strip())
        if score > best_score:
            best, best_score = i, score
    if best is None:  # a one-column list has a one-cell header
        raise FileFormatError(_("No header row found: the first rows should name the columns."))
    return best


def read_rows(path: str | Path, sheet: str | None = None) -> tuple[str, list[tuple[int, tuple]]]:
    """Every non-empty row of a sheet (the first if None) with its number, through every check of
    `read_table` but without looking for a header (the registration-list reader finds its own)."""
    path = Path(path)
    if _kind(path) == "csv":
        return path.stem, list(_bounded_rows(path, path.stem, _csv_rows(path), _csv_beyond))
    with _open_workbook(path) as wb:
        name = sheet or wb.sheetnames[0]
        beyond, source = wb.rows(name)
        with _parsing(path, name):
            return name, list(_bounded_rows(path, name, source, beyond))


def _table(path: Path, sheet: str, source, header_row: int | None, progress: OnProgress | None,
           beyond=None) -> SheetTable:
    with no_cyclic_gc():  # a row object per row, no cycles
        return _table_of(path, sheet, source, header_row, progress, beyond)


def _table_of(path: Path, sheet: str, source, header_row: int | None, progress: OnProgress | None,
              beyond) -> SheetTable:
    rows = _bounded_rows(path, sheet, source, beyond)
    head: list[tuple[int, tuple]] = []
    for item in rows:
        head.append(item)
        if len(head) >= HEADER_SCAN_ROWS:
            break
    if header_row is None:
        try:
            index = find_header_row([r for _n, r in head])
        except FileFormatError as exc:
            raise FileFormatError(exc.message, path=str(path), sheet=sheet) from None
    else:
        index = next((i for i, (n, _r) in enumerate(head) if n == header_row), None)
        if index is None:
            raise FileFormatError(_("The header row {row} is empty or missing.").format(row=header_row),
                                  path=str(path), sheet=sheet)
    number, header_values = head[index]
    width = max((i + 1 for i, v in enumerate(header_values) if not is_empty(v)), default=0)
    headers = tuple(_header_text(header_values[i] if i < len(header_values) else None, i) for i in range(width))
    body: list[SheetRow] = []

    def add(n: int, values: tuple) -> None:
        values = values[:width] + (None,) * (width - len(values)) if len(values) != width else values
        if values.count(None) < width:  # cells beyond the header may have held the only values
            body.append(SheetRow(n, values))
            if progress and len(body) % 2000 == 0:
                progress(min(90, len(body) // 200), _("{n} rows read").format(n=len(body)))

    for n, values in head[index + 1:]:
        add(n, values)
    for n, values in rows:
        add(n, values)
    return SheetTable(str(path), sheet, number, headers, tuple(body))


def _header_text(value, index: int) -> str:
    if is_empty(value):
        return _("Column {letter}").format(letter=get_column_letter(index + 1))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return " ".join(str(value).split())


def _clean(value):
    """Blank text is an empty cell; everything else keeps its Excel type."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, dt.time):  # a time-only cell; keep it readable
        return value.strftime("%H:%M")
    return value


def _bounded_rows(path: Path, sheet: str, source, beyond=None) -> Iterator[tuple[int, tuple]]:
    """Number the rows, skip empty ones, stop after a long run of them; refuse absurd sizes.

    Nothing is dropped without a word: a value past the last column read, or a row with data after
    the run of empty rows that ends the sheet (`beyond(source, row)` finds it), is refused by name.
    """
    empty_run = 0
    cleaned = isinstance(source, _Cleaned)
    for number, raw in enumerate(source, start=1):
        row = raw if cleaned else tuple(map(_clean, raw[:MAX_COLUMNS])) if raw else ()
        if raw and len(raw) > MAX_COLUMNS:
            _refuse_wide(path, sheet, number, raw)
        if row.count(None) == len(row):
            empty_run += 1
            if empty_run >= MAX_EMPTY_RUN:
                later = beyond(path, sheet, source, number) if beyond else None
                if later is not None:
                    raise FileFormatError(_(
                        "Row {row} holds data after more than {n} empty rows; it would not be read. Delete the "
                        "empty rows above it (or move the data up) and import again.").format(
                        row=later, n=MAX_EMPTY_RUN), path=str(path), sheet=sheet, row=later)
                return
            continue
        empty_run = 0
        if number > MAX_ROWS:
            raise FileFormatError(_("The sheet has more than {n} rows.").format(n=MAX_ROWS), path=str(path),
                                  sheet=sheet)
        yield number, row


def _refuse_wide(path: Path, sheet: str, number: int, raw) -> None:
    extra = next((i for i in range(MAX_COLUMNS, len(raw)) if not is_empty(_clean(raw[i]))), None)
    if extra is not None:
        raise FileFormatError(_("Row {row} has a value in column {column}, past the {n} columns that are read; "
                                "move it into the table or delete it.").format(
            row=number, column=get_column_letter(extra + 1), n=MAX_COLUMNS), path=str(path), sheet=sheet, row=number)


def _csv_beyond(_path: Path, _sheet: str, source, number: int) -> int | None:
    """The first row with a value after the empty run (the CSV is in memory: a cheap look)."""
    for later, raw in enumerate(source, start=number + 1):
        if any(not is_empty(v) for v in raw):
            return later
    return None


def _check_extent(path: Path, sheet: str, book=None):
    """Refuse a sheet with more rows than are read before parsing it; return the `beyond` check and,
    when calamine (`book`) reads this sheet as openpyxl would, its rows (else None)."""
    from clustermanager.io import sheet_calamine, sheet_scan

    with zipfile.ZipFile(path) as zf:
        part = sheet_scan.sheet_part(zf, sheet)
        if part is None:
            return None, None
        shape = sheet_scan.shape(zf, part)
        fast = book is not None and sheet_calamine.readable(zf, shape, max_columns=MAX_COLUMNS,
                                                             max_empty_run=MAX_EMPTY_RUN)
    rows = shape.rows
    if rows > MAX_ROWS:
        raise FileFormatError(_("The sheet has {rows} rows; at most {n} are read. Split it into smaller sheets.")
                              .format(rows=rows, n=MAX_ROWS), path=str(path), sheet=sheet)

    def beyond(_path, _sheet, _source, number: int) -> int | None:
        with zipfile.ZipFile(path) as zf:
            last = sheet_scan.extent(zf, part).last_value_row
        return last if last is not None and last > number else None

    rows = sheet_calamine.rows(book, sheet) if fast else None
    return beyond, (_Cleaned(rows) if rows is not None else None)


class _Cleaned(list):
    """Rows whose values are already as `_clean` makes them (calamine's, io/sheet_calamine.py)."""


# ---------------------------------------------------------------------------------------------
# Workbooks: checks before openpyxl


def _kind(path: Path) -> str:
    if not path.is_file():
        raise FileFormatError(_("The file does not exist."), path=str(path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileFormatError(_("The file is too large ({mb} MB).").format(mb=size // 2**20), path=str(path))
    if path.suffix.lower() in (".csv", ".txt", ".tsv"):
        return "csv"
    return "xlsx"


def check_workbook(path: Path) -> None:
    """Refuse what is not a plain .xlsx workbook before any XML is parsed."""
    with open(path, "rb") as fh:
        magic = fh.read(8)
    if magic == _OLE2:
        raise FileFormatError(_("This workbook is password-protected or in the old .xls format. Open it in Excel "
                                "and save it as an .xlsx workbook without a password."), path=str(path))
    if magic[:4] != _ZIP:
        raise FileFormatError(_("This is not an Excel workbook (.xlsx), whatever its name says."), path=str(path))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_zip(path, infos)
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise FileFormatError(_("This zip file is not an Excel workbook."), path=str(path))
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    _check_prolog(path, zf, info)
    except zipfile.BadZipFile as exc:
        raise FileFormatError(_("The workbook is damaged (not a readable zip file)."), path=str(path)) from exc


def _check_zip(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ZIP_ENTRIES:
        raise FileFormatError(_("The workbook has too many parts to be a real workbook."), path=str(path))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (info.file_size > 10 * 2**20 and ratio > MAX_RATIO):
            raise FileFormatError(_("The workbook unpacks to far more data than it holds (a zip bomb); "
                                    "it was not opened."), path=str(path))


def _check_prolog(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """A DOCTYPE (entity definitions) sits before the root element; workbooks never have one."""
    with zf.open(info) as part:
        head = part.read(64 * 1024)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise FileFormatError(_("The workbook contains XML entity definitions (an XML bomb); it was not opened."),
                              path=str(path))


@contextlib.contextmanager
def _parsing(path: Path, sheet: str):
    """A sheet is parsed while it is read (read-only mode): its XML faults surface here."""
    try:
        yield
    except DefusedXmlException as exc:
        raise FileFormatError(_("The workbook contains XML entity definitions (an XML bomb); it was not read."),
                              path=str(path), sheet=sheet) from exc
    except (ParseError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise FileFormatError(_("The sheet is damaged and cannot be read ({error}).").format(
            error=type(exc).__name__), path=str(path), sheet=sheet) from exc


def _caused_by(exc: BaseException | None, kind: type) -> bool:
    while exc is not None:
        if isinstance(exc, kind):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


class _open_workbook:
    """Context manager: the checked workbook, closed afterwards. A plain sheet is read at once by
    calamine (io/sheet_calamine.py), any other by openpyxl in read-only mode, streaming."""

    def __init__(self, path: Path):
        self.path = path
        self.wb = self.book = None
        self.sheetnames: list[str] = []

    def __enter__(self):
        from clustermanager.io import sheet_calamine

        _kind(self.path)
        check_workbook(self.path)
        self.book = sheet_calamine.open_book(self.path)
        names = sheet_calamine.sheet_names(self.book) if self.book is not None else None
        if names is None:
            self._openpyxl()
        else:
            self.sheetnames = names
        return self

    def rows(self, name: str):
        """The `beyond` check and the sheet's rows (openpyxl's values)."""
        beyond, rows = _check_extent(self.path, name, self.book)
        if rows is not None:
            return beyond, rows
        ws = self._openpyxl()[name]
        ws.reset_dimensions()  # never trust the declared size: it may claim a million rows
        return beyond, ws.iter_rows(values_only=True)

    def _openpyxl(self):
        if self.wb is not None:
            return self.wb
        from openpyxl import load_workbook

        try:
            self.wb = load_workbook(self.path, read_only=True, data_only=True, keep_links=False)
        except Exception as exc:  # openpyxl raises many kinds on a damaged file; they are all the file's fault
            if _caused_by(exc, DefusedXmlException):
                raise FileFormatError(_("The workbook contains XML entity definitions (an XML bomb); it was not "
                                        "opened."), path=str(self.path)) from exc
            raise FileFormatError(_("The workbook cannot be read ({error}).").format(error=type(exc).__name__),
                                  path=str(self.path)) from exc
        self.sheetnames = list(self.wb.sheetnames)
        return self.wb

    def __exit__(self, *exc):
        if self.wb is not None:
            self.wb.close()
        if self.book is not None:
            self.book.close()
        return False


# ---------------------------------------------------------------------------------------------
# CSV


def decode_csv(data: bytes) -> str:
    """UTF-16 (Excel's "Unicode Text", with or without byte-order mark), UTF-8 (with or without BOM), else
    Windows-1252 (Excel on a Belgian PC)."""
    return decode_text(data)


def detect_delimiter(text: str) -> str:
    """The separator that splits the first lines into the most fields (Belgian Excel writes ';')."""
    sample = "\n".join(text.splitlines()[:50])
    best, best_fields = ";", 0
    for delimiter in (";", ",", "\t"):
        try:
            fields = sum(len(r) - 1 for r in csv.reader(io.StringIO(sample), delimiter=delimiter))
        except csv.Error:  # a field beyond csv's size limit: this is not the separator
            continue
        if fields > best_fields:
            best, best_fields = delimiter, fields
    return best


def _csv_rows(path: Path) -> Iterator[tuple]:
    data = path.read_bytes()
    if data[:4] == _ZIP or data[:8] == _OLE2:
        raise FileFormatError(_("This is a workbook, not a CSV file; give it the .xlsx extension."), path=str(path))
    text = decode_csv(data)
    refuse_nul(text, str(path))
    reader = csv.reader(io.StringIO(text), delimiter=detect_delimiter(text))
    try:
        for row in reader:
            yield tuple(row)
    except csv.Error as exc:
        raise FileFormatError(_("The CSV file cannot be read: {error}").format(error=exc), path=str(path),
                              row=reader.line_num) from exc
