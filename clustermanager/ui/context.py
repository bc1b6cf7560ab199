"""What every screen and dialog is given: the open database, the task runner, change signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from clustermanager.config import AppSettings
from clustermanager.db import Database
from clustermanager.ui.operations import Change
from clustermanager.ui.tasks import TaskRunner

TOPICS = tuple(str(c) for c in Change)  # the data_changed topics: ui/operations.py `Change`


class AppContext(QObject):
    """Passed to screens as `ctx`; never a global. `notify(topic)` after a change refreshes others."""

    database_changed = Signal()
    data_changed = Signal(str)

    def __init__(self, db: Database, settings: AppSettings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.settings = settings if settings is not None else AppSettings.load()
        self.tasks = TaskRunner(lambda: self.db, self)
        # The dashboard's figures kept from last time, read by the fast start before the database opened
        # (ui/startup.py); the dashboard shows them until its fresh ones are computed.
        self.startup_figures = None

    def notify(self, topic: Change | str) -> None:
        """Tell every screen that `topic` changed. A write through `operations.change` does this itself;
        notify is for work that changed data otherwise (an import run as its own task)."""
        self.data_changed.emit(topic)

    def set_database(self, db: Database) -> None:
        """Switch to another open database (File > Open); the old one is closed."""
        self.tasks.shutdown()
        old, self.db = self.db, db
        if old is not db:
            old.close()
        self.settings.remember_database(location_to_remember(db))
        self.settings.save()
        self.database_changed.emit()

    def close(self) -> None:
        self.tasks.shutdown()
        self.db.close()


def location_to_remember(db: Database) -> str:
    """The file, or the server's address WITHOUT its password: settings.json is no place for one."""
    return str(db.path) if db.path else db.url._replace(password=None).render_as_string(hide_password=False)  # set() keeps a None
