"""Bad arguments to every command: exit status 2 with a message naming the argument, nothing changed."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clustermanager.cli import main as cli
from clustermanager.db import open_database
from clustermanager.field_labels import field_label
from clustermanager.services import members as svc
from tests.helpers.bad_input import BAD_ARGUMENTS, COMMAND_ENTRY_POINTS
from tests.helpers.fingerprint import quick_fingerprint

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli_db(db):
    with db.session() as s:
        m = svc.create_member(s, svc.MemberInput(name="Baseline NV", kind="company", joined_on=dt.date(2020, 1, 1)))
        svc.add_contact(s, m.id, svc.ContactInput(first_name="Ann", last_name="Base", email="ann@example.org"))
    return db


def _spellings(names: tuple[str, ...]) -> set[str]:
    """A field is named as people call it (Enterprise number: `field_labels`), as the service spells it
    (enterprise_number) or as the option (--enterprise-number)."""
    out = set(names)
    for n in names:
        code = n.lstrip("-").replace("-", "_")
        out |= {code, "--" + n.lstrip("-").replace("_", "-"), field_label(code)}
    return out


def _run(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = cli(argv)
    except SystemExit as exc:  # argparse refuses before any handler runs
        code = exc.code
    return code, capsys.readouterr().err


def test_every_command_refuses_bad_arguments_clearly(cli_db, capsys, tmp_path, monkeypatch):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)  # relative file names (backup --to 'x') land here, not in the repository
    path = str(cli_db.path)
    for entry in COMMAND_ENTRY_POINTS:
        for value in BAD_ARGUMENTS:
            before = quick_fingerprint(cli_db)
            code, err = _run(["--db", path, *entry.argv(value)], capsys)
            where = f"{entry.name} {value[:30]!r}"
            assert code in (0, 2), f"{where}: exit {code} (a bug): {err}"
            if code:
                assert quick_fingerprint(cli_db) == before, f"{where} was refused but changed the database"
                assert any(n in err for n in _spellings(entry.names)), f"{where}: names none of {entry.names}: {err}"


@pytest.mark.skipif(os.name != "posix", reason="raw bytes in argv")
def test_wrong_encoding_and_garbage_files_through_a_real_process(cli_db, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLUSTERMANAGER_HOME": str(tmp_path / "home")}
    before = quick_fingerprint(cli_db)
    cli_db.close()
    latin1 = "Société Générale".encode("latin-1")  # a terminal or script in the wrong encoding
    garbage = tmp_path / "garbage.cmdb"
    garbage.write_bytes(os.urandom(4096))
    runs = {
        "Name": [b"--db", str(cli_db.path).encode(), b"members", b"add", b"--name", latin1, b"--kind", b"company"],
        "not a database": [b"--db", str(garbage).encode(), b"members", b"list"],
        "is not a ClusterManager database": [b"--db", str(cli_db.path).encode(), b"restore", str(garbage).encode()],
    }
    for expected, argv in runs.items():
        proc = subprocess.run([sys.executable.encode(), b"-m", b"clustermanager", *argv], env=env, capture_output=True,
                              timeout=60, check=False)
        assert proc.returncode == 2, proc.stderr
        assert expected in proc.stderr.decode("utf-8", "replace")
    check = open_database(cli_db.path)
    assert quick_fingerprint(check) == before
    check.close()
