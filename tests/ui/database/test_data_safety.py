"""The window's data safety: lock and daily backup on open, Help > Check database, File > Restore."""

from __future__ import annotations

import datetime as dt

from clustermanager import backup as bk
from clustermanager.instance_lock import InstanceLock, read_owner
from clustermanager.services import members as svc
from clustermanager.ui.common import dialogs
from clustermanager.ui.shell import registry


def _member_names(ctx) -> set[str]:
    with ctx.db.session() as s:
        return {m.name for m in svc.list_members(s)}


def test_menu_entries_are_registered(window):
    texts = {(a.menu, a.text) for a in registry.menu_actions()}
    assert ("help", "&Check database") in texts and ("file", "&Restore from backup…") in texts
    file_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Restore from backup…" in file_texts


def test_opening_locks_the_file_and_takes_the_days_backup(window, shown_messages):
    window.database_opened()
    assert window.ctx.tasks.wait_idle()
    path = window.ctx.db.path
    import os

    assert read_owner(path).pid == os.getpid()
    assert [b.reason for b in bk.list_backups(path)] == [bk.DAILY]
    window.database_opened()  # again the same day: no second backup, the lock is kept
    assert window.ctx.tasks.wait_idle()
    assert len(bk.list_backups(path)) == 1 and window.instance_lock.held
    assert not shown_messages
    window.instance_lock.release()


def test_second_instance_is_told(window, shown_messages):
    with InstanceLock(window.ctx.db.path):  # another ClusterManager has it open
        window.database_opened()
        assert window.ctx.tasks.wait_idle()
    assert any("already open in another ClusterManager" in text for _title, text, _crit in shown_messages)


def test_check_database_shows_the_findings(window, shown_messages):
    from clustermanager.ui.database.data_safety import check_database

    check_database(window)
    assert window.ctx.tasks.wait_idle()
    (_title, text, critical), = shown_messages
    assert "All checks passed." in text and "SQLite integrity check: ok" in text and not critical


def test_restore_from_backup(window, shown_messages, monkeypatch):
    from clustermanager.ui.database.data_safety import restore_from_backup

    copy = bk.backup_database(window.ctx.db)
    before = _member_names(window.ctx)
    with window.ctx.db.session() as s:
        svc.create_member(s, svc.MemberInput(name="Added after the backup", kind="other", joined_on=dt.date(2024, 1, 1)))
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    restore_from_backup(window, copy)
    assert window.ctx.tasks.wait_idle()
    assert not shown_messages, shown_messages
    assert _member_names(window.ctx) == before
    safety = [b for b in bk.list_backups(window.ctx.db.path) if b.reason == "before-restore"]
    assert len(safety) == 1
    if getattr(window, "instance_lock", None):
        window.instance_lock.release()


def test_restore_refuses_a_bad_file(window, shown_messages, monkeypatch, tmp_path):
    from clustermanager.ui.database.data_safety import restore_from_backup

    bad = tmp_path / "bad.cmdb"
    bad.write_bytes(b"not a database" * 100)
    before = _member_names(window.ctx)
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    restore_from_backup(window, bad)
    assert window.ctx.tasks.wait_idle()
    assert any("bad.cmdb" in text for _title, text, _crit in shown_messages)
    assert _member_names(window.ctx) == before
