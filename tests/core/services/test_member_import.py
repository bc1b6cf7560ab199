"""Member import from real-looking sheets: what is imported, what is refused and why."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from clustermanager.errors import FileFormatError
from clustermanager.io.mapping import propose_mapping
from clustermanager.io.sheets import read_table
from clustermanager.models import Contact, Member, MemberKind, SizeClass
from clustermanager.services.member_import import (
    RowStatus,
    import_members,
    preview_member_import,
    write_error_report,
)
from clustermanager.services.members import MemberInput, create_member, get_member
from tests.core.io.sheetgen import csv_file, workbook

DUTCH = ["Naam", "Ondernemingsnummer", "Type", "Grootte", "Lid sinds", "Postcode", "Gemeente", "Voornaam",
         "Achternaam", "E-mail contactpersoon", "Toestemming"]


def _import(db, path, **kw):
    table = read_table(path)
    with db.session() as s:
        result = import_members(s, table, propose_mapping(table.headers), **kw)
    return table, result


def _by_row(result):
    return {r.row: r for r in result.preview.rows}


def test_dutch_sheet_under_a_title_with_messy_values(db, tmp_path):
    path = workbook(tmp_path / "leden.xlsx", [
        DUTCH,
        ["Acme NV  ", "BE 0417 497 106", "Bedrijf", "Klein", "15/03/2021", "9000", "Gent ", "Jan", "Peeters",
         "Jan@Acme.be", "ja"],
        ["KU Leuven", 419052173, "Kennisinstelling", None, dt.datetime(2019, 1, 1), 3000, "Leuven", None, None,
         None, None],
        ["Stad Gent", "0207.451.227", "Overheid", None, "2020-06-30", "9000", "Gent", None, None, None, None],
    ], title="Ledenlijst 2025")
    table, result = _import(db, path)
    assert table.header_row == 3
    assert result.created == 3 and result.refused == 0 and result.contacts_added == 1
    with db.session() as s:
        members = {m.name: m for m in s.scalars(select(Member))}
        acme = members["Acme NV"]
        assert (acme.enterprise_number, acme.kind, acme.size_class, acme.joined_on, acme.municipality,
                acme.postcode) == ("0417497106", MemberKind.COMPANY, SizeClass.SMALL, dt.date(2021, 3, 15),
                                   "Gent", "9000")
        assert members["KU Leuven"].enterprise_number == "0419052173"  # typed as a number: leading zero lost
        assert members["KU Leuven"].postcode == "3000"
        assert members["Stad Gent"].kind is MemberKind.GOVERNMENT
        (jan,) = acme.contacts
        assert (jan.first_name, jan.last_name, jan.email, jan.consent, jan.is_main) == (
            "Jan", "Peeters", "jan@acme.be", True, True)


def test_semicolon_csv_in_windows_1252(db, tmp_path):
    path = csv_file(tmp_path / "membres.csv", [
        ["Nom", "Numéro d'entreprise", "Type", "Commune", "Membre depuis"],
        ["Brasserie Élégante", "0417.497.106", "Entreprise", "Liège", "01/02/2022"],
    ])
    _table, result = _import(db, path)
    assert result.created == 1
    with db.session() as s:
        member = s.scalar(select(Member))
        assert (member.name, member.municipality, member.joined_on) == ("Brasserie Élégante", "Liège",
                                                                        dt.date(2022, 2, 1))


def test_invalid_values_are_refused_with_row_and_column(db, tmp_path):
    path = workbook(tmp_path / "bad.xlsx", [
        ["Naam", "Ondernemingsnummer", "Lid sinds", "E-mail"],
        ["Goed BV", "0417.497.106", "2021-01-01", None],
        ["Fout BV", "0417.497.107", "2021-01-01", None],
        ["Datum BV", None, "31/02/2021", None],
        ["Mail BV", None, None, "not-an-address"],
        [None, None, "2021-01-01", "x@y.be"],
    ], title="Leden")
    _table, result = _import(db, path)
    rows = _by_row(result)
    assert rows[4].status is RowStatus.NEW
    assert rows[5].status is RowStatus.ERROR
    (problem,) = rows[5].problems
    assert (problem.field, problem.column, problem.header, problem.value) == (
        "enterprise_number", "B", "Ondernemingsnummer", "0417.497.107")
    assert rows[6].problems[0].column == "C" and "not a date" in rows[6].reason
    assert rows[7].problems[0].column == "D" and "e-mail" in rows[7].reason
    assert "neither a name" in rows[8].reason
    assert (result.created, result.refused) == (1, 4)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 1


def test_duplicate_rows_and_one_row_per_contact(db, tmp_path):
    path = workbook(tmp_path / "dup.xlsx", [
        ["Naam", "Ondernemingsnummer", "Voornaam", "Achternaam"],
        ["Acme", "0417497106", "Jan", "Peeters"],
        ["Acme", "0417.497.106", "An", "Smets"],  # same member, second contact
        ["Acme", "0417497106", "An", "Smets"],  # the same line again
        ["Acme Belgium", "0417497106", "Piet", "Claes"],  # same number, another name
        ["Beta", "0403.170.701", None, None],
        ["beta", None, None, None],  # the same name without a number
    ])
    _table, result = _import(db, path)
    rows = _by_row(result)
    assert [rows[n].status for n in range(2, 8)] == [RowStatus.NEW, RowStatus.NEW, RowStatus.ERROR,
                                                    RowStatus.ERROR, RowStatus.NEW, RowStatus.ERROR]
    assert rows[4].reason == "duplicate of row 3"
    assert "row 2 has the same member" in rows[5].reason
    assert (result.created, result.contacts_added, result.refused) == (2, 2, 3)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 2
        assert s.scalar(select(func.count()).select_from(Contact)) == 2


def test_existing_members_matched_by_number_then_name(db, tmp_path):
    with db.session() as s:
        acme = create_member(s, MemberInput("Acme", MemberKind.COMPANY, dt.date(2020, 1, 1),
                                            enterprise_number="0417497106", municipality="Gent")).id
        beta = create_member(s, MemberInput("Beta Consult", MemberKind.COMPANY, dt.date(2020, 1, 1))).id
    path = workbook(tmp_path / "upd.xlsx", [
        ["Naam", "Ondernemingsnummer", "Gemeente"],
        ["Acme renamed", "0417 497 106", "Gent"],
        ["beta consult", None, "Brugge"],
        ["Gamma", None, None],
    ])
    table = read_table(path)
    with db.session() as s:
        preview = preview_member_import(s, table, propose_mapping(table.headers))
    rows = {r.row: r for r in preview.rows}
    assert rows[2].status is RowStatus.UPDATE and rows[2].member_id == acme
    assert [(c.field, c.old, c.new) for c in rows[2].changes] == [("name", "Acme", "Acme renamed")]
    assert rows[3].status is RowStatus.UPDATE and rows[3].member_id == beta
    assert [(c.field, c.old, c.new) for c in rows[3].changes] == [
        ("name", "Beta Consult", "beta consult"), ("municipality", None, "Brugge")]
    assert rows[4].status is RowStatus.NEW
    with db.session() as s:  # the preview changed nothing
        assert get_member(s, acme).name == "Acme"
        result = import_members(s, table, preview.mapping)
    assert (result.created, result.updated) == (1, 2)
    with db.session() as s:
        assert get_member(s, acme).name == "Acme renamed"
        assert get_member(s, beta).municipality == "Brugge"
        again = preview_member_import(s, table, preview.mapping)
    assert again.counts == {"new": 0, "update": 0, "unchanged": 3, "error": 0}


def test_empty_cells_keep_existing_values_and_contacts_are_updated(db, tmp_path):
    with db.session() as s:
        create_member(s, MemberInput("Acme", MemberKind.COMPANY, dt.date(2020, 1, 1), enterprise_number="0417497106",
                                     municipality="Gent"))
    first = workbook(tmp_path / "a.xlsx", [["Naam", "Gemeente", "Voornaam", "Achternaam", "Telefoon"],
                                           ["Acme", None, "Jan", "Peeters", "09 123 45 67"]])
    _table, result = _import(db, first)
    assert result.updated == 1 and result.contacts_added == 1
    second = workbook(tmp_path / "b.xlsx", [["Naam", "Voornaam", "Achternaam", "Telefoon"],
                                            ["Acme", "Jan", "Peeters", "0470 12 34 56"]])
    _table, result = _import(db, second)
    (row,) = result.preview.rows
    assert [(c.field, c.old, c.new) for c in row.changes] == [("contact.phone", "09 123 45 67", "0470 12 34 56")]
    with db.session() as s:
        member = s.scalar(select(Member))
        assert member.municipality == "Gent"
        assert [c.phone for c in member.contacts] == ["0470 12 34 56"]


def test_clash_with_another_existing_member_is_refused(db, tmp_path):
    with db.session() as s:
        create_member(s, MemberInput("Acme", MemberKind.COMPANY, dt.date(2020, 1, 1), enterprise_number="0417497106"))
    path = workbook(tmp_path / "c.xlsx", [["Naam", "Ondernemingsnummer"], ["Acme", "0403.170.701"]])
    _table, result = _import(db, path)
    (row,) = result.preview.rows
    assert row.status is RowStatus.ERROR and "another enterprise number" in row.reason


def test_a_header_without_rows_is_refused_naming_the_row(db, tmp_path):
    path = csv_file(tmp_path / "leeg.csv", [["Ledenlijst"], ["Naam", "Gemeente"]])
    with pytest.raises(FileFormatError, match="row 2"):
        _import(db, path)


def test_dry_run_changes_nothing(db, tmp_path):
    path = workbook(tmp_path / "d.xlsx", [["Naam"], ["Acme"]])
    _table, result = _import(db, path, dry_run=True)
    assert result.created == 1 and not result.applied
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 0


def test_a_failure_while_saving_leaves_nothing_behind(db, tmp_path):
    path = workbook(tmp_path / "e.xlsx", [["Naam"], ["Acme"], ["Beta"]])
    table = read_table(path)
    with pytest.raises(RuntimeError), db.session() as s:
        import_members(s, table, propose_mapping(table.headers))
        raise RuntimeError("crash after the import, before the commit")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 0


def test_error_report_can_be_fixed_and_imported_again(db, tmp_path):
    path = workbook(tmp_path / "f.xlsx", [["Naam", "Ondernemingsnummer"], ["Goed", "0417497106"],
                                          ["Fout", "0417497107"]], title="Leden")
    table, result = _import(db, path)
    report = tmp_path / "fouten.xlsx"
    assert write_error_report(result.preview, table, report) == 1
    ws = load_workbook(report).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Naam", "Ondernemingsnummer", "Reason")
    assert rows[1][:2] == ("Fout", "0417497107") and "not a valid Belgian enterprise number" in rows[1][2]
    assert rows[1][3] == 5
    ws.cell(row=2, column=2, value="0403.170.701")
    ws.parent.save(report)
    _table, again = _import(db, report)
    assert (again.created, again.refused) == (1, 0)
