from __future__ import annotations

import json

import openpyxl

from clustermanager.cli import main
from tests.core.reports import world


def test_report_command_writes_the_files_and_submits(world_db, tmp_path, capsys):
    db = str(world_db.path)
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    code = main(["--db", db, "report", "--period", "2025", "--today", "2025-11-15", "--xlsx", str(xlsx),
                 "--pdf", str(pdf), "--submit", "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["report"]["members"]["end"]["total"] == 4
    assert out["report"]["finance"]["budget"] == "10000.00"
    assert out["submitted"]["label"] == "2025"
    assert openpyxl.load_workbook(xlsx)["Summary"]["B2"].value == "2025"
    assert pdf.read_bytes().startswith(b"%PDF")

    assert main(["--db", db, "report", "frozen", "list"]) == 0
    assert "2025" in capsys.readouterr().out
    again = tmp_path / "again.xlsx"
    assert main(["--db", db, "report", "frozen", "export", "1", "--xlsx", str(again)]) == 0
    assert world.CLUSTER_NAME in capsys.readouterr().out
    assert main(["--db", db, "report", "frozen", "changes", "1"]) == 0
    assert "Nothing changed" in capsys.readouterr().out


def test_bad_period_is_a_user_error(world_db, capsys):
    assert main(["--db", str(world_db.path), "report", "--period", "soon"]) == 2
    assert "Period: " in capsys.readouterr().err


def test_template_needs_both_files(world_db, tmp_path, capsys):
    assert main(["--db", str(world_db.path), "report", "--period", "2025", "--template", "t.xlsx"]) == 2


def test_report_lang_writes_the_files_in_dutch_while_messages_stay_english(world_db, tmp_path, capsys):
    xlsx = tmp_path / "rapport.xlsx"
    assert main(["--db", str(world_db.path), "--lang", "en", "report", "--period", "2025", "--xlsx", str(xlsx),
                 "--report-lang", "nl"]) == 0
    out = capsys.readouterr().out
    assert openpyxl.load_workbook(xlsx).sheetnames[:3] == ["Samenvatting", "Streefwaarden en resultaten", "Leden"]
    assert "Members at the end of the period: 4" in out and "10,000.00 EUR" in out  # the terminal: English
