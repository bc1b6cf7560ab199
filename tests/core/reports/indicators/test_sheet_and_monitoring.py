"""The target sheet in the agency's layout (a bad row named, nothing written) and the monitoring list."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import openpyxl
import pytest

from clustermanager.cli import main
from clustermanager.errors import FileFormatError
from clustermanager.reports.figures import build_report
from clustermanager.reports.indicators import store
from clustermanager.reports.indicators.sheet import import_targets
from clustermanager.reports.monitoring import monitoring_list
from clustermanager.reports.period import year_period
from tests.core.reports import world


def _sheet(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Streefwaarden 2024-2025"])  # a title above the table, as the agency's sheets have
    ws.append(["Indicator", 2024, 2025, "Periode", "Bron"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_target_sheet_is_imported(world_db, tmp_path):
    path = _sheet(tmp_path / "t.xlsx", [["new_members", 2, 3, 5, "clusterpact"],
                                        ["Nieuwe leden en", None, None, None, None],
                                        ["Aandeel kmo's onder de bedrijfsleden", 0.7, "75%", None, "actieplan"]]
                  [:1] + [["Activiteiten", 10, 12, None, None]])
    with world_db.session() as s:
        result = import_targets(s, path)
        rows = {(t.key, t.year): t for t in store.targets(s)}
    assert result.targets == 5
    assert rows[("new_members", None)].value == 5 and rows[("new_members", 2025)].source.value == "clusterpact"
    assert rows[("activities", 2025)].value == 12


def test_a_bad_row_is_named_and_nothing_is_written(world_db, tmp_path):
    path = _sheet(tmp_path / "bad.xlsx", [["new_members", 2, 3, None, None], ["activities", 10, "lots", None, None]])
    with world_db.session() as s, pytest.raises(FileFormatError) as err:
        import_targets(s, path)
    assert "row 4" in str(err.value) and "column C (2025)" in str(err.value) and "lots" in str(err.value)
    unknown = _sheet(tmp_path / "unknown.xlsx", [["new_members", 2, 3, None, None], ["press coverage", 1, 2, None, None]])
    with world_db.session() as s, pytest.raises(FileFormatError, match="row 4.*press coverage"):
        import_targets(s, unknown)
    with world_db.session() as s:
        assert store.targets(s) == []


def test_the_monitoring_list_reconciles_with_the_report(world_db, tmp_path):
    with world_db.session() as s:
        data = monitoring_list(s, 2025)
        report = build_report(s, year_period(2025), lists=False, targets=False)
    status = {r.name: r.status for r in data.rows}
    assert status == {"Alpha BV": "staying", "Beta NV": "new", "Gamma SA": "leaving", "KU Test – Lab": "staying",
                      world.EVIL: "staying"}
    assert data.staying + data.new == report.members.end.total == data.members_at_year_end == 4
    assert data.leaving == report.members.left == 1 and data.new == report.members.joined


def test_the_demo_monitoring_list_reconciles(demo_db):
    with demo_db.session() as s:
        for year in (2023, 2024, 2025):
            data = monitoring_list(s, year)
            report = build_report(s, year_period(year), lists=False, targets=False)
            assert data.reconciles and data.staying + data.new == report.members.end.total
            assert data.new <= report.members.joined and data.leaving <= report.members.left


def test_export_monitoring_cli_xlsx_and_csv(world_db, tmp_path, capsys):
    db = str(world_db.path)
    xlsx, text = tmp_path / "m.xlsx", tmp_path / "m.csv"
    assert main(["--db", db, "export", "monitoring", "--year", "2025", str(xlsx), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["staying"], out["new"], out["leaving"], out["members_at_year_end"]) == (3, 1, 1, 4)
    ws = openpyxl.load_workbook(xlsx).active
    names = [c.value for c in ws["C"]][1:]
    assert world.EVIL in names and ws.cell(row=names.index(world.EVIL) + 2, column=3).data_type == "s"
    assert main(["--db", db, "--lang", "en", "export", "monitoring", "--year", "2025", str(text)]) == 0
    rows = list(csv.reader(text.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][-1] == "Status" and sorted(r[-1] for r in rows[1:]) == ["leaving", "new", "staying", "staying",
                                                                           "staying"]
    assert any(r[2] == "'" + world.EVIL for r in rows)  # formula-like text stays text in a CSV too
    assert main(["--db", db, "export", "monitoring", "--year", "2025", str(tmp_path / "m.txt")]) == 2


def test_indicator_commands(world_db, tmp_path, capsys):
    db = str(world_db.path)
    assert main(["--db", db, "indicators", "list", "--json"]) == 0
    keys = [r["key"] for r in json.loads(capsys.readouterr().out)]
    assert keys[:3] == ["members", "new_members", "leaving_members"] and "fee_collection_rate" in keys
    assert main(["--db", db, "indicators", "targets", "set", "activities", "--year", "2025", "--value", "2"]) == 0
    assert main(["--db", db, "indicators", "add", "press", "--name", "Press articles", "--cumulative"]) == 0
    assert main(["--db", db, "indicators", "values", "set", "press", "--year", "2025", "--value", "4"]) == 0
    assert main(["--db", db, "indicators", "targets", "set", "press", "--year", "2025", "--value", "8"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "indicators", "status", "--year", "2025", "--as-of", "2025-12-31", "--json"]) == 0
    rows = {r["key"]: r for r in json.loads(capsys.readouterr().out)["indicators"]}
    assert rows["activities"]["status"] == "on_track" and rows["activities"]["result"] == "2"
    assert rows["press"]["status"] == "behind" and rows["press"]["target"] == "8.0000"
    assert rows["members"]["status"] == "no_target" and rows["members"]["result"] == "4"
    assert set(rows["members"]) >= {"key", "target", "result", "status"}
    assert main(["--db", db, "indicators", "values", "set", "members", "--year", "2025", "--value", "4"]) == 2
    assert main(["--db", db, "indicators", "targets", "set", "nosuch", "--year", "2025", "--value", "4"]) == 2
    sheet = _sheet(tmp_path / "t.xlsx", [["projects_started", 1, 2, 3, None]])
    assert main(["--db", db, "indicators", "targets", "import", str(sheet)]) == 0
    with world_db.session() as s:
        assert {(t.key, t.year): t.value for t in store.targets(s)}[("projects_started", None)] == Decimal(3)
