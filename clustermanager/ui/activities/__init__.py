"""Activities: the screen, one activity with its participants, kinds, registration lists.

What it adds to the window is declared here (`FEATURE`, see shell/registry.py).
"""

from clustermanager.i18n import N_
from clustermanager.ui.shell.registry import Contributions, MemberTab, MenuAction, ScreenSpec

FEATURE = Contributions(
    screens=(ScreenSpec("activities", N_("Activities"), "clustermanager.ui.activities.screen:ActivitiesScreen"),),
    menu_actions=(MenuAction("file", N_("New &activity…"), "Ctrl+Shift+A", "clustermanager.ui.activities.screen:new_activity_action"),
                  MenuAction("tools", N_("Activity kinds…"), None,
                             "clustermanager.ui.activities.kinds_dialog:edit_activity_kinds"),),
    member_tabs=(MemberTab(N_("Activities"), "clustermanager.ui.activities.member_tab:MemberActivitiesTab"),),
)
