"""The command line as a user types it: exit statuses, JSON, errors on standard error."""

import json
import subprocess
import sys

import pytest

from clustermanager import __version__
from clustermanager.cli import main
from clustermanager.field_labels import field_label


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def dbfile(tmp_path):
    return str(tmp_path / "cli.cmdb")


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_demo_then_members_list_json_then_check(capsys, dbfile):
    code, out, _err = run(capsys, "demo", "--db", dbfile, "--seed", "3", "--year", "2025", "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["members"] == 120 and summary["activities"] == 60 and summary["projects"] == 25
    code, out, _err = run(capsys, "--db", dbfile, "members", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 120
    assert {"id", "name", "kind", "enterprise_number", "joined_on"} <= set(rows[0])
    code, out, _err = run(capsys, "--db", dbfile, "check")
    assert code == 0 and "All checks passed" in out


def test_add_show_end_member(capsys, dbfile):
    code, out, _ = run(capsys, "--db", dbfile, "members", "add", "--name", "Acme NV", "--kind", "company",
                       "--size", "small", "--enterprise-number", "BE 0417 497 106", "--joined", "01/03/2022", "--json")
    assert code == 0 and json.loads(out)["enterprise_number"] == "0417497106"
    code, out, _ = run(capsys, "--db", dbfile, "members", "show", "0417.497.106")
    assert code == 0 and "Acme NV" in out and "0417.497.106" in out
    code, out, _ = run(capsys, "--db", dbfile, "members", "end", "Acme NV", "--on", "2024-12-31")
    assert code == 0
    code, out, _ = run(capsys, "--db", dbfile, "members", "list", "--active-on", "2025-01-01", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize(("args", "field"), [
    (["--enterprise-number", "0417.497.107"], "enterprise_number"),
    (["--joined", "2025-01-01", "--email", "nope"], "email"),
    (["--joined", "32/01/2025"], "--joined"),
])
def test_bad_input_exits_non_zero_names_the_field_and_writes_nothing(capsys, dbfile, args, field):
    code, out, err = run(capsys, "--db", dbfile, "members", "add", "--name", "Bad BV", "--kind", "company", *args)
    assert code == 2 and field_label(field) in err and out == ""  # named as people call it
    code, out, _ = run(capsys, "--db", dbfile, "members", "list", "--json")
    assert json.loads(out) == []


def test_errors_in_json_mode_are_json(capsys, dbfile):
    code, _out, err = run(capsys, "--db", dbfile, "--json", "members", "show", "Nobody")
    assert code == 2 and "No member matches" in json.loads(err)["error"]


def test_demo_refuses_a_database_with_members(capsys, dbfile):
    run(capsys, "demo", "--db", dbfile, "--year", "2025")
    code, _out, err = run(capsys, "demo", "--db", dbfile)
    assert code == 2 and "already holds members" in err


def test_console_entry_point_runs_as_a_module(dbfile):
    result = subprocess.run([sys.executable, "-m", "clustermanager", "--db", dbfile, "members", "list", "--json"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_a_bug_is_logged_and_reported_in_one_sentence(capsys, dbfile, monkeypatch, _isolated_home):
    from clustermanager.services import members

    def broken(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(members, "list_members", broken)
    code, _out, err = run(capsys, "--db", dbfile, "members", "list")
    assert code == 1 and "Unexpected error (RuntimeError)" in err and "clustermanager.log" in err
    log = (_isolated_home / "logs" / "clustermanager.log").read_text()
    assert "RuntimeError (message withheld" in log  # the traceback, without a message that may quote a person
