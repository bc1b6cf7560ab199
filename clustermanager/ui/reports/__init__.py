"""The progress report screen and its charts.

What it adds to the window is declared here (`FEATURE`, see shell/registry.py).
"""

from clustermanager.i18n import N_
from clustermanager.ui.shell.registry import Contributions, DashboardCard, MenuAction, ScreenSpec

FEATURE = Contributions(
    screens=(ScreenSpec("reports", N_("Progress report"), "clustermanager.ui.reports.screen:ReportsScreen"),),
    menu_actions=(MenuAction("file", N_("Export monitoring list…"), None,
                             "clustermanager.ui.reports.monitoring_action:export_monitoring_action"),),
    dashboard_cards=(DashboardCard(N_("Targets and results"), "clustermanager.reports.indicators.card:indicators_card"),),
)
