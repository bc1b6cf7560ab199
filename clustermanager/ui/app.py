"""The composition root: QApplication, settings, language, database, AppContext, MainWindow."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

from clustermanager import config, i18n, logging_setup
from clustermanager.db import Database
from clustermanager.ui.app_icon import app_icon
from clustermanager.ui.context import AppContext
from clustermanager.ui.database_files import open_location
from clustermanager.ui.errors import show_error
from clustermanager.ui.main_window import MainWindow
from clustermanager.ui.qt_translations import install_qt_translations
from clustermanager.ui.style import apply_style


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(config.APP_NAME)
    app.setOrganizationName(config.APP_AUTHOR)
    app.setApplicationDisplayName("ClusterManager")
    apply_style(app)
    app.setWindowIcon(app_icon())
    return app


def create_main_window(database: str | os.PathLike | Database | None = None,
                       settings: config.AppSettings | None = None) -> MainWindow:
    """A ready window over `database` (a path, URL or open Database; None: the last or default one).

    Needs a QApplication (pytest-qt's `qapp`, or `application()`). The window is not shown.
    """
    settings = settings if settings is not None else config.AppSettings.load()
    if isinstance(database, Database):
        db = database
    else:
        db = open_location(database if database is not None else (settings.last_database or None))
    ctx = AppContext(db, settings)
    if db.path is not None:
        settings.remember_database(str(db.path))
        settings.save()
    return MainWindow(ctx)


def main(database: str | None = None) -> int:
    logging_setup.configure()
    settings = config.AppSettings.load()
    i18n.set_language(settings.language or None)
    app = application()
    install_qt_translations(app, i18n.current_language())  # Qt's own dialogs and buttons too
    sys.excepthook = _report_uncaught
    try:
        window = create_main_window(database, settings)
    except Exception as exc:  # noqa: BLE001 (e.g. the last database was moved: fall back to the default)
        show_error(None, exc)
        if database is not None or not settings.last_database:
            return 1
        window = create_main_window(config.default_database_path(), settings)
    window.show()
    window.database_opened()
    code = app.exec()
    window.ctx.close()
    return code


def _report_uncaught(exc_type, exc, tb) -> None:
    """An exception escaping a slot: log it, say so in one sentence, keep the window open."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    show_error(QApplication.activeWindow(), exc.with_traceback(tb), where="slot")


if __name__ == "__main__":
    sys.exit(main())
