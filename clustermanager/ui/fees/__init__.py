"""Fees: the screen, fee calls, schedule, matching payments, self-funding, the member's Fees tab.

What it adds to the window is declared here (`FEATURE`, see shell/registry.py).
"""

from clustermanager.i18n import N_
from clustermanager.ui.shell.registry import Contributions, DashboardCard, MemberTab, MenuAction, ScreenSpec

FEATURE = Contributions(
    screens=(ScreenSpec("fees", N_("Membership fees"), "clustermanager.ui.fees.screen:FeesScreen"),),
    menu_actions=(MenuAction("tools", N_("Import bank statement…"), None,
                             "clustermanager.ui.fees.screen:import_statement_action"),),
    member_tabs=(MemberTab(N_("Fees"), "clustermanager.ui.fees.member_tab:MemberFeesTab"),),
    dashboard_cards=(DashboardCard(N_("Own share (self-funding)"),
                                   "clustermanager.services.self_funding_verdict:self_funding_card"),),
)
