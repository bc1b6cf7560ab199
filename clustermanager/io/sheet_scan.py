"""A fast look at a sheet's XML before openpyxl parses it: how many rows, and where the last value is.

openpyxl needs about 30 microseconds a row; a 3 MB sheet of 600,000 rows then takes 18 s to be
refused. Counting the `<row` tags of the decompressed XML takes a fraction of a second, so an
oversize sheet is refused at once. When reading stops after a long run of empty rows, the same scan
says whether a value lies beyond, so that nothing is dropped without a word.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from defusedxml import ElementTree

CHUNK = 4 * 1024 * 1024
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_PLAIN_ROW_TAG = re.compile(rb"<row[\s>/]")
# A cell that is not self-closing holds a value (<c r="B7" t="s"><v>3</v></c>); `<c r="B7" s="1"/>` is only format.
_VALUE_CELL = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,3})(\d+)\"[^>]*(?<!/)>")
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass(frozen=True)
class SheetExtent:
    rows: int  # <row> elements in the XML (empty ones included)
    last_value_row: int | None  # the highest row number holding a value; None when unknown
    widest_column: int  # the highest column number holding a value (1 = A); 0 when unknown


def sheet_part(zf: zipfile.ZipFile, sheet: str | None) -> str | None:
    """The zip member holding the sheet named `sheet` (the first if None), or None if it cannot be told."""
    try:
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, ValueError):
        return None
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    for element in book.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        if sheet is None or element.get("name") == sheet:
            target = targets.get(element.get(_REL_NS), "")
            path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            return path if path in zf.namelist() else None
    return None


def _blocks(zf: zipfile.ZipFile, part: str) -> Iterator[tuple[bytes, int]]:
    """The part's XML a chunk at a time (memory stays at one chunk), each with `cut`, where its last
    whole tag ends: a tag split between two chunks waits for the next one."""
    tail = b""
    with zf.open(part) as fh:
        while True:
            chunk = fh.read(CHUNK)
            data = tail + chunk
            cut = len(data) if not chunk else max(0, data.rfind(b"<"))
            yield data, cut
            tail = data[cut:]
            if not chunk:
                return


def count_rows(zf: zipfile.ZipFile, part: str) -> int:
    """The number of <row> elements, streaming."""
    return sum(_count_rows(data, cut) for data, cut in _blocks(zf, part))


def _count_rows(data: bytes, cut: int) -> int:
    """`<row` tags before `cut`, as _ROW_TAG counts them (a literal scan when no tag has a prefix)."""
    if data.find(b":row", 0, cut) >= 0:
        return len(_ROW_TAG.findall(data, 0, cut))
    return len(_PLAIN_ROW_TAG.findall(data, 0, cut))


def extent(zf: zipfile.ZipFile, part: str) -> SheetExtent:
    """Rows, last row with a value and widest column with a value (a full scan: only when needed)."""
    rows, last, widest = 0, None, 0
    for data, cut in _blocks(zf, part):
        block = data[:cut]
        rows += len(_ROW_TAG.findall(block))
        for letters, number in _VALUE_CELL.findall(block):
            n = int(number)
            last = n if last is None or n > last else last
            widest = max(widest, _column_number(letters))
    return SheetExtent(rows, last, widest)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


# ---------------------------------------------------------------------------------------------
# The shape of a sheet, for the in-memory reader (io/sheet_calamine.py)

# Cell tags as every writer makes them: `<c r="B7" ...>`, the position first. The in-memory reader
# allocates the whole area up to the farthest position, so it is used only when every cell tag has
# this form (then the positions below are all of them) and that area is small.
_CELL_REF = re.compile(rb'<c r="([A-Za-z]{1,3})(\d{1,7})"')
_CELL_OPENINGS = (b"<c ", b"<c>", b"<c/", b"<c\t", b"<c\n", b"<c\r")
_PREFIXED_CELL = re.compile(rb":c[\s/>]")  # <x:c ...>: a prefixed cell tag
# What the in-memory reader gives differently from openpyxl (tests/core/io/test_sheet_readers.py):
# error cells (it gives ""), _xHHHH_ escapes (it decodes them, openpyxl keeps them), phonetic runs
# in text, ISO dates (t="d": openpyxl gives a date-only one as a date) ...
_UNUSUAL = (b't="e"', b"t='e'", b't="d"', b"t='d'", b"_x", b"rPh")
# ... and numbers whose text says more than a float holds: 16 digits or more (openpyxl gives the
# exact int), an exponent or a whole number written with a point (openpyxl gives a float, "4" an int),
# and negative ones (in a date format calamine gives only the time of day).
_ODD_NUMBER = re.compile(rb"<v>\s*(?:-|\d{16}|[\d.]*[Ee]|\d+\.0*\s*<)")


@dataclass(frozen=True)
class SheetShape:
    rows: int  # <row> elements, as count_rows
    canonical: bool  # every cell tag is `<c r="A1"...`
    last_row: int  # the highest row number of a cell (0 when none)
    last_column: int  # the highest column of a cell (1 = A; 0 when none)
    unusual: bool  # error cells, escapes or phonetic runs


def shape(zf: zipfile.ZipFile, part: str) -> SheetShape:
    """Rows, and the area the cells span, streaming through the XML once."""
    rows = last_row = 0
    canonical, unusual = True, False
    letters: set[bytes] = set()
    for data, cut in _blocks(zf, part):
        rows += _count_rows(data, cut)
        if canonical:
            refs = _CELL_REF.findall(data, 0, cut)
            tags = sum(data.count(opening, 0, cut) for opening in _CELL_OPENINGS)
            canonical = tags == len(refs) and _PREFIXED_CELL.search(data, 0, cut) is None
            if refs:
                letters.update({a for a, _n in refs})
                last_row = max(last_row, max(map(int, {n for _a, n in refs})))
        unusual = (unusual or any(data.find(mark, 0, cut) >= 0 for mark in _UNUSUAL)
                   or _ODD_NUMBER.search(data, 0, cut) is not None)
    last_column = max((_column_number(a.upper()) for a in letters), default=0)
    return SheetShape(rows, canonical, last_row, last_column, unusual)


def has_unusual_text(zf: zipfile.ZipFile, part: str) -> bool:
    """_xHHHH_ escapes or phonetic runs in a part (the shared strings)."""
    return any(data.find(mark, 0, cut) >= 0 for data, cut in _blocks(zf, part) for mark in _UNUSUAL[4:])
