"""`activities` and `projects` from the command line, with --json, and a refused import saving nothing."""

from __future__ import annotations

import json
from pathlib import Path

from clustermanager.cli import main

DATA = Path(__file__).parents[2] / "data" / "registrations"


def _run(capsys, db_path, *argv) -> tuple[int, object]:
    code = main(["--db", str(db_path), "--json", *argv])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


def test_activity_add_import_and_list(tmp_path, capsys):
    db = tmp_path / "cli.cmdb"
    code, member = _run(capsys, db, "members", "add", "--name", "Alpha NV", "--kind", "company", "--size", "small")
    assert code == 0
    code, activity = _run(capsys, db, "activities", "add", "--kind", "workshop", "--title", "H2", "--date",
                          "02/05/2025")
    assert (code, activity["starts_on"]) == (0, "2025-05-02")
    aid = str(activity["id"])
    code, out = _run(capsys, db, "activities", "import-participants", str(DATA / "bad_email.csv"), "--activity", aid)
    assert code == 2
    code, out = _run(capsys, db, "activities", "import-participants", str(DATA / "eventbrite_en.csv"),
                     "--activity", aid, "--dry-run")
    assert out["result"] is None and out["counts"]["new"] == 6
    code, out = _run(capsys, db, "activities", "list")
    assert out[0]["registered"] == 0  # the dry run and the refused file saved nothing
    code, out = _run(capsys, db, "activities", "import-participants", str(DATA / "eventbrite_en.csv"),
                     "--activity", aid)
    assert out["result"]["added"] == 6 and out["result"]["new_contacts"] == 3  # Alpha NV is a member
    code, out = _run(capsys, db, "activities", "list", "--member", "Alpha NV")
    assert (out[0]["registered"], out[0]["attended"], out[0]["member_organisations"]) == (6, 3, 1)


def test_project_add_partners_and_the_company_rule(tmp_path, capsys):
    db = tmp_path / "cli.cmdb"
    for name in ("A NV", "B NV", "C NV"):
        _run(capsys, db, "members", "add", "--name", name, "--kind", "company", "--size", "small")
    code, project = _run(capsys, db, "projects", "add", "--kind", "b2b", "--title", "Twin", "--status", "running",
                         "--start", "2025-01-01", "--budget", "90.000,00", "--funding", "agency")
    assert (code, project["budget"], project["meets_company_rule"]) == (0, "90000.00", False)
    for name in ("A NV", "B NV"):
        code, detail = _run(capsys, db, "projects", "add-partner", "Twin", name, "--hours", "40")
    assert detail["warning"] and detail["company_count"] == 2
    code, detail = _run(capsys, db, "projects", "add-partner", "Twin", "C NV", "--share", "30000")
    assert (detail["meets_company_rule"], detail["warning"]) == (True, None)
    code, rows = _run(capsys, db, "projects", "list")
    assert (rows[0]["partners"], rows[0]["companies"], rows[0]["lead_name"]) == (3, 3, "A NV")
    code, figures = _run(capsys, db, "projects", "figures", "--from", "2025-01-01", "--to", "2025-12-31")
    assert figures["running"] == 1 and figures["meeting_company_rule"] == 1


def test_projects_set_status_with_a_date_keeps_the_history(tmp_path, capsys):
    db = tmp_path / "status.cmdb"
    code, project = _run(capsys, db, "projects", "add", "--kind", "b2b", "--title", "Warmtenet")
    assert code == 0
    code, out = _run(capsys, db, "projects", "set-status", "Warmtenet", "running", "--on", "2025-03-01")
    assert code == 0 and out["project"]["status"] == "running" and out["project"]["starts_on"] == "2025-03-01"
    code, out = _run(capsys, db, "projects", "set-status", str(project["id"]), "completed", "--on", "15/12/2025",
                     "--note", "Delivered")
    assert [(c["status"], c["changed_on"]) for c in out["history"]][1:] == [
        ("running", "2025-03-01"), ("completed", "2025-12-15")]
    change = out["history"][1]["id"]
    code, out = _run(capsys, db, "projects", "correct-status-date", str(change), "2025-02-20")
    assert [c["changed_on"] for c in out][1] == "2025-02-20"
    code, out = _run(capsys, db, "projects", "history", "Warmtenet")
    assert [c["status"] for c in out] == ["idea", "running", "completed"] and out[2]["note"] == "Delivered"
    code, _ = _run(capsys, db, "projects", "set-status", "Nothing like it", "running")
    assert code != 0
    code, _ = _run(capsys, db, "projects", "set-status", "Warmtenet", "running", "--on", "31/02/2025")
    assert code != 0
    code, out = _run(capsys, db, "check")
    assert code == 0
