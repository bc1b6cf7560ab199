"""Spreadsheets in and out: the member import wizard, the exchange workbook.

What it adds to the window is declared here (`FEATURE`, see shell/registry.py).
"""

from clustermanager.i18n import N_
from clustermanager.ui.shell.registry import Contributions, MenuAction

FEATURE = Contributions(
    menu_actions=(
        MenuAction("file", N_("&Import members…"), "Ctrl+I", "clustermanager.ui.exchange.actions:import_members_wizard"),
        MenuAction("file", N_("Import exchange &workbook…"), None,
                   "clustermanager.ui.exchange.actions:import_exchange_workbook"),
        MenuAction("file", N_("&Export everything…"), "Ctrl+E", "clustermanager.ui.exchange.actions:export_everything"),
    ),
)
