"""`fees` and `payments` from the command line, with --json and exit codes."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from clustermanager import logging_setup
from clustermanager.cli import main

DATA = Path(__file__).parents[2] / "data" / "bank"


@pytest.fixture(autouse=True)
def _fresh_logging(monkeypatch):
    """main() configures logging once per process into this test's home; undo it for the tests after."""
    logger = logging.getLogger("clustermanager")
    handlers = list(logger.handlers)
    monkeypatch.setattr(logging_setup, "_configured", False)
    yield
    for handler in logger.handlers[len(handlers):]:
        logger.removeHandler(handler)
        handler.close()


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


def test_budget_in_kind_and_self_funding(capsys, tmp_path):
    db = tmp_path / "cli.cmdb"
    code, data, _ = run(capsys, db, "fees", "budget", "--year", "2025", "--budget", "10000", "--subsidy", "5000")
    assert code == 0 and data["required_amount"] == "5000.00" and data["shortfall"] == "5000.00"
    code, data, _ = run(capsys, db, "fees", "in-kind", "--year", "2025", "--add", "Venue", "750")
    assert code == 0 and [(r["description"], r["value"]) for r in data] == [("Venue", "750.00")]
    code, data, _ = run(capsys, db, "fees", "self-funding", "--year", "2025")
    assert data[0]["in_kind"] == "750.00" and data[0]["own_total"] == "0.00" and data[0]["met"] is False
