"""Extra menu entries, added by features without touching the main window.

`MenuAction(menu, text, shortcut, "module:function")`: `menu` is "file", "edit", "view", "tools" or
"help"; `text` is marked with `N_()`; `shortcut` is a QKeySequence string ("Ctrl+I") or None;
`function(window)` runs the action with the MainWindow (its `ctx` gives the database and tasks).
Add entries by appending a line.
"""

from __future__ import annotations

from dataclasses import dataclass

from clustermanager.i18n import N_  # noqa: F401  (features use it when they add their line)

MENUS = ("file", "edit", "view", "tools", "help")


@dataclass(frozen=True)
class MenuAction:
    menu: str
    text: str
    shortcut: str | None
    target: str


MENU_ACTIONS: list[MenuAction] = [
    MenuAction("file", N_("&Restore from backup…"), None, "clustermanager.ui.data_safety:restore_from_backup"),
    MenuAction("help", N_("&Check database"), None, "clustermanager.ui.data_safety:check_database"),
    MenuAction("tools", N_("Import bank statement…"), None, "clustermanager.ui.screens.fees:import_statement_action"),
    MenuAction("tools", N_("Activity kinds…"), None, "clustermanager.ui.activity_kinds:edit_activity_kinds"),
    MenuAction("file", N_("&Import members…"), "Ctrl+I", "clustermanager.ui.exchange_actions:import_members_wizard"),
    MenuAction("file", N_("Import exchange &workbook…"), None,
               "clustermanager.ui.exchange_actions:import_exchange_workbook"),
    MenuAction("file", N_("&Export everything…"), "Ctrl+E", "clustermanager.ui.exchange_actions:export_everything"),
    MenuAction("file", N_("&Connect to server…"), None, "clustermanager.ui.connect_server:connect_to_server"),
]
