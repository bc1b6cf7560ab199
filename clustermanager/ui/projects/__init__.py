"""Collaboration projects: the screen and one project with its partners.

What it adds to the window is declared here (`FEATURE`, see shell/registry.py).
"""

from clustermanager.i18n import N_
from clustermanager.ui.shell.registry import Contributions, MemberTab, MenuAction, ScreenSpec

FEATURE = Contributions(
    screens=(ScreenSpec("projects", N_("Projects"), "clustermanager.ui.projects.screen:ProjectsScreen"),),
    member_tabs=(MemberTab(N_("Projects"), "clustermanager.ui.projects.member_tab:MemberProjectsTab"),),
    menu_actions=(MenuAction("file", N_("New &project…"), "Ctrl+Shift+P", "clustermanager.ui.projects.screen:new_project_action"),),
)
