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


def test_payments_credits_apply_and_refund_from_the_command_line(tmp_path, capsys):
    """A statement paying a call twice: the surplus is a credit, listed and refunded from the command line."""
    import datetime as dt
    import importlib.util
    import json
    from pathlib import Path

    from clustermanager.cli import main
    from clustermanager.db import open_database
    from clustermanager.services import fees
    from tests.helpers import feeworld

    bank = Path(__file__).parents[2] / "data" / "bank"
    spec = importlib.util.spec_from_file_location("make_samples", bank / "make_samples.py")
    samples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(samples)
    path = tmp_path / "fees.cmdb"
    db = open_database(path)
    with db.session() as s:
        feeworld.build(s)
        fees.generate_calls(s, 2025, issued_on=dt.date(2025, 2, 1))
    db.close()
    moves = [samples.movement(n, f"REF{n:013d}", 121000, "250000000186", "", "ACME NV", "BE62510007547061")
             for n in (1, 2)]
    statement = tmp_path / "twice.cod"
    statement.write_bytes(samples.coda(moves, 100000).encode("cp1252"))

    def run(*argv):
        code = main(["--db", str(path), "--json", *argv])
        out = capsys.readouterr().out
        return code, json.loads(out) if out.strip() else None

    code, result = run("payments", "import", str(statement))
    assert (code, result["recorded"], result["credited"]) == (0, 2, 1)
    code, rows = run("payments", "credits", "--member", "Acme NV")
    assert [(r["member_name"], r["amount"]) for r in rows] == [("Acme NV", "1210.00")]
    code, row = run("payments", "refund", str(rows[0]["id"]), "--date", "2025-04-01")
    assert (code, row["refunded_on"]) == (0, "2025-04-01")
    code, rows = run("payments", "credits")
    assert rows == []
    code, _ = run("check")
    assert code == 0


def test_percentages_in_text_are_written_as_in_the_language(capsys, tmp_path):
    from clustermanager import i18n

    db = tmp_path / "cli.cmdb"
    before = i18n.current_language()
    try:
        assert main(["--db", str(db), "--lang", "nl", "fees", "schedule", "--year", "2025", "--set", "small",
                     "1000", "5,5"]) == 0
        out = capsys.readouterr().out
        assert "5,5%" in out and "5.5" not in out
        assert main(["--db", str(db), "--lang", "fr", "fees", "schedule", "--year", "2025"]) == 0
        assert "5,5\u00a0%" in capsys.readouterr().out
    finally:
        i18n.set_language(before)  # --lang switched the process's language


def test_schedule_sets_the_exemption_article_and_code_and_an_amount_change_keeps_them(capsys, tmp_path):
    db = tmp_path / "cli.cmdb"
    code, data, _ = run(capsys, db, "fees", "schedule", "--year", "2025", "--set", "government", "500", "0",
                        "--article", "Art. 44, §2, 11° WBTW", "--vatex", "VATEX-EU-132-1L")
    [entry] = data["entries"]
    assert code == 0 and (entry["vat_ground"], entry["vat_exemption_code"]) == ("exempt", "VATEX-EU-132-1L")
    code, data, _ = run(capsys, db, "fees", "schedule", "--year", "2025", "--set", "government", "520", "0")
    [entry] = data["entries"]
    assert (entry["amount"], entry["vat_article"], entry["vat_exemption_code"]) == (
        "520.00", "Art. 44, §2, 11° WBTW", "VATEX-EU-132-1L")
    code, data, err = run(capsys, db, "fees", "schedule", "--year", "2025", "--set", "government", "520", "0",
                          "--vatex", "VATEX-EU-AE")
    assert code != 0 and "vat_exemption_code" in err.lower().replace(" ", "_") + str(data)
