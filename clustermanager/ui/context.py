"""What every screen and dialog is given: the open database, the task runner, change signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from clustermanager.config import AppSettings
from clustermanager.db import Database
from clustermanager.ui.tasks import TaskRunner

TOPICS = ("members", "fees", "activities", "projects", "reports", "cluster")


class AppContext(QObject):
    """Passed to screens as `ctx`; never a global. `notify(topic)` after a change refreshes others."""

    database_changed = Signal()
    data_changed = Signal(str)

    def __init__(self, db: Database, settings: AppSettings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.settings = settings if settings is not None else AppSettings.load()
        self.tasks = TaskRunner(lambda: self.db, self)

    def notify(self, topic: str) -> None:
        """Tell every screen that `topic` ("members", "fees", ...) changed."""
        self.data_changed.emit(topic)

    def set_database(self, db: Database) -> None:
        """Switch to another open database (File > Open); the old one is closed."""
        self.tasks.shutdown()
        old, self.db = self.db, db
        if old is not db:
            old.close()
        location = str(db.path) if db.path else db.url.render_as_string(hide_password=False)
        self.settings.remember_database(location)
        self.settings.save()
        self.database_changed.emit()

    def close(self) -> None:
        self.tasks.shutdown()
        self.db.close()
