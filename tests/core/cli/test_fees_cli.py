"""`fees` and `payments` from the command line, with --json and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from clustermanager.cli import main

DATA = Path(__file__).parents[2] / "data" / "bank"


def run(capsys, db, *argv) -> tuple[int, object, str]:
    code = main(["--db", str(db), *argv, "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def test_schedule_call_pay_import_status(capsys, tmp_path):
    db = tmp_path / "cli.cmdb"
    assert run(capsys, db, "fees", "schedule", "--year", "2025", "--set", "small", "1000", "21")[0] == 0
    for name in ("Acme NV", "Big NV"):
        assert main(["--db", str(db), "members", "add", "--name", name, "--kind", "company", "--size", "small",
                     "--joined", "2020-01-01"]) == 0
    capsys.readouterr()
    code, data, _ = run(capsys, db, "fees", "call", "--year", "2025", "--issued", "2025-02-01")
    assert code == 0 and len(data["created"]) == 2
    assert data["created"][0]["structured_communication"] == "250000000186"
    assert run(capsys, db, "fees", "call", "--year", "2025")[1]["already_called"] == 2

    code, data, _ = run(capsys, db, "payments", "add", "--call", "+++250/0000/00287+++", "--amount", "100,50",
                        "--date", "10/02/2025")
    assert code == 0 and data["amount"] == "100.50"
    code, data, _ = run(capsys, db, "payments", "import", str(DATA / "statement.xml"))
    assert code == 0 and (data["recorded"], data["matched"]) == (3, 2)

    code, data, _ = run(capsys, db, "fees", "status", "--year", "2025")
    assert data["totals"]["received"] == "2310.50"  # 100.50 by hand + 1210 + 1000 + nothing for Foo BV
    assert {c["member_name"]: c["status"] for c in data["calls"]} == {"Acme NV": "paid", "Big NV": "overdue"}
    code, data, _ = run(capsys, db, "payments", "unmatched")
    assert [p["counterparty_name"] for p in data] == ["FOO BV"]


def test_errors_exit_non_zero_with_the_line(capsys, tmp_path):
    db = tmp_path / "cli.cmdb"
    code, _data, err = run(capsys, db, "payments", "import", str(DATA / "bad_totals.cod"))
    assert code == 2 and "line 17" in json.loads(err)["error"]
    code, _data, err = run(capsys, db, "fees", "call", "--year", "2025")
    assert code == 2 and "schedule" in json.loads(err)["error"]
