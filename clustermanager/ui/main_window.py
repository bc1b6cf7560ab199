"""The main window: a sidebar, the screens in a stack (built on first use), menus and a status bar.

Built in two steps so the app can show it before the database (and SQLAlchemy) is loaded: the frame
(sidebar, empty content, "Opening…") needs no database; `attach(ctx)` adds the menus and the screens.
`MainWindow(ctx)` does both at once.

Kept thin on purpose: File actions live in database/files.py, menus in shell/menus.py, background-work
display in shell/task_status.py, and each screen in its feature's package (members/screen.py, ...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from clustermanager.i18n import _
from clustermanager.ui.common.screen import Screen
from clustermanager.ui.shell import registry
from clustermanager.ui.shell.registry import ScreenSpec, load_object
from clustermanager.ui.shell.sidebar import Sidebar
from clustermanager.ui.shell.window_settings import window_settings

if TYPE_CHECKING:  # importing these loads SQLAlchemy: only once the database is open
    from clustermanager.ui.context import AppContext


PREFERRED_SIZE = QSize(1200, 760)
TITLE_BAR = 40  # what the window manager adds above the window, which availableGeometry() does not count


def first_size(available: QRect | None) -> QSize:
    """The first window: 1200 x 760 where that fits, else the screen's free area (a 1280 x 720 laptop
    with its taskbar) less the title bar, so the status bar is never off screen."""
    if available is None:
        return PREFERRED_SIZE
    return QSize(min(PREFERRED_SIZE.width(), available.width()),
                 min(PREFERRED_SIZE.height(), available.height() - TITLE_BAR))


def available_screens() -> list[ScreenSpec]:
    return registry.screens()


class MainWindow(QMainWindow):
    # The fast start prepares the frame's keyboard manners just after its first paint instead of when it
    # shows (ui/startup.py); nothing in the frame needs them sooner: the sidebar names itself.
    keyboard_access_after_paint = False

    def __init__(self, ctx: AppContext | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self.specs = available_screens()
        self.screens: dict[str, Screen] = {}
        self.files = None
        self.menus: dict = {}
        self._wanted: str | None = None  # a screen chosen in the sidebar before the database was open

        self.sidebar = Sidebar(self.specs)
        self.stack = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        for spec in self.specs:  # empty pages; the screen is built the first time it is shown
            page = QWidget()
            page.setLayout(QHBoxLayout())
            page.layout().setContentsMargins(0, 0, 0, 0)
            self._pages[spec.key] = page
            self.stack.addWidget(page)
        self.opening = QLabel()  # the content area until the database is open
        self.opening.setObjectName("opening")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.opening)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        self.content = QVBoxLayout()  # a banner (a damaged database) above the screens
        self.content.setContentsMargins(0, 0, 0, 0)
        self.content.addWidget(self.stack, 1)
        layout.addLayout(self.content, 1)
        self.damaged_banner = None
        self.setCentralWidget(central)

        self.screen_status = QLabel()
        self.statusBar().addPermanentWidget(self.screen_status)
        self.sidebar.screen_chosen.connect(self.show_screen)
        self._restore_state()
        self.setWindowTitle("ClusterManager")
        if ctx is not None:
            self.attach(ctx)

    def show_opening(self, database: str) -> None:
        """Before `attach`: a quiet "Opening <database>…" where the screens will be."""
        self.opening.setText(_("Opening {database}…").format(database=database))
        self.stack.setCurrentWidget(self.opening)

    def attach(self, ctx: AppContext) -> None:
        """Give the frame its open database: menus, task status, title and the last used screen."""
        from clustermanager.ui.database.files import DatabaseFiles
        from clustermanager.ui.shell.menus import (
            build_menus,  # not needed by the frame: imported after it shows
        )
        from clustermanager.ui.shell.task_status import TaskStatus

        self.ctx = ctx
        self.files = DatabaseFiles(self)
        ctx.tasks.error_handler = self.show_error
        self.task_status = TaskStatus(ctx.tasks)
        self.statusBar().insertPermanentWidget(0, self.task_status)  # before the screen's status, as always
        self.menus = build_menus(self, self.menuBar())
        from clustermanager.ui.database.damaged_banner import DamagedBanner

        self.damaged_banner = DamagedBanner(self)
        self.content.insertWidget(0, self.damaged_banner)
        self.damaged_banner.update_for(ctx.db)
        ctx.database_changed.connect(lambda: self.damaged_banner.update_for(self.ctx.db))
        ctx.database_changed.connect(self._update_title)
        ctx.data_changed.connect(lambda topic: topic == "cluster" and self._update_title())
        self._update_title()
        if self.specs:
            self.show_screen(self.first_screen())

    def first_screen(self) -> str:
        """The screen `attach` shows: one chosen while opening, else the one shown when the window was
        last closed, else the first."""
        if self._wanted:
            return self._wanted
        return window_settings().value("screen", self.specs[0].key) if self.specs else ""

    # -- screens ---------------------------------------------------------------------------------

    def screen(self, key: str) -> Screen:
        """The screen with this key, built now if this is its first use."""
        if key not in self.screens:
            spec = next(s for s in self.specs if s.key == key)
            screen = load_object(spec.target)(self.ctx)
            self._pages[key].layout().addWidget(screen)
            screen.show()  # now, not from the layout's queued show: its first refresh starts at once
            screen.status_changed.connect(lambda text, k=key: self._screen_status(k, text))
            from clustermanager.ui.shell import keyboard_access

            keyboard_access.prepare(screen)  # its controls named, Tab leaving its tables
            self.screens[key] = screen
        return self.screens[key]

    def showEvent(self, event):  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self.keyboard_access_after_paint:
            self.prepare_keyboard_access()

    def prepare_keyboard_access(self) -> None:
        """The sidebar, menus' widgets and any screen already built: named, Tab leaving the tables."""
        from clustermanager.ui.shell import keyboard_access  # every widget class it checks: 4 ms to load

        keyboard_access.prepare(self)

    def page(self, key: str) -> QWidget | None:
        """The stack's page for screen `key` (empty until the screen is first shown)."""
        return self._pages.get(key)

    def current_key(self) -> str | None:
        page = self.stack.currentWidget()
        return next((k for k, p in self._pages.items() if p is page), None)

    def show_screen(self, key: str) -> Screen | None:
        if key not in self._pages:
            key = self.specs[0].key
        if self.ctx is None:  # still opening: show it once the database is there
            self._wanted = key
            self.sidebar.select(key)
            return None
        try:
            screen = self.screen(key)
        except Exception as exc:  # noqa: BLE001 (a broken screen must not take the window down)
            self.show_error(exc)
            return None
        self.stack.setCurrentWidget(self._pages[key])
        self.sidebar.select(key)
        self.screen_status.setText(screen.status_text())
        return screen

    def refresh_current(self) -> None:
        key = self.current_key()
        if key in self.screens:
            self.screens[key].refresh()

    def focus_search(self) -> None:
        key = self.current_key()
        screen = self.screens.get(key) if key else None
        if screen is not None and hasattr(screen, "focus_search"):
            screen.focus_search()

    def _screen_status(self, key: str, text: str) -> None:
        if key == self.current_key():
            self.screen_status.setText(text)

    # -- database and dialogs --------------------------------------------------------------------

    def database_opened(self) -> None:
        """After File > New/Open: offer the first-run choices on an empty database."""
        from clustermanager.ui.database.data_safety import database_opened as guard_database
        from clustermanager.ui.database.first_run import offer_first_run

        guard_database(self)  # the instance lock and the day's backup
        offer_first_run(self)

    def edit_profile(self) -> None:
        from clustermanager.ui.shell.profile_dialog import edit_profile

        edit_profile(self)

    def show_preferences(self) -> None:
        from clustermanager.ui.shell.preferences import PreferencesDialog

        PreferencesDialog(self.ctx, self).exec()

    def show_about(self) -> None:
        from clustermanager.ui.shell.about_dialog import show_about_dialog

        show_about_dialog(self)  # version, database, bundled libraries and their licences

    def show_error(self, exc: BaseException) -> None:
        from clustermanager.ui.common.errors import show_error  # the error path: loaded on the first error

        show_error(self, exc)

    def _update_title(self) -> None:
        from clustermanager.services.cluster import get_profile
        from clustermanager.ui import operations

        self.setWindowFilePath(str(self.ctx.db.path or ""))
        if not self.windowTitle():
            self.setWindowTitle("ClusterManager")  # the cluster's name follows from the database
        operations.query(self.ctx, get_profile, owner=self, key="title", on_success=self._show_title,
                         on_error=lambda _exc: self._show_title(None))  # a title is not worth an error dialog

    def _show_title(self, profile) -> None:
        name = profile.name if profile else _("No cluster yet")
        self.setWindowTitle(f"{name} — ClusterManager")

    # -- window state ----------------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = window_settings()
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            self._fit_to_screen()  # remembered on a bigger screen than this one: bring it back in
            return
        self.resize(first_size(self._available()))

    def _available(self):
        screen = QWidget.screen(self) or QGuiApplication.primaryScreen()  # self.screen(key) is a screen of ours
        return screen.availableGeometry() if screen is not None else None

    def _fit_to_screen(self) -> None:
        available = self._available()
        if available is None:
            return
        frame = self.frameGeometry()
        if frame.width() > available.width() or frame.height() > available.height():
            self.resize(min(self.width(), available.width()), min(self.height(), available.height()))
        if not available.contains(self.frameGeometry().topLeft()):
            self.move(available.topLeft())

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        settings = window_settings()
        settings.setValue("geometry", self.saveGeometry())
        if self.current_key():
            settings.setValue("screen", self.current_key())
        settings.sync()
        if self.ctx is not None:
            self.ctx.tasks.shutdown()
        super().closeEvent(event)
