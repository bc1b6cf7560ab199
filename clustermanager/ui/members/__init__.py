"""The member register and the member detail.

What it adds to the window is declared here (`FEATURE`, see shell/registry.py).
"""

from clustermanager.i18n import N_
from clustermanager.ui.shell.registry import Contributions, ScreenSpec

FEATURE = Contributions(
    screens=(ScreenSpec("members", N_("Members"), "clustermanager.ui.members.screen:MembersScreen"),),
)
