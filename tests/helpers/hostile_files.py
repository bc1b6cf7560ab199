"""Hostile files for every importer, built inside the tests (nothing large is kept in the repository).

Each builder writes one file into a folder and returns its path; `build_all(folder)` makes them all.
Cheap by design: a 201 MB CSV is a sparse file (no disk blocks), the zip bomb compresses 60 MB of one
byte, the 510,000-row sheet is 20 MB of XML compressed to a few hundred KB.
"""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

MB = 1024 * 1024
_SHEET = "xl/worksheets/sheet1.xml"


def _workbook_with_sheet(path: Path, sheet_xml: bytes, *, ratio_bomb: bool = False) -> Path:
    """A real workbook made by openpyxl whose first sheet's XML is replaced."""
    wb = Workbook()
    wb.active.append(["Name", "E-mail"])
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9 if ratio_bomb else 6) as zf:
        for name, data in parts:
            zf.writestr(name, sheet_xml if name == _SHEET else data)
    return path


def _sheet(rows: str, dimension: str = "A1:XFD1048576") -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>').encode()


def _cell_row(n: int, *values: str) -> str:
    cells = "".join(f'<c r="{chr(65 + i)}{n}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values))
    return f'<row r="{n}">{cells}</row>'


def declares_the_whole_sheet(folder: Path) -> Path:
    """1.7 KB that declares A1:XFD1048576 and holds a header and one person far below a million empty rows."""
    rows = _cell_row(1, "Name", "E-mail") + _cell_row(1_048_576, "Ann Smith", "ann@example.org")
    return _workbook_with_sheet(folder / "whole_sheet.xlsx", _sheet(rows))


def zip_bomb(folder: Path) -> Path:
    """60 MB of one repeated byte in the sheet part: unpacks hundreds of times larger than it is."""
    filler = b" " * (60 * MB)
    return _workbook_with_sheet(folder / "zip_bomb.xlsx", _sheet(_cell_row(1, "Name")).replace(b"<sheetData>",
                                filler + b"<sheetData>"), ratio_bomb=True)


def too_many_rows(folder: Path) -> Path:
    """510,000 rows of one small cell (a few MB on disk): refused before openpyxl parses them."""
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 510_001))
    return _workbook_with_sheet(folder / "many_rows.xlsx", _sheet(_cell_row(1, "Name") + rows[30:], "A1:A510000"))


def past_the_last_column(folder: Path) -> Path:
    rows = _cell_row(1, "Name", "E-mail") + ('<row r="2"><c r="A2" t="inlineStr"><is><t>Ann</t></is></c>'
                                             '<c r="ALN2" t="inlineStr"><is><t>hidden</t></is></c></row>')
    return _workbook_with_sheet(folder / "wide.xlsx", _sheet(rows))


def far_corner(folder: Path) -> Path:
    """A value in the sheet's last column far below: a reader that allocates the area up to the farthest
    cell at once (calamine) would ask for hundreds of GB; io/sheets streams such a sheet instead."""
    rows = _cell_row(1, "Name", "E-mail") + '<row r="400000"><c r="XFD400000"><v>1</v></c></row>'
    return _workbook_with_sheet(folder / "far_corner.xlsx", _sheet(rows))


def far_cell_out_of_form(folder: Path) -> Path:
    """As far_corner, with the cell's position not its first attribute (a scan for `<c r=` misses it)."""
    rows = _cell_row(1, "Name", "E-mail") + '<row r="300000"><c t="n" r="ZZ300000"><v>1</v></c></row>'
    return _workbook_with_sheet(folder / "far_cell_out_of_form.xlsx", _sheet(rows))


def entity_bomb_in_a_part(folder: Path) -> Path:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>')
    return _workbook_with_sheet(folder / "entities.xlsx", bomb)


def huge_csv(folder: Path) -> Path:
    """201 MB, sparse: refused on its size before a byte is read."""
    path = folder / "huge.csv"
    with open(path, "wb") as fh:
        fh.write(b"Name;E-mail\n")
        fh.truncate(201 * MB)
    return path


def utf16_without_bom_with_nul(folder: Path) -> Path:
    path = folder / "utf16_nul.csv"
    path.write_bytes("Name\tE-mail\nAnn\x00Smith\tann@example.org\n".encode("utf-16-le"))
    return path


def nul_bytes(folder: Path) -> Path:
    path = folder / "nul.csv"
    path.write_bytes(b"Name;E-mail\nAnn\x00;ann@example.org\n")
    return path


def truncated_database(folder: Path) -> Path:
    path = _database(folder / "truncated.cmdb")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def database_with_a_corrupt_page(folder: Path) -> Path:
    path = _database(folder / "corrupt.cmdb")
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name='member' AND pagetype='leaf'")]
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((pages[len(pages) // 2] - 1) * page_size + 8)
        fh.write(b"\xff" * 64)
    return path


def _database(path: Path) -> Path:
    import datetime as dt

    from clustermanager.db import open_database
    from clustermanager.services import members as svc

    db = open_database(path)
    with db.session() as s:
        for i in range(300):
            svc.create_member(s, svc.MemberInput(name=f"Member {i:04d} " + "x" * 60, kind="company",
                                                 joined_on=dt.date(2020, 1, 1)))
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    return path


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "whole sheet declared, data far below": declares_the_whole_sheet,
    "zip bomb": zip_bomb,
    "510,000 rows": too_many_rows,
    "value past column 1000": past_the_last_column,
    "a value in the last column, far below": far_corner,
    "a far cell whose position is not its first attribute": far_cell_out_of_form,
    "XML entities in a sheet": entity_bomb_in_a_part,
    "201 MB CSV": huge_csv,
    "UTF-16 without BOM, with a NUL": utf16_without_bom_with_nul,
    "NUL byte in a CSV": nul_bytes,
    "truncated database": truncated_database,
    "database with a corrupt page": database_with_a_corrupt_page,
}


def build_all(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {label: build(folder) for label, build in BUILDERS.items()}
