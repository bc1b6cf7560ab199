"""No output path may be the open database or one of its journal files (issue 16, point 10)."""

from __future__ import annotations

import datetime as dt

import pytest

from clustermanager import backup
from clustermanager.cli import main as cli
from clustermanager.db import open_database
from clustermanager.errors import UserError
from clustermanager.io.excel_safety import write_table
from clustermanager.services import members as svc
from tests.helpers.fingerprint import fingerprint


@pytest.mark.parametrize("argv", [["export", "workbook"], ["report", "--period", "2025", "--pdf"],
                                  ["report", "--period", "2025", "--xlsx"],
                                  ["backup", "--to"]])
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_commands_refuse_to_write_over_the_database(db, argv, suffix, capsys):
    with db.session() as s:
        m = svc.create_member(s, svc.MemberInput(name="Baseline NV", kind="company", joined_on=dt.date(2020, 1, 1)))
        svc.add_contact(s, m.id, svc.ContactInput(first_name="Ann", last_name="Base"))
    before = fingerprint(db)
    target = str(db.path) + suffix
    code = cli(["--db", str(db.path), *argv, target])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "is the database" in err
    assert fingerprint(db) == before
    check = open_database(db.path)
    check.close()


def test_an_open_database_is_never_an_export_target_even_under_another_name(db, tmp_path):
    alias = tmp_path / "alias.cmdb"
    alias.symlink_to(db.path)
    with pytest.raises(UserError, match="is the database"):
        write_table(alias, "x", ["a"], [[1]])
    with pytest.raises(UserError, match="is the database"):
        backup.backup_file(db.path, alias)
