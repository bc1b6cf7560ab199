"""Backups: daily once, rotation, restore (with its safety copy and WAL handling), the CLI."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

import pytest

from clustermanager import backup as bk
from clustermanager.cli import main as cli
from clustermanager.db import open_database
from clustermanager.errors import DatabaseError
from clustermanager.services import members as svc


def _add(db, name: str) -> None:
    with db.session() as s:
        svc.create_member(s, svc.MemberInput(name=name, kind="company", joined_on=dt.date(2024, 1, 1)))


def _names(path) -> set[str]:
    database = open_database(path, migrate=False)
    try:
        with database.session() as s:
            return {m.name for m in svc.list_members(s)}
    finally:
        database.close()


def test_daily_backup_once_per_day(db):
    _add(db, "Alpha NV")
    first = bk.daily_backup_if_due(db, keep_days=3, now=dt.datetime(2025, 3, 1, 9, 0))
    assert first is not None and first.exists()
    assert bk.daily_backup_if_due(db, keep_days=3, now=dt.datetime(2025, 3, 1, 17, 0)) is None
    second = bk.daily_backup_if_due(db, keep_days=3, now=dt.datetime(2025, 3, 2, 9, 0))
    assert second is not None and second != first
    assert "Alpha NV" in _names(first)


def test_daily_backup_skips_memory_databases():
    database = open_database(":memory:")
    assert bk.daily_backup_if_due(database, keep_days=3) is None
    database.close()


def test_rotation_keeps_recent_days_and_first_of_each_month(db):
    start = dt.datetime(2025, 1, 20, 8, 0)
    for day in range(60):
        bk.daily_backup_if_due(db, keep_days=5, now=start + dt.timedelta(days=day))
    manual = bk.backup_database(db, reason="manual")
    kept = bk.list_backups(db.path)
    daily = sorted(b.taken_at.date() for b in kept if b.reason == bk.DAILY)
    last = (start + dt.timedelta(days=59)).date()
    recent = [last - dt.timedelta(days=n) for n in range(5)]
    assert set(recent) <= set(daily)
    assert dt.date(2025, 1, 20) in daily and dt.date(2025, 2, 1) in daily and dt.date(2025, 3, 1) in daily
    assert len(daily) == 5 + 3  # nothing else survives
    assert manual in [b.path for b in kept]  # manual and safety copies are never rotated away


def test_backups_folder_and_files_are_private(db):
    path = bk.backup_database(db)
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
        assert path.parent.stat().st_mode & 0o777 == 0o700


def test_restore_brings_back_the_backup_and_keeps_the_current_file(db):
    _add(db, "Before NV")
    copy = bk.backup_database(db)
    _add(db, "After NV")
    path = db.path
    result = bk.restore(path, copy, db=db)
    assert _names(path) == {"Before NV"}
    assert result.safety_copy is not None and _names(result.safety_copy) == {"Before NV", "After NV"}
    assert not os.path.exists(f"{path}-wal") or os.path.getsize(f"{path}-wal") == 0


def test_restore_discards_the_old_wal(tmp_path):
    """Uncheckpointed WAL frames of the old file must never be replayed onto the restored one."""
    path = tmp_path / "wal.cmdb"
    database = open_database(path)
    _add(database, "Old NV")
    copy = bk.backup_database(database)
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA wal_autocheckpoint=0")
    raw.execute("UPDATE member SET name = 'Only in the WAL'")
    raw.commit()
    assert os.path.getsize(f"{path}-wal") > 0
    raw.close()
    database.close()
    bk.restore(path, copy)
    assert _names(path) == {"Old NV"}
    check = open_database(path)
    from clustermanager.services.integrity import run_checks

    assert run_checks(check).ok
    check.close()


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_restore_refuses_a_file_that_is_not_a_database(db, tmp_path, content):
    _add(db, "Kept NV")
    bad = tmp_path / "bad.cmdb"
    bad.write_bytes(content)
    with pytest.raises(DatabaseError, match="bad.cmdb"):
        bk.restore(db.path, bad, db=None)
    assert _names(db.path) == {"Kept NV"}


def _sql(path, statement: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.commit()
    conn.close()


def test_restore_refuses_another_sqlite_file_and_a_newer_schema(db, tmp_path):
    other = tmp_path / "other.sqlite"
    _sql(other, "CREATE TABLE t (x)")
    with pytest.raises(DatabaseError, match="not a ClusterManager database"):
        bk.restore(db.path, other)
    newer = bk.backup_database(db)
    _sql(newer, "UPDATE alembic_version SET version_num = 'from_the_future'")
    with pytest.raises(DatabaseError, match="newer ClusterManager"):
        bk.restore(db.path, newer)


def test_restore_refuses_the_database_itself(db):
    with pytest.raises(DatabaseError, match="the database itself"):
        bk.restore(db.path, db.path)


def test_cli_backup_list_restore(tmp_path, capsys):
    path = tmp_path / "cli.cmdb"
    assert cli(["--db", str(path), "members", "add", "--name", "Cli NV", "--kind", "company"]) == 0
    target = tmp_path / "copy.cmdb"
    assert cli(["--db", str(path), "backup", "--to", str(target)]) == 0
    assert target.exists()
    assert cli(["--db", str(path), "members", "add", "--name", "Later NV", "--kind", "company"]) == 0
    assert cli(["--db", str(path), "backups", "list"]) == 0
    assert "daily" in capsys.readouterr().out  # the second write command took the day's backup
    assert cli(["--db", str(path), "restore", str(target)]) == 0
    assert _names(path) == {"Cli NV"}
    assert cli(["--db", str(path), "restore", str(tmp_path / "missing.cmdb")]) == 2
    assert "missing.cmdb" in capsys.readouterr().err
    assert _names(path) == {"Cli NV"}


def test_cli_restore_refused_while_another_instance_has_it_open(tmp_path, capsys):
    from clustermanager.instance_lock import InstanceLock

    path = tmp_path / "busy.cmdb"
    assert cli(["--db", str(path), "members", "add", "--name", "Busy NV", "--kind", "company"]) == 0
    copy = tmp_path / "copy.cmdb"
    assert cli(["--db", str(path), "backup", "--to", str(copy)]) == 0
    with InstanceLock(path):
        assert cli(["--db", str(path), "restore", str(copy)]) == 2
    assert "already open" in capsys.readouterr().err


def test_backup_of_a_server_database_is_refused(tmp_path):
    with pytest.raises(DatabaseError, match="pg_dump"):
        from clustermanager.cli.backup import database_file

        database_file(type("Args", (), {"db": "postgresql+psycopg://u@localhost/x"})())


def test_names_and_reasons_survive_collisions(db):
    first = bk.backup_database(db, reason="before-schema-0001")
    second = bk.backup_database(db, reason="before-schema-0001")  # same second
    infos = {b.path: b.reason for b in bk.list_backups(db.path)}
    assert first != second and infos[first] == infos[second] == "before-schema-0001"
