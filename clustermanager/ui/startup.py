"""The fast start (`ui.app.main`): show the window frame at once, open the database after the first paint.

Opening the database imports SQLAlchemy and the models, three times what showing a bare window costs,
so it runs on a worker thread once the frame has been painted; the open Database comes back to the
main thread through a queued signal and the real screens are built into the same window.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from clustermanager import config
from clustermanager.ui.common.errors import show_error
from clustermanager.ui.main_window import MainWindow


def location_label(location: str | os.PathLike | None) -> str:
    """The database's name for "Opening …": the file, or a URL without its password."""
    text = str(location or config.default_database_path())
    if "://" in text:
        scheme, _sep, rest = text.partition("://")
        return f"{scheme}://{rest.rpartition('@')[2]}"
    return Path(text).name


class _AfterFirstPaint(QObject):
    """Calls `callback` once, from the event loop, after `window`'s first paint (or after `latest_ms`
    if no paint comes, e.g. a window started minimised)."""

    def __init__(self, window, callback, latest_ms: int = 500):
        super().__init__(window)
        self.callback = callback
        window.installEventFilter(self)
        QTimer.singleShot(latest_ms, self._fire)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._fire)  # after the paint has been flushed to the screen
        return False

    def _fire(self) -> None:
        callback, self.callback = self.callback, None
        if callback is not None:
            callback()


class FastStart(QObject):
    """Shows a MainWindow frame now and attaches the database once a worker has opened it.

    On an error the message is shown as before (`show_error`); the last database falls back to the
    default one, a database asked for by name ends the app with exit code 1.
    """

    opened = Signal(object)  # the open Database, emitted on the worker thread
    failed = Signal(object)  # the exception, emitted on the worker thread

    def __init__(self, database: str | os.PathLike | None, settings: config.AppSettings):
        super().__init__()
        from clustermanager.ui.app import database_location

        self.settings = settings
        self.asked_for = database
        self.fell_back = False
        self.window = MainWindow()
        self._thread: threading.Thread | None = None
        self._unclaimed = None  # a Database the worker opened that the window has not taken yet
        self.opened.connect(self._attach)  # slots of this main-thread object: delivered queued
        self.failed.connect(self._failed)
        location = database_location(database, settings)
        self.window.show_opening(location_label(location))
        _AfterFirstPaint(self.window, lambda: self._open(location))
        self.window.show()

    def _open(self, location) -> None:
        self._thread = threading.Thread(target=self._work, args=(location, self._modules_to_preload()),
                                        name="open-database", daemon=True)
        self._thread.start()

    def _modules_to_preload(self) -> list[str]:
        """What attaching will import first: the screen to show (and with it the models and services),
        the start-up checks. Imported on the worker, the main thread only builds widgets."""
        key = self.window.first_screen()
        screens = [spec.target.partition(":")[0] for spec in self.window.specs if spec.key == key]
        return [*screens, "clustermanager.ui.database.files", "clustermanager.ui.shell.menus",
                "clustermanager.ui.shell.task_status", "clustermanager.services.cluster", "clustermanager.ui.database.data_safety",
                "clustermanager.ui.database.first_run"]

    def _work(self, location, preload: list[str]) -> None:
        try:
            from clustermanager.ui.database.files import open_location

            db = open_location(location)
        except Exception as exc:  # noqa: BLE001 (shown on the main thread)
            self.failed.emit(exc)
            return
        for module in preload:  # a module that fails here fails again, and is reported, where it is used
            with contextlib.suppress(Exception):
                importlib.import_module(module)
        self._unclaimed = db
        self.opened.emit(db)

    @Slot(object)
    def _attach(self, db) -> None:
        from clustermanager.ui.app import open_context

        self._unclaimed = None
        self.window.attach(open_context(db, self.settings))
        self.window.database_opened()

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        show_error(self.window, exc)
        if self.asked_for is not None or not self.settings.last_database or self.fell_back:
            QApplication.instance().exit(1)
            return
        self.fell_back = True  # the last database was moved or is broken: the default one instead
        default = config.default_database_path()
        self.window.show_opening(location_label(default))
        self._open(default)

    def finish(self, code: int) -> int:
        """After the event loop: wait for an open still running, close the database."""
        if self._thread is not None:
            self._thread.join()
        if self.window.ctx is not None:
            self.window.ctx.close()
        elif self._unclaimed is not None:  # the window was closed while the database was opening
            self._unclaimed.close()
        return code
