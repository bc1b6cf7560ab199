"""Real-looking and hostile spreadsheets, generated inside the tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font


def workbook(path: Path, rows: list[list], *, title: str | None = None, merge_title: bool = True,
             sheet: str = "Leden") -> Path:
    """A sheet as people make them: optionally a merged title and an empty row above the header."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws["A1"].font = Font(bold=True, size=14)
        if merge_title:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(rows[0]), 2))
        ws.append([])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def csv_file(path: Path, rows: list[list], *, delimiter: str = ";", encoding: str = "cp1252",
             bom: bool = False) -> Path:
    lines = [delimiter.join(_csv_field(v, delimiter) for v in row) for row in rows]
    data = "\r\n".join(lines).encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def _csv_field(value, delimiter: str) -> str:
    text = "" if value is None else str(value)
    return f'"{text}"' if delimiter in text or '"' in text else text


def replace_part(path: Path, part: str, content: bytes) -> Path:
    """Rewrite one part of an .xlsx (the zip is rebuilt)."""
    with zipfile.ZipFile(path) as zf:
        items = [(i, zf.read(i.filename)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in items:
            zf.writestr(info.filename, content if info.filename == part else data)
    return path


def sheet_xml(rows_xml: str, dimension: str = "A1:C3") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows_xml}</sheetData></worksheet>'
    ).encode()


def inline_row(number: int, values: list[str]) -> str:
    cells = "".join(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
                    for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


XML_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">' for i in range(9))
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c><c r="B1" t="inlineStr"><is><t>&lol8;</t></is></c>'
    '</row></sheetData></worksheet>'
)
