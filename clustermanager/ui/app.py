"""The composition root: QApplication, settings, language, database, AppContext, MainWindow.

`main` shows the window frame first and opens the database after the first paint, on a worker thread
(ui/startup.py), so the window is there before SQLAlchemy is even imported (docs/performance.md).
Nothing that loads SQLAlchemy is imported at module level here for that reason.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from clustermanager import config, i18n
from clustermanager.ui.main_window import MainWindow
from clustermanager.ui.shell import garbage
from clustermanager.ui.shell.app_icon import app_icon
from clustermanager.ui.shell.qt_translations import install_qt_translations
from clustermanager.ui.shell.style import apply_style

if TYPE_CHECKING:
    from clustermanager.db import Database
    from clustermanager.ui.context import AppContext


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(config.APP_NAME)
    app.setOrganizationName(config.APP_AUTHOR)
    app.setApplicationDisplayName("ClusterManager")
    apply_style(app)
    garbage.install(app)  # collected on the main thread only: see shell/garbage.py
    app.setWindowIcon(app_icon())
    return app


def database_location(database: str | os.PathLike | None, settings: config.AppSettings) -> str | os.PathLike | None:
    """What to open: the one asked for, else the last one used (None: the default database)."""
    return database if database is not None else (settings.last_database or None)


def open_context(db: Database, settings: config.AppSettings) -> AppContext:
    """The AppContext over an open database, remembered as the last one used."""
    from clustermanager.ui.context import AppContext

    ctx = AppContext(db, settings)
    if db.path is not None:
        settings.remember_database(str(db.path))
        settings.save()
    return ctx


def create_main_window(database: str | os.PathLike | Database | None = None,
                       settings: config.AppSettings | None = None) -> MainWindow:
    """A ready window over `database` (a path, URL or open Database; None: the last or default one).

    Needs a QApplication (pytest-qt's `qapp`, or `application()`). The window is not shown.
    """
    from clustermanager.db import Database
    from clustermanager.ui.database.files import open_location

    settings = settings if settings is not None else config.AppSettings.load()
    db = database if isinstance(database, Database) else open_location(database_location(database, settings))
    return MainWindow(open_context(db, settings))


def window_language(asked: str | None, settings: config.AppSettings) -> str | None:
    """The window's language: the one asked for on the command line (this run only, not saved), else
    the one chosen in Preferences, else None (the system's)."""
    return asked or settings.language or None


def main(database: str | None = None, language: str | None = None, verbose: bool = False) -> int:
    from clustermanager.ui.startup import FastStart

    settings = config.AppSettings.load()
    i18n.set_language(window_language(language, settings))
    app = application()
    apply_style(app, settings.appearance)
    install_qt_translations(app, i18n.current_language())  # Qt's own dialogs and buttons too
    sys.excepthook = _report_uncaught
    # The frame is shown now; the database opens after the first paint, and the log file is attached
    # then too (logging.handlers loads socket, pickle and queue); a bug before that attaches it itself.
    start = FastStart(database, settings, before_open=lambda: _attach_log_file(verbose))
    code = app.exec()
    return start.finish(code)


def _attach_log_file(verbose: bool) -> None:
    from clustermanager import logging_setup

    logging_setup.configure(verbose)


def _report_uncaught(exc_type, exc, tb) -> None:
    """An exception escaping a slot: log it, say so in one sentence, keep the window open."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    from clustermanager.ui.common.errors import show_error

    show_error(QApplication.activeWindow(), exc.with_traceback(tb), where="slot")


if __name__ == "__main__":
    sys.exit(main())
