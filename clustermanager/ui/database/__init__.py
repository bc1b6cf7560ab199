"""Files and servers: new, open, connect, backups and restore, the first run.

What it adds to the window is declared here (`FEATURE`, see shell/registry.py).
"""

from clustermanager.i18n import N_
from clustermanager.ui.shell.registry import Contributions, MenuAction

FEATURE = Contributions(
    menu_actions=(
        MenuAction("file", N_("&Restore from backup…"), None, "clustermanager.ui.database.data_safety:restore_from_backup"),
        MenuAction("help", N_("&Check database"), None, "clustermanager.ui.database.data_safety:check_database"),
        MenuAction("file", N_("&Connect to server…"), None, "clustermanager.ui.database.connect_server:connect_to_server"),
    ),
)
