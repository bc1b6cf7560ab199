"""The agency's indicators: targets against results per year of the funding period, traffic lights,
entering targets, custom indicators' values and the earmarked budget, importing the target sheet.

What it adds to the window is declared here (`FEATURE`, see shell/registry.py).
"""

from clustermanager.i18n import N_
from clustermanager.ui.shell.registry import Contributions, MenuAction, ScreenSpec

FEATURE = Contributions(
    screens=(ScreenSpec("indicators", N_("Indicators"), "clustermanager.ui.indicators.screen:IndicatorsScreen"),),
    menu_actions=(MenuAction("file", N_("Import target sheet…"), None,
                             "clustermanager.ui.indicators.screen:import_targets_action"),),
)
