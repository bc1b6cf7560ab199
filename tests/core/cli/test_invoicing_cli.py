"""`profile show|set`, `fees invoices --member --ubl`, `fees credit --out`, `fees einvoices`, `members einvoicing`."""

from __future__ import annotations

import datetime as dt
import json

from clustermanager.cli import main
from clustermanager.io.einvoice.validate import validate_xml


def run(capsys, db, *argv):
    code = main(["--db", str(db), *argv, "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def _cluster(capsys, db):
    code, data, err = run(capsys, db, "profile", "set", "--name", "Test Cluster", "--legal-form", "VZW",
                          "--enterprise-number", "0417.497.106", "--legal-register", "rpr", "--court-division",
                          "Gent, afdeling Gent", "--street", "Dok 1", "--postcode", "9000", "--municipality", "Gent",
                          "--iban", "BE71096123456769", "--bic", "GKCCBEBB", "--email", "info@test.example")
    assert code == 0, err
    assert (data["legal_form"], data["legal_register"], data["effective_vat_number"], data["effective_peppol_id"]) \
        == ("vzw", "RPR", "BE0417497106", "0208:0417497106")
    assert run(capsys, db, "fees", "schedule", "--year", "2025", "--set", "small", "1000", "21")[0] == 0
    code, data, err = run(capsys, db, "fees", "schedule", "--year", "2025", "--set", "government", "500", "0",
                          "--article", "Art. 44, §2, 11° WBTW")
    assert code == 0, err
    assert {e["category"]: e["vat_ground"] for e in data["entries"]} == {"small": None, "government": "exempt"}
    for argv in (["--name", "Acme NV", "--kind", "company", "--size", "small", "--enterprise-number", "0404.616.494"],
                 ["--name", "Stad Gent", "--kind", "government", "--enterprise-number", "0207.451.227"],
                 ["--name", "Paper NV", "--kind", "company", "--size", "small", "--no-einvoices"]):
        assert main(["--db", str(db), "members", "add", *argv, "--joined", "2020-01-01"]) == 0
    capsys.readouterr()
    assert run(capsys, db, "fees", "call", "--year", "2025", "--issued", "2025-02-01")[0] == 0


def test_profile_show_and_a_bad_vat_number(capsys, tmp_path):
    db = tmp_path / "p.cmdb"
    code, _data, err = run(capsys, db, "profile", "show")
    assert code != 0 and "profile" in err
    _cluster(capsys, db)
    code, data, _err = run(capsys, db, "profile", "show")
    assert code == 0 and data["court_division"] == "Gent, afdeling Gent" and data["vat_registered"] is True
    code, _data, err = run(capsys, db, "profile", "set", "--vat-number", "BE0123456749")
    assert code != 0 and "vat_number" in err
    code, data, _err = run(capsys, db, "profile", "set", "--not-vat-registered")
    assert code == 0 and data["effective_vat_number"] is None


def test_one_members_invoice_with_its_einvoice_into_a_new_folder(capsys, tmp_path):
    db = tmp_path / "i.cmdb"
    _cluster(capsys, db)
    out = tmp_path / "not" / "there" / "yet"
    code, data, err = run(capsys, db, "fees", "invoices", "--year", "2025", "--member", "Acme NV", "--out", str(out),
                          "--ubl", "--report-lang", "nl")
    assert code == 0, err
    assert sorted(p.rsplit("/", 1)[1] for p in data) == ["factuur-2025-00001.pdf", "factuur-2025-00001.xml"]
    assert validate_xml((out / "factuur-2025-00001.xml").read_bytes()) == []
    code, _data, err = run(capsys, db, "fees", "invoices", "--year", "2024", "--member", "Acme NV", "--out", str(out))
    assert code != 0 and "2024" in err


def test_credit_writes_the_credit_note_and_einvoices_covers_the_year(capsys, tmp_path):
    db = tmp_path / "c.cmdb"
    _cluster(capsys, db)
    out = tmp_path / "credit"
    # issued today: the credit note takes a number in this year's sequence; `fees einvoices --year 2025`
    # still carries it, as it credits a 2025 invoice
    cn = f"CN{dt.date.today().year}-00001"
    code, data, err = run(capsys, db, "fees", "credit", "2025-00001", "--reason", "Korting", "--amount", "121",
                          "--out", str(out), "--report-lang", "fr")
    assert code == 0, err
    assert data["credit_note"]["number"] == cn and data["credited"] == "121.00"
    assert sorted(p.rsplit("/", 1)[1] for p in data["files"]) == [f"note-de-credit-{cn}.pdf",
                                                                   f"note-de-credit-{cn}.xml"]
    code, data, err = run(capsys, db, "fees", "einvoices", "--year", "2025", "--out", str(tmp_path / "peppol"))
    assert code == 0, err
    names = sorted(p.rsplit("/", 1)[1] for p in data["files"])
    assert names == sorted([f"credit-note-{cn}.xml", "invoice-2025-00001.xml", "invoice-2025-00003.xml"])  # 00002: Paper NV
    assert data["without_einvoice"] == ["Paper NV"]
    assert run(capsys, db, "check")[0] == 0


def test_member_einvoicing_override_and_opt_out(capsys, tmp_path):
    db = tmp_path / "m.cmdb"
    _cluster(capsys, db)
    code, data, _err = run(capsys, db, "members", "einvoicing", "Acme NV")
    assert code == 0 and data["einvoice_address"] == "0208:0404616494"
    code, data, _err = run(capsys, db, "members", "einvoicing", "Acme NV", "--peppol-id", "9925:BE0404616494")
    assert data["einvoice_address"] == "9925:BE0404616494"
    code, data, _err = run(capsys, db, "members", "einvoicing", "Acme NV", "--opt-out")
    assert data["einvoice_address"] is None
    code, _data, err = run(capsys, db, "members", "einvoicing", "Acme NV", "--peppol-id", "garbage")
    assert code != 0 and "Peppol" in err
