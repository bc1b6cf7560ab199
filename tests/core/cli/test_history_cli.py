"""`history`, `undo`, `redo` and `trash` on the command line."""

from __future__ import annotations

import json

from clustermanager.cli import main
from clustermanager.db import open_database
from clustermanager.services import members


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_history_undo_redo_and_the_trash(capsys, tmp_path):
    db = str(tmp_path / "h.cmdb")
    assert run(capsys, "--db", db, "members", "add", "--name", "Acme NV", "--kind", "company", "--size", "small",
               "--joined", "2025-01-01")[0] == 0
    code, out, _ = run(capsys, "--db", db, "history", "--record", "member:1", "--since", "2025-01-01", "--json")
    [entry] = json.loads(out)
    assert code == 0 and entry["record"] == "Acme NV" and entry["op"] == "insert" and entry["kind"] == "save"
    assert {"field": "name", "old": None, "new": "Acme NV"} in entry["changes"]
    code, out, _ = run(capsys, "--db", db, "history", "--since", "2099-01-01", "--json")
    assert json.loads(out) == []

    code, out, _ = run(capsys, "--db", db, "undo", "--steps", "1")
    assert code == 0 and "New member Acme NV" in out
    assert json.loads(run(capsys, "--db", db, "members", "list", "--json")[1]) == []
    code, _out, err = run(capsys, "--db", db, "undo")
    assert code != 0 and "nothing to undo" in err
    assert run(capsys, "--db", db, "redo")[0] == 0
    assert [m["name"] for m in json.loads(run(capsys, "--db", db, "members", "list", "--json")[1])] == ["Acme NV"]

    database = open_database(db)
    with database.session() as s:
        members.add_contact(s, 1, members.ContactInput(first_name="Jan", last_name="Peeters"))
    with database.session() as s:
        members.delete_member(s, 1)
    database.close()
    code, out, _ = run(capsys, "--db", db, "trash", "list", "--json")
    [item] = json.loads(out)
    assert (item["table"], item["name"], item["rows"], item["due"]) == ("member", "Acme NV", 2, False)
    code, out, _ = run(capsys, "--db", db, "trash", "empty", "--yes")
    assert "Nothing to empty" in out  # not older than the retention
    assert run(capsys, "--db", db, "trash", "restore", "Acme NV")[0] == 0
    shown = json.loads(run(capsys, "--db", db, "members", "show", "1", "--json")[1])
    assert [c["last_name"] for c in shown["contacts"]] == ["Peeters"]
    assert json.loads(run(capsys, "--db", db, "trash", "list", "--json")[1]) == []
    assert json.loads(run(capsys, "--db", db, "trash", "retention", "7", "--json")[1]) == {"retention_days": 7}
