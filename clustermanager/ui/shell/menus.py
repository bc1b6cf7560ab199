"""The menu bar: standard entries with the platform's usual shortcuts, plus the features' registered entries."""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from clustermanager.i18n import N_, _
from clustermanager.ui.shell import registry
from clustermanager.ui.shell.registry import MENUS, load_object
from clustermanager.ui.shell.style import apply_style


def standard(key: QKeySequence.StandardKey, fallback: str) -> QKeySequence:
    """The platform's shortcut for `key`, or `fallback` where the platform has none (Quit on Windows)."""
    sequence = QKeySequence(key)
    return sequence if not sequence.isEmpty() else QKeySequence(fallback)


def add_action(menu: QMenu, text: str, slot, shortcut=None, *, role=None) -> QAction:
    action = QAction(text, menu)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if role is not None:
        action.setMenuRole(role)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window, bar: QMenuBar) -> dict[str, QMenu]:
    """Create File/Edit/View/Tools/Help for `window` (a MainWindow) and return them by key."""
    titles = {"file": _("&File"), "edit": _("&Edit"), "view": _("&View"), "tools": _("&Tools"),
              "help": _("&Help")}
    menus = {key: bar.addMenu(titles[key]) for key in MENUS}
    files = window.files
    file_menu = menus["file"]
    add_action(file_menu, _("&New database…"), files.new_database, "Ctrl+Shift+N")  # Ctrl+N: New member
    add_action(file_menu, _("&Open database…"), files.open_database, QKeySequence.StandardKey.Open)
    window.recent_menu = file_menu.addMenu(_("Open &recent"))
    window.recent_menu.aboutToShow.connect(partial(files.fill_recent_menu, window.recent_menu))
    file_menu.addSeparator()
    add_action(file_menu, _("&Back up / save a copy…"), files.save_copy,
               standard(QKeySequence.StandardKey.SaveAs, "Ctrl+Shift+S"))
    add_action(file_menu, _("Open the &demo cluster"), files.open_demo)

    edit = menus["edit"]
    add_action(edit, _("&Find…"), window.focus_search, QKeySequence.StandardKey.Find)
    edit.addSeparator()
    add_action(edit, _("&Cluster profile…"), window.edit_profile)
    add_action(edit, _("&Preferences…"), window.show_preferences,
               standard(QKeySequence.StandardKey.Preferences, "Ctrl+,"),
               role=QAction.MenuRole.PreferencesRole)

    view = menus["view"]
    for number, spec in enumerate(window.specs, start=1):
        shortcut = f"Ctrl+{number}" if number <= 9 else None
        add_action(view, _(spec.title), partial(window.show_screen, spec.key), shortcut)
    view.addSeparator()
    add_action(view, _("&Refresh"), window.refresh_current, QKeySequence.StandardKey.Refresh)
    view.addSeparator()
    window.appearance_menu = appearance_menu(window, view)

    add_action(menus["help"], _("&About ClusterManager"), window.show_about, role=QAction.MenuRole.AboutRole)

    for entry in registry.menu_actions():
        add_action(menus[entry.menu], _(entry.text), _registered(window, entry.target), entry.shortcut)
    for hook in registry.menu_hooks():  # entries that follow the data (Edit > Undo <the last action>)
        try:
            load_object(hook)(window, menus)
        except Exception as exc:  # noqa: BLE001 (a failing feature must not close the window)
            window.show_error(exc)
    file_menu.addSeparator()  # Quit last, as on every platform
    quit_action = add_action(file_menu, _("&Quit"), window.close, standard(QKeySequence.StandardKey.Quit, "Ctrl+Q"),
                             role=QAction.MenuRole.QuitRole)
    quit_action.setObjectName("quit")
    if menus["tools"].isEmpty():
        menus["tools"].menuAction().setVisible(False)  # shown once a feature adds a tool
    return menus


def _registered(window, target: str):
    def run() -> None:
        try:
            load_object(target)(window)
        except Exception as exc:  # noqa: BLE001 (a failing feature must not close the window)
            window.show_error(exc)

    return run


APPEARANCE_TEXTS = {"system": N_("Like the &system"), "light": N_("&Light"), "dark": N_("&Dark")}


def appearance_menu(window, view: QMenu) -> QMenu:
    """View > Appearance: follow the desktop's light or dark setting, or always light, or always dark."""
    menu = view.addMenu(_("&Appearance"))
    group = QActionGroup(menu)
    chosen = window.ctx.settings.appearance if window.ctx is not None else "system"
    for key, text in APPEARANCE_TEXTS.items():
        action = add_action(menu, _(text), partial(set_appearance, window, key))
        action.setCheckable(True)
        action.setChecked(key == chosen)
        action.setObjectName(f"appearance-{key}")
        group.addAction(action)
    return menu


def set_appearance(window, appearance: str) -> None:
    from PySide6.QtWidgets import QApplication

    apply_style(QApplication.instance(), appearance)
    window.ctx.settings.appearance = appearance
    window.ctx.settings.save()
