"""The window's side of data safety: the instance lock and daily backup when a database opens,
Help > Check database, File > Restore from backup. The work itself is Qt-free (backup, instance_lock,
services.integrity); long parts run through the TaskRunner.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog

from clustermanager import backup as bk
from clustermanager.errors import DatabaseError
from clustermanager.i18n import _
from clustermanager.instance_lock import DatabaseInUseError, InstanceLock
from clustermanager.ui.common import dialogs
from clustermanager.ui.database.files import FILE_FILTER, open_location


def database_opened(window) -> None:
    """Called by MainWindow.database_opened(): lock the file for this window, take the day's backup."""
    db = window.ctx.db
    lock: InstanceLock | None = getattr(window, "instance_lock", None)
    if lock is not None and lock.db_path != db.path:
        lock.release()
        lock = window.instance_lock = None
    if db.path is None:
        return
    if lock is None:
        lock = InstanceLock(db.path)
        try:
            lock.acquire()
        except DatabaseInUseError as exc:  # the second instance is told; the user decides what to do
            window.show_error(exc)
        else:
            window.instance_lock = lock
            app = QApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(lock.release)
    keep = window.ctx.settings.backup_keep_days
    window.ctx.tasks.run(lambda _session, _progress: bk.daily_backup_if_due(db, keep_days=keep),
                         label=_("Daily backup…"),
                         on_success=lambda path: path and window.statusBar().showMessage(
                             _("Backed up to {path}").format(path=path), 5000),
                         on_error=window.show_error)


def check_database(window) -> None:
    """Help > Check database: integrity, foreign keys, schema, the domain's rules; the findings in a dialog."""
    from clustermanager.services.integrity import run_checks
    from clustermanager.ui.common import errors

    db = window.ctx.db

    def show(report) -> None:
        lines = [f"{'✓' if f.ok else '✗'} {f.message}" for f in report.findings]
        title = _("All checks passed.") if report.ok else _("Some checks failed.")
        errors.message_box(window, _("Check database"), title + "\n\n" + "\n".join(lines), critical=not report.ok)

    window.ctx.tasks.run(lambda _session, _progress: run_checks(db), label=_("Checking the database…"),
                         on_success=show)


def restore_from_backup(window, backup: str | Path | None = None) -> None:
    """File > Restore from backup...: pick a backup, confirm, restore (current file backed up first), reopen."""
    ctx = window.ctx
    path = ctx.db.path
    if path is None:
        window.show_error(DatabaseError(_("Only a database file can be restored here; use pg_restore for a server.")))
        return
    if backup is None:
        folder = path.parent / "backups"
        name, _filter = QFileDialog.getOpenFileName(window, _("Restore from backup"),
                                                    str(folder if folder.is_dir() else path.parent), FILE_FILTER)
        if not name:
            return
        backup = name
    backup = Path(backup)
    if not dialogs.confirm(window, _("Restore from backup"),
                           _("Replace {db} by {backup}?\nThe database as it is now is backed up first.").format(
                               db=path.name, backup=backup.name), action=_("Restore")):
        return
    ctx.tasks.wait_idle()  # no other job may hold the file while it is replaced
    db = ctx.db

    def done(result) -> None:
        try:
            ctx.set_database(open_location(path, create=False))
        except Exception as exc:  # noqa: BLE001 (shown; the safety copy is named in the status bar)
            window.show_error(exc)
            return
        window.database_opened()
        window.statusBar().showMessage(_("Restored from {backup}; the previous database is kept in {copy}.").format(
            backup=backup.name, copy=result.safety_copy), 10000)

    ctx.tasks.run(lambda _session, _progress: bk.restore(path, backup, db=db), label=_("Restoring…"),
                  on_success=done)
