"""`import members`, `import workbook`, `export workbook` from the command line."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from clustermanager import logging_setup
from clustermanager.cli import main
from clustermanager.db import open_database
from clustermanager.models import Member
from tests.core.io.sheetgen import csv_file, workbook


@pytest.fixture(autouse=True)
def _no_log_file(monkeypatch):
    """main() configures logging once per process, into this test's home; later tests need their own."""
    monkeypatch.setattr(logging_setup, "configure", lambda verbose=False: None)


def _run(capsys, *argv) -> tuple[int, dict]:
    status = main(list(argv))
    out = capsys.readouterr().out
    return status, json.loads(out)


def test_import_members_reports_rows_and_exits_non_zero_on_refusals(tmp_path, capsys):
    db = str(tmp_path / "c.cmdb")
    sheet = workbook(tmp_path / "leden.xlsx", [["Naam", "Ondernemingsnummer"], ["Acme", "0417.497.106"],
                                               ["Fout", "123"]], title="Leden 2025")
    status, data = _run(capsys, "--db", db, "import", "members", str(sheet), "--dry-run", "--json")
    assert status == 2
    assert (data["new"], data["refused"], data["applied"]) == (1, 1, False)
    assert data["errors"][0]["row"] == 5 and data["errors"][0]["columns"] == ["B"]
    report = tmp_path / "fouten.xlsx"
    status, data = _run(capsys, "--db", db, "import", "members", str(sheet), "--json", "--error-report", str(report))
    assert status == 2 and data["new"] == 1
    assert [c.value for c in load_workbook(report).active[2]][:2] == ["Fout", "123"]
    status, data = _run(capsys, "import", "members", str(sheet), "--json", "--db", db)
    assert (data["new"], data["unchanged"]) == (0, 1)


def test_dry_run_names_the_column_targets_and_counts_contacts(tmp_path, capsys):
    db = str(tmp_path / "c.cmdb")
    sheet = workbook(tmp_path / "leden.xlsx", [["Naam", "Contactpersoon", "E-mail"], ["Acme", "Jan Peeters", "jan@acme.be"],
                                               ["Beta", "Els Maes", "els@beta.be"]])
    status, data = _run(capsys, "--db", db, "import", "members", str(sheet), "--dry-run", "--json")
    assert status == 0 and data["applied"] is False
    assert data["targets"] == {"Naam": "member", "Contactpersoon": "contact", "E-mail": "contact"}
    assert (data["new"], data["contacts_added"], data["contacts_updated"]) == (2, 2, 0)
    main(["--db", db, "import", "members", str(sheet), "--dry-run"])
    assert "contacts: 2 to add, 0 to update" in capsys.readouterr().out


def test_mapping_file_and_clean_import_exit_zero(tmp_path, capsys):
    db = str(tmp_path / "c.cmdb")
    sheet = csv_file(tmp_path / "l.csv", [["Firma", "Nr"], ["Acme", "417497106"]])
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"Firma": "name", "Nr": "enterprise_number"}), encoding="utf-8")
    status, data = _run(capsys, "--db", db, "--json", "import", "members", str(sheet), "--mapping", str(mapping))
    assert status == 0 and data["new"] == 1 and data["mapping"] == {"Firma": "name", "Nr": "enterprise_number"}


def test_export_and_import_workbook(tmp_path, capsys):
    db = str(tmp_path / "c.cmdb")
    sheet = workbook(tmp_path / "leden.xlsx", [["Naam"], ["Acme"], ["Beta"]])
    main(["--db", db, "import", "members", str(sheet)])
    capsys.readouterr()
    out = tmp_path / "all.xlsx"
    status, data = _run(capsys, "--db", db, "--json", "export", "workbook", str(out))
    assert status == 0 and data["rows"]["members"] == 2
    wb = load_workbook(out)
    wb["members"]["B3"] = "Beta Renamed"
    wb["members"].append(["abc", "Ghost"])
    wb.save(out)
    status, data = _run(capsys, "--db", db, "--json", "import", "workbook", str(out), "--dry-run")
    assert status == 2
    assert (data["updated"], data["unchanged"], data["refused"]) == (1, 1, 1)
    assert data["errors"] == [{"sheet": "members", "row": 4, "columns": ["A"], "reason": data["errors"][0]["reason"]}]


def test_import_workbook_lists_conflicts_and_writes_them_only_when_taken(tmp_path, capsys):
    db = str(tmp_path / "c.cmdb")
    main(["--db", db, "import", "members", str(workbook(tmp_path / "leden.xlsx", [["Naam"], ["Acme"], ["Beta"]]))])
    out = tmp_path / "all.xlsx"
    main(["--db", db, "export", "workbook", str(out)])
    wb = load_workbook(out)
    wb["members"]["B2"] = "Acme mine"
    wb.save(out)
    database = open_database(db)  # a colleague renames Acme after the export
    with database.session() as s:
        s.get(Member, 1).name = "Acme theirs"
    database.close()
    capsys.readouterr()
    status, data = _run(capsys, "--db", db, "--json", "import", "workbook", str(out), "--dry-run")
    assert status == 2 and data["conflicted"] == 1 and data["versions_checked"] is True
    [conflict] = data["conflicts"]
    assert (conflict["sheet"], conflict["id"], conflict["workbook_version"], conflict["database_version"]) == (
        "members", 1, 1, 2)
    assert conflict["fields"] == [{"field": "name", "workbook": "Acme mine", "database": "Acme theirs"}]
    assert main(["--db", db, "import", "workbook", str(out)]) == 2
    text = capsys.readouterr().out
    assert "Conflicts" in text and "Acme mine" in text and "Acme theirs" in text
    status, data = _run(capsys, "--db", db, "--json", "members", "show", "1")
    assert data["name"] == "Acme theirs"
    status, data = _run(capsys, "--db", db, "--json", "import", "workbook", str(out), "--take-workbook", "members:1")
    assert status == 0 and data["taken_from_workbook"] == 1 and data["conflicted"] == 0
    status, data = _run(capsys, "--db", db, "--json", "members", "show", "1")
    assert data["name"] == "Acme mine"
