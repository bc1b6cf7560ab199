"""The fast start (`ui.app.main`): show the window frame at once, open the database after the first paint.

Opening the database imports SQLAlchemy and the models, three times what showing a bare window costs,
so it runs on a worker thread once the frame has been painted; the open Database comes back to the
main thread through a queued signal and the real screens are built into the same window.

When the first screen is the dashboard, the worker first reads the figures it showed last time from the
database file (standard library `sqlite3`, services/dashboard_snapshot.py) and the window shows them,
greyed and dated, before SQLAlchemy is imported; the dashboard replaces them with the fresh ones.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from clustermanager import config
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
    # How long opening the database waits for the kept figures' first paint: a moment, so the
    # figures show first; longer would delay the real ones on a slow machine (tests raise it).
    KEPT_PAINT_WAIT_S = 0.5

    """Shows a MainWindow frame now and attaches the database once a worker has opened it.

    On an error the message is shown as before (`show_error`); the last database falls back to the
    default one, a database asked for by name ends the app with exit code 1.
    """

    opened = Signal(object)  # the open Database, emitted on the worker thread
    failed = Signal(object)  # the exception, emitted on the worker thread
    kept = Signal(object)  # the dashboard's figures kept from last time (a DashboardSnapshot), from the worker

    def __init__(self, database: str | os.PathLike | None, settings: config.AppSettings,
                 before_open: Callable[[], None] | None = None):
        super().__init__()
        from clustermanager.ui.app import database_location

        self.settings = settings
        self._before_open = before_open
        self.asked_for = database
        self.fell_back = False
        self.window = MainWindow()
        self._thread: threading.Thread | None = None
        self._unclaimed = None  # a Database the worker opened that the window has not taken yet
        self.kept_snapshot = None  # shown until the dashboard has its fresh figures
        self.kept_shown_at: float | None = None  # time.time() when they were painted (benchmarks/run.py)
        self.kept_painted_text: str | None = None  # the active-members figure painted then (tests)
        self.kept_painted_before_open = False
        self._kept_board = None
        self._kept_painted = threading.Event()
        self.opened.connect(self._attach)  # slots of this main-thread object: delivered queued
        self.failed.connect(self._failed)
        self.kept.connect(self._show_kept)
        location = database_location(database, settings)
        self.window.show_opening(location_label(location))
        _AfterFirstPaint(self.window, lambda: self._first_painted(location))
        self.window.keyboard_access_after_paint = True
        self.window.show()

    def _first_painted(self, location) -> None:
        """What the frame did not need: its keyboard manners, the caller's `before_open` (ui.app.main
        attaches the log file), then the database."""
        self.window.keyboard_access_after_paint = False
        self.window.prepare_keyboard_access()
        if self._before_open is not None:
            self._before_open()
        self._open(location)

    def _open(self, location) -> None:
        dashboard_first = self.window.first_screen() == "dashboard" and self.kept_snapshot is None
        self._thread = threading.Thread(target=self._work, args=(location, self._modules_to_preload(), dashboard_first),
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

    def _work(self, location, preload: list[str], dashboard_first: bool = False) -> None:
        if dashboard_first:
            self._read_kept(location)
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

    def _read_kept(self, location) -> None:
        """On the worker: the dashboard's figures kept in the file; shown, then painted, before the
        worker goes on to import SQLAlchemy (which would hold the interpreter meanwhile)."""
        from clustermanager import i18n
        from clustermanager.services.dashboard_snapshot import read_from_file

        snapshot = read_from_file(location or config.default_database_path())
        if snapshot is not None and snapshot.language == i18n.current_language():
            self.kept.emit(snapshot)
            self._kept_painted.wait(self.KEPT_PAINT_WAIT_S)

    @Slot(object)
    def _show_kept(self, snapshot) -> None:
        from clustermanager.ui.dashboard.board import DashboardBoard

        page = self.window.page("dashboard")
        if page is None or self.window.ctx is not None:
            self._kept_painted.set()
            return
        self.kept_snapshot = snapshot
        self._kept_board = DashboardBoard()
        self._kept_board.show_snapshot(snapshot, stale=True)
        page.layout().addWidget(self._kept_board)
        self.window.stack.setCurrentWidget(page)

        def painted() -> None:
            self.kept_shown_at = time.time()
            board = self._kept_board
            # what was on screen at that moment, and whether the database was still opening
            self.kept_painted_text = board.active.value.text() if board is not None else None
            self.kept_painted_before_open = self.window.ctx is None
            self._kept_painted.set()

        _AfterFirstPaint(self._kept_board, painted, latest_ms=300)

    @Slot(object)
    def _attach(self, db) -> None:
        from clustermanager.ui.app import open_context

        self._unclaimed = None
        ctx = open_context(db, self.settings)
        ctx.startup_figures, self.kept_snapshot = self.kept_snapshot, None
        self._drop_kept_board()  # the dashboard screen takes over what it showed
        self.window.attach(ctx)
        self.window.database_opened()

    def _drop_kept_board(self) -> None:
        if self._kept_board is not None:
            self._kept_board.setParent(None)
            self._kept_board.deleteLater()
            self._kept_board = None

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._drop_kept_board()  # never left on screen over another database
        self.kept_snapshot = None
        self._kept_painted.clear()
        from clustermanager.ui.common.errors import show_error

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
