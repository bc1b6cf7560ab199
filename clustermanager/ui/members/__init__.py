"""The member register and the member detail.

What it adds to the window is declared here (`FEATURE`, see shell/registry.py).
"""

from clustermanager.i18n import N_
from clustermanager.ui.shell.registry import Contributions, MenuAction, ScreenSpec

FEATURE = Contributions(
    screens=(ScreenSpec("members", N_("Members"), "clustermanager.ui.members.screen:MembersScreen"),),
    menu_actions=(
        MenuAction("file", N_("New &member…"), "Ctrl+N", "clustermanager.ui.members.screen:new_member_action"),
        MenuAction("tools", N_("E&xport a person's data…"), None,
                   "clustermanager.ui.members.export_person:export_person"),
        MenuAction("tools", N_("&Erase a person…"), None, "clustermanager.ui.members.erase_person:erase_person"),
    ),
)
