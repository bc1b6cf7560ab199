"""History, undo and the trash in the window: Edit > Undo/Redo, a History tab on each record, the
Recent changes screen and the Trash screen (docs/history.md; the core is services/history/).

What it adds to the window is declared here (`FEATURE`, see shell/registry.py). The History tabs of an
activity and a project are added by their dialogs (activities/detail.py, projects/detail.py).
"""

from clustermanager.i18n import N_
from clustermanager.ui.shell.registry import Contributions, MemberTab, ScreenSpec

FEATURE = Contributions(
    screens=(
        ScreenSpec("history", N_("Recent changes"), "clustermanager.ui.history.recent_screen:RecentChangesScreen"),
        ScreenSpec("trash", N_("Trash"), "clustermanager.ui.history.trash_screen:TrashScreen"),
    ),
    member_tabs=(MemberTab(N_("History"), "clustermanager.ui.history.record_tab:MemberHistoryTab"),),
    menu_hooks=("clustermanager.ui.history.undo_menu:install",),
)
