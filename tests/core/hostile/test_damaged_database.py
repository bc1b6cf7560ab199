"""A damaged database is said to be damaged, takes no writes, and is never copied as if it were good
(issue 16, points 5, 6 and 14)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from clustermanager import backup
from clustermanager.cli import main as cli
from clustermanager.db import open_database
from clustermanager.errors import DatabaseError
from clustermanager.services import integrity
from clustermanager.services import members as svc


def _database_with_members(path, n=300):
    db = open_database(path)
    with db.session() as s:
        for i in range(n):
            svc.create_member(s, svc.MemberInput(name=f"Member {i:04d} " + "x" * 60, kind="company",
                                                 joined_on=dt.date(2020, 1, 1)))
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()


def corrupt_one_page(path) -> None:
    """Overwrite the middle of one leaf page of the member table (its schema page stays whole)."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name='member' AND pagetype='leaf'")]
    conn.close()
    page = pages[len(pages) // 2]
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * page_size + 8)
        fh.write(b"\xff" * 64)


@pytest.fixture
def damaged(tmp_path):
    path = tmp_path / "cluster.cmdb"
    _database_with_members(path)
    good = backup.backup_file(path, backup.backups_dir(path) / "cluster-20250101-090000-manual.cmdb")
    corrupt_one_page(path)
    return path, good


def test_check_reports_the_damage_as_a_finding(damaged, capsys):
    path, _good = damaged
    db = open_database(path)
    try:
        report = integrity.run_checks(db)
    finally:
        db.close()
    finding = next(f for f in report.findings if f.check == "integrity")
    assert not finding.ok and "damaged" in finding.message
    assert cli(["--db", str(path), "check"]) != 1, capsys.readouterr().err  # not an unexpected error


def test_a_damaged_database_opens_read_only_and_names_the_backup_to_restore(damaged, capsys):
    path, good = damaged
    db = open_database(path)
    try:
        assert db.damaged and "read-only" in db.damaged and str(good) in db.damaged
        with pytest.raises(DatabaseError, match="damaged"), db.session() as s:
            svc.create_member(s, svc.MemberInput(name="One more", kind="company", joined_on=dt.date(2020, 1, 1)))
    finally:
        db.close()
    code = cli(["--db", str(path), "members", "add", "--name", "One more", "--kind", "company"])
    err = capsys.readouterr().err
    assert code == 2 and "damaged" in err and str(good) in err
    assert not [b for b in backup.list_backups(path) if b.reason == "daily"]  # the damage was not copied


def test_a_backup_of_a_damaged_database_names_itself_damaged(damaged):
    path, _good = damaged
    db = open_database(path, check_integrity=False)
    try:
        with pytest.raises(backup.DamagedBackupError) as caught:
            backup.backup_database(db)
    finally:
        db.close()
    assert caught.value.kept_as is not None and caught.value.kept_as.name.endswith("-damaged.cmdb")
    assert "damaged" in str(caught.value)
    assert [b.reason for b in backup.list_backups(path)][0] == "damaged"
    assert backup.newest_good_backup(path).name == "cluster-20250101-090000-manual.cmdb"


def test_backup_to_a_file_with_a_leftover_wal_gives_a_whole_backup(tmp_path):
    """Point 6: the old -wal beside the target would be applied to the new copy when it is opened."""
    source = tmp_path / "cluster.cmdb"
    _database_with_members(source, 20)
    target = tmp_path / "copy.cmdb"
    other = tmp_path / "other.cmdb"
    _database_with_members(other, 5)
    conn = sqlite3.connect(other)  # a -wal full of another database's pages
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE junk(x)")
    conn.executemany("INSERT INTO junk VALUES (?)", [("y" * 500,)] * 200)
    conn.commit()
    (tmp_path / "other.cmdb-wal").replace(tmp_path / "copy.cmdb-wal")
    conn.close()
    backup.backup_file(source, target)
    assert not (tmp_path / "copy.cmdb-wal").exists()
    assert backup.validate_backup(target)
    check = sqlite3.connect(target)
    assert check.execute("SELECT count(*) FROM member").fetchone()[0] == 20
    check.close()


@pytest.mark.skipif(__import__("os").name != "posix", reason="file modes")
def test_backup_temporary_files_are_private_from_the_first_byte_and_stale_ones_are_cleaned(tmp_path, monkeypatch):
    """Point 9."""
    source = tmp_path / "cluster.cmdb"
    _database_with_members(source, 5)
    seen = []
    real_connect = sqlite3.connect

    def spy(target, *a, **k):
        name = str(target)
        if name.endswith(".partial"):
            seen.append(__import__("os").stat(name).st_mode & 0o777)
        return real_connect(target, *a, **k)

    monkeypatch.setattr(backup.sqlite3, "connect", spy)
    backup.backup_file(source, tmp_path / "copy.cmdb")
    monkeypatch.undo()
    assert seen and all(mode == 0o600 for mode in seen)
    folder = backup.backups_dir(source)
    stale = folder / ".cluster-20250101-090000-daily.cmdb.999999999.partial"  # no such process
    stale.write_bytes(b"member data")
    mine = folder / f".cluster-x.cmdb.{__import__('os').getpid()}.partial"
    mine.write_bytes(b"in progress")
    assert backup.clean_stale_partials(source) == [stale]
    assert mine.exists()


def test_a_truncated_database_says_what_it_is_and_what_to_do(tmp_path, capsys):
    """Point 14."""
    path = tmp_path / "cluster.cmdb"
    _database_with_members(path, 200)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    code = cli(["--db", str(path), "members", "list"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "damaged" in err or "truncated" in err
    assert "restore" in err.lower() or "backup" in err.lower()
