"""Extra figure cards on the dashboard, added by features (outstanding fees, participations...).

`DashboardCard(title, "module:function")`: `title` marked with N_(); `function(session)` returns
`(value, note)` as display text, or `(value, note, WARNING)` to show the card as a warning (red), and
runs on the worker thread with the dashboard's session, so it must be Qt-free (a service). Add
entries by appending a line.
"""

from __future__ import annotations

from dataclasses import dataclass

from clustermanager.i18n import N_

WARNING = "warning"  # the third element of a card's result: something needs the user's attention


@dataclass(frozen=True)
class DashboardCard:
    title: str
    target: str


DASHBOARD_CARDS: list[DashboardCard] = [
    DashboardCard(N_("Own share (self-funding)"), "clustermanager.ui.funding_card:self_funding_card"),
]
