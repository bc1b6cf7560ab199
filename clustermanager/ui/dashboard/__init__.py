"""The dashboard screen and its cards.

What it adds to the window is declared here (`FEATURE`, see shell/registry.py).
"""

from clustermanager.i18n import N_
from clustermanager.ui.shell.registry import Contributions, ScreenSpec

FEATURE = Contributions(
    screens=(ScreenSpec("dashboard", N_("Dashboard"), "clustermanager.ui.dashboard.screen:DashboardScreen"),),
)
