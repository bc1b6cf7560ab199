"""File menu work: new, open, recent, back up, demo. Opening is quick; the demo runs as a task."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu

from clustermanager import config
from clustermanager.backup import backup_before_migration, backup_database
from clustermanager.db import Database, open_database
from clustermanager.errors import DatabaseError
from clustermanager.i18n import _

FILE_FILTER = "ClusterManager (*.cmdb);;SQLite (*.sqlite *.db)"


def open_location(location: str | Path, *, create: bool = True) -> Database:
    """Open (create, migrate after a backup) the database at `location`."""
    return open_database(location, create=create, before_migrate=backup_before_migration)


class DatabaseFiles:
    """The File menu's actions for one MainWindow (kept out of the window class)."""

    def __init__(self, window):
        self.window = window

    @property
    def ctx(self):
        return self.window.ctx

    def _folder(self) -> str:
        path = self.ctx.db.path
        return str(path.parent if path else config.data_dir())

    def new_database(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self.window, _("New database"), self._folder(), FILE_FILTER)
        if not name:
            return
        path = Path(name).with_suffix(config.DATABASE_SUFFIX) if not Path(name).suffix else Path(name)
        if path.exists():
            self.window.show_error(DatabaseError(_("{path} already exists; open it instead.").format(path=path)))
            return
        self.switch_to(path)

    def open_database(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self.window, _("Open database"), self._folder(), FILE_FILTER)
        if name:
            self.switch_to(name, create=False)

    def switch_to(self, location: str | Path, *, create: bool = True) -> bool:
        try:
            db = open_location(location, create=create)
        except Exception as exc:  # noqa: BLE001 (shown to the user; the current database stays open)
            self.window.show_error(exc)
            return False
        self.ctx.set_database(db)
        self.window.database_opened()
        return True

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = [r for r in self.ctx.settings.recent_databases if r]
        for location in recent:
            action = menu.addAction(location)
            action.triggered.connect(lambda _checked=False, loc=location: self.switch_to(loc, create=False))
        if not recent:
            menu.addAction(_("No recent databases")).setEnabled(False)

    def save_copy(self) -> None:
        db = self.ctx.db
        if db.path is None:
            self.window.show_error(DatabaseError(_("Only a database file can be copied here.")))
            return
        suggestion = str(db.path.with_name(f"{db.path.stem}-copy{db.path.suffix}"))
        name, _filter = QFileDialog.getSaveFileName(self.window, _("Save a copy"), suggestion, FILE_FILTER)
        if not name:
            return
        self.ctx.tasks.run(lambda _session, _progress: backup_database(db, Path(name)),
                           label=_("Saving a copy…"),
                           on_success=lambda path: self.window.statusBar().showMessage(
                               _("Saved a copy to {path}").format(path=path), 8000))

    def open_demo(self, path: Path | None = None) -> None:
        """Generate the demo cluster into its own file (once), then switch to it."""
        path = Path(path) if path else config.data_dir() / f"demo{config.DATABASE_SUFFIX}"
        try:
            db = open_location(path)
        except Exception as exc:  # noqa: BLE001
            self.window.show_error(exc)
            return

        def generate(session, progress):
            from clustermanager.demo import generate_demo
            from clustermanager.services.cluster import has_profile

            if not has_profile(session):
                generate_demo(session, progress=lambda p, m: progress.report(p, m))

        def done(_result) -> None:
            self.ctx.set_database(db)
            self.window.database_opened()

        def failed(exc) -> None:
            db.close()
            self.window.show_error(exc)

        self.ctx.tasks.run(generate, label=_("Creating the demo cluster…"), on_success=done, on_error=failed,
                           database=db)
