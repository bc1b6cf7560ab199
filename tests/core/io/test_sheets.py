"""The spreadsheet reader: tables found under titles, CSV as Belgian Excel writes it, hostile files refused."""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc
import zipfile

import pytest

from clustermanager.errors import FileFormatError
from clustermanager.io.sheets import MAX_EMPTY_RUN, detect_delimiter, read_table, sheet_names
from tests.core.io.sheetgen import XML_BOMB, csv_file, inline_row, replace_part, sheet_xml, workbook

HEADER = ["Naam", "Ondernemingsnummer", "Lid sinds"]


def test_header_found_on_row_3_under_a_merged_title(tmp_path):
    path = workbook(tmp_path / "leden.xlsx", [HEADER, ["Acme NV", "0417.497.106", dt.date(2021, 3, 15)]],
                    title="Ledenlijst 2025")
    table = read_table(path)
    assert table.header_row == 3
    assert table.headers == tuple(HEADER)
    assert table.rows[0].number == 4
    assert table.rows[0].values == ("Acme NV", "0417.497.106", dt.datetime(2021, 3, 15))


def test_numbers_keep_their_excel_type_and_empty_header_cells_get_a_letter(tmp_path):
    path = workbook(tmp_path / "x.xlsx", [["Naam", None, "Bedrag"], ["A", 417497106, 12.5]])
    table = read_table(path)
    assert table.headers == ("Naam", "Column B", "Bedrag")
    assert table.rows[0].values == ("A", 417497106, 12.5)


def test_semicolon_csv_in_windows_1252(tmp_path):
    path = csv_file(tmp_path / "leden.csv", [["Ledenlijst"], ["Naam", "Gemeente", "Bedrag"],
                                             ["Brouwerij Één", "Liège", "1.234,56"]])
    table = read_table(path)
    assert table.header_row == 2
    assert table.headers == ("Naam", "Gemeente", "Bedrag")
    assert table.rows[0].values == ("Brouwerij Één", "Liège", "1.234,56")


def test_a_field_beyond_the_csv_size_limit_does_not_break_separator_detection(tmp_path):
    text = "Naam;Opmerking\r\n" + "x;" * 200_000  # split on ',' it is one field past csv's 128 KiB limit
    assert detect_delimiter(text) == ";"
    path = tmp_path / "long.csv"
    path.write_bytes(text.encode())
    with pytest.raises(FileFormatError, match="column ALM, past the 1000 columns"):  # said, not dropped
        read_table(path)


def test_comma_csv_in_utf8_with_bom(tmp_path):
    path = csv_file(tmp_path / "l.csv", [["Name", "Municipality"], ["Łódź Tech, Ltd", "Genk"]], delimiter=",",
                    encoding="utf-8", bom=True)
    table = read_table(path)
    assert table.headers == ("Name", "Municipality")
    assert table.rows[0].values == ("Łódź Tech, Ltd", "Genk")
    assert sheet_names(path) == ["l"]


def test_unknown_sheet_is_named_in_the_error(tmp_path):
    path = workbook(tmp_path / "x.xlsx", [HEADER])
    with pytest.raises(FileFormatError, match="Leden"):
        read_table(path, "Blad1")


# ---------------------------------------------------------------------------------------------
# Hostile files: refused without memory growth (how fast: benchmarks/bench_hostile.py; the time
# bound here only catches a hang, a loaded machine must not fail it)

HANG_GUARD_SECONDS = 30


def _refused(path, match: str, *, seconds: float = HANG_GUARD_SECONDS) -> None:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(FileFormatError, match=match):
            read_table(path)
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < seconds, elapsed
    assert peak < 50 * 2**20, peak


def test_renamed_file_is_refused(tmp_path):
    path = tmp_path / "leden.xlsx"
    path.write_bytes(b"%PDF-1.4 this is a pdf\n" * 100)
    _refused(path, "not an Excel workbook")


def test_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("photo.jpg", b"jpeg")
    _refused(path, "not an Excel workbook")


def test_password_protected_workbook_is_refused(tmp_path):
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    _refused(path, "password-protected")


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = workbook(tmp_path / "bomb.xlsx", [HEADER])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/padding.bin", b"\x00" * (40 * 2**20))
    _refused(path, "zip bomb")


def test_xml_bomb_is_refused(tmp_path):
    path = workbook(tmp_path / "lol.xlsx", [HEADER, ["a", "b", "c"]])
    replace_part(path, "xl/worksheets/sheet1.xml", XML_BOMB.encode())
    _refused(path, "XML bomb")


def test_xml_bomb_hidden_after_padding_is_still_refused(tmp_path):
    """Past the quick prolog check, defusedxml inside openpyxl refuses the entities."""
    path = workbook(tmp_path / "lol.xlsx", [HEADER, ["a", "b", "c"]])
    padded = XML_BOMB.replace("\n<!DOCTYPE", "\n" + " " * 70_000 + "<!DOCTYPE", 1)
    replace_part(path, "xl/worksheets/sheet1.xml", padded.encode())
    _refused(path, "XML bomb")


def test_sheet_declaring_a_million_rows_stops_after_the_data(tmp_path):
    path = workbook(tmp_path / "big.xlsx", [["x"]])
    rows = inline_row(1, HEADER) + inline_row(2, ["Acme", "0417497106", "2021-03-15"])
    replace_part(path, "xl/worksheets/sheet1.xml", sheet_xml(rows, "A1:XFD1048576"))
    table = read_table(path)
    assert [r.values[0] for r in table.rows] == ["Acme"]


def test_a_row_after_a_million_empty_rows_is_named_not_dropped(tmp_path):
    """Issue 16, point 12: the data row far below used to vanish without a word."""
    path = workbook(tmp_path / "big.xlsx", [["x"]])
    rows = inline_row(1, HEADER) + inline_row(2, ["Acme", "0417497106", "2021-03-15"])
    rows += '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>far away</t></is></c></row>'
    replace_part(path, "xl/worksheets/sheet1.xml", sheet_xml(rows, "A1:XFD1048576"))
    with pytest.raises(FileFormatError, match="Row 1048576 holds data after") as caught:
        read_table(path)
    assert caught.value.row == 1048576


def test_sheet_of_empty_rows_is_refused(tmp_path):
    path = workbook(tmp_path / "empty.xlsx", [["x"]])
    rows = "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(1, 3 * MAX_EMPTY_RUN))
    replace_part(path, "xl/worksheets/sheet1.xml", sheet_xml(rows, "A1:XFD1048576"))
    _refused(path, "No header row")
