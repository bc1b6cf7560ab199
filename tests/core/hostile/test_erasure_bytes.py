"""Erasing a person erases their bytes, and the backups that still hold them are named (issue 16, point 8)."""

from __future__ import annotations

import datetime as dt

from clustermanager import backup
from clustermanager.cli import main as cli
from clustermanager.db import _sqlite_pragmas
from clustermanager.services import members as svc
from clustermanager.services import privacy_files

EMAIL = b"zoe.erasable@example.org"


def _with_person(db) -> int:
    with db.session() as s:
        m = svc.create_member(s, svc.MemberInput(name="Acme NV", kind="company", joined_on=dt.date(2020, 1, 1)))
        return svc.add_contact(s, m.id, svc.ContactInput(first_name="Zoë", last_name="Erasable",
                                                          email=EMAIL.decode())).id


def test_secure_delete_is_turned_on_for_every_connection(db):
    """Debian's SQLite defaults to secure delete, SQLite's own default is off: the app must not rely on it."""
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    executed = []

    class Recorder:
        def cursor(self):
            return self

        def execute(self, sql):
            executed.append(sql)

        def close(self):
            pass

        def create_function(self, *a, **k):
            pass

    _sqlite_pragmas(Recorder(), None)
    assert "PRAGMA secure_delete=ON" in executed


def test_erase_leaves_no_bytes_in_the_file_and_names_every_backup_that_holds_the_person(db, capsys):
    contact = _with_person(db)
    older = backup.backup_file(db.path, backup.backups_dir(db.path) / f"{db.path.stem}-20250101-090000-manual.cmdb")
    db.close()
    code = cli(["--db", str(db.path), "privacy", "erase", str(contact), "--yes"])
    out = capsys.readouterr().out
    assert code == 0
    for side in ("", "-wal"):
        path = db.path.with_name(db.path.name + side)
        assert not path.exists() or EMAIL not in path.read_bytes(), f"the e-mail is still in {path.name}"
    holding = privacy_files.backups_holding(db.path, contact)
    daily = [b.path for b in backup.list_backups(db.path) if b.reason == "daily"]
    assert set(holding) == {older, *daily} and daily  # today's daily copy, taken before the erase, too
    for path in holding:
        assert str(path) in out
    assert f"privacy purge-backups {contact}" in out
    assert cli(["--db", str(db.path), "privacy", "purge-backups", str(contact), "--yes"]) == 0
    assert privacy_files.backups_holding(db.path, contact) == []
    for path in holding:
        assert EMAIL not in path.read_bytes()
        assert backup.validate_backup(path)
