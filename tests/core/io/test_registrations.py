"""Reading registration lists: CSV in two encodings and separators, Excel, and malformed files."""

from __future__ import annotations

from pathlib import Path

import pytest

from clustermanager.errors import FileFormatError
from clustermanager.io.registrations import read_registrations

DATA = Path(__file__).parents[2] / "data" / "registrations"


def test_english_csv_with_first_and_last_name():
    rows = read_registrations(DATA / "eventbrite_en.csv")
    assert len(rows) == 7
    first = rows[0]
    assert (first.row, first.name, first.email, first.organisation, first.attended) == (
        2, "Ann Aerts", "ann@alpha.be", "Alpha", True)
    assert rows[1].attended is False
    assert rows[3].email is None and rows[3].organisation is None


def test_dutch_windows_1252_csv_with_semicolons():
    rows = read_registrations(DATA / "teams_nl_windows1252.csv")
    assert [(r.name, r.email, r.organisation) for r in rows] == [
        ("Zoë Vermeulen", "zoe@extern.be", "Stad Gent"), ("Cas Claes", "cas@beta.be", "Beta")]
    assert rows[0].attended is None  # no attendance column


def test_french_workbook_with_a_title_above_the_header():
    rows = read_registrations(DATA / "inscriptions_fr.xlsx")
    assert [(r.row, r.name, r.organisation, r.attended) for r in rows] == [
        (4, "Hélène Lefèvre", "Gamma", True), (5, "Ann Aerts", "Alpha NV", False)]


@pytest.mark.parametrize(("name", "row", "column", "words"), [
    ("no_name_column.csv", 1, None, "names"),
    ("bad_email.csv", 3, "Email", "e-mail"),
    ("missing_name.csv", 3, "Name", "no name"),
    ("empty.csv", None, None, "empty"),
    ("broken.xlsx", None, None, "not an Excel workbook"),
])
def test_malformed_files_name_the_row_and_column(name, row, column, words):
    with pytest.raises(FileFormatError) as exc:
        read_registrations(DATA / name)
    assert (exc.value.row, exc.value.column) == (row, column)
    assert words in str(exc.value)
    assert name in str(exc.value)


def test_old_excel_and_other_files_are_refused(tmp_path):
    for suffix in (".xls", ".pdf"):
        path = tmp_path / f"list{suffix}"
        path.write_bytes(b"x")
        with pytest.raises(FileFormatError):
            read_registrations(path)


def test_workbook_errors_name_the_sheet_and_a_file_without_header_names_no_row(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Inschrijvingen"
    workbook.active.append(["Naam", "E-mail"])
    workbook.active.append(["An Peeters", "an@@example"])
    workbook.save(tmp_path / "list.xlsx")
    with pytest.raises(FileFormatError) as exc:
        read_registrations(tmp_path / "list.xlsx")
    assert (exc.value.sheet, exc.value.row, exc.value.column) == ("Inschrijvingen", 2, "E-mail")
    (tmp_path / "plain.csv").write_text("just some text\nand more\n", encoding="utf-8")
    with pytest.raises(FileFormatError) as exc:
        read_registrations(tmp_path / "plain.csv")
    assert exc.value.row is None and "Name" in str(exc.value)


@pytest.mark.parametrize(("header", "values", "expected"), [
    ("Attendee Status", ["Checked In", "Attending", "Not Attending"], [True, False, False]),  # Eventbrite
    ("Check-in time", ["2025-05-02 09:14", "", "09:20"], [True, False, True]),
    ("Checked in at", ["02/05/2025 09:14", "-", "2025-05-02T09:14:00"], [True, False, True]),
    ("First Join", ["5/2/25, 9:01:12 AM", "", "5/2/25, 9:30:00 AM"], [True, False, True]),  # Teams report
    ("Aanwezig", ["ja", "nee", "x"], [True, False, True]),
    ("Présent", ["oui", "non", "Oui"], [True, False, True]),
    ("Attended", ["yes", "no", "1"], [True, False, True]),
])
def test_the_attendance_columns_and_values_of_common_tools(tmp_path, header, values, expected):
    path = tmp_path / "list.csv"
    lines = ["Name,Email," + header] + [f'P{i},p{i}@x.be,"{value}"' for i, value in enumerate(values)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [r.attended for r in read_registrations(path)] == expected


def test_an_attendance_value_not_understood_is_reported_with_its_row(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Name,Aanwezig\nAnn,ja\nBob,misschien\n", encoding="utf-8")
    with pytest.raises(FileFormatError) as exc:
        read_registrations(path)
    assert exc.value.row == 3 and exc.value.column == "Aanwezig" and "misschien" in str(exc.value)
