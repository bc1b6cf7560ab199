"""Extra figure cards on the dashboard, added by features (outstanding fees, participations...).

`DashboardCard(title, "module:function")`: `title` marked with N_(); `function(session)` returns
`(value, note)` as display text and runs on the worker thread with the dashboard's session, so it
must be Qt-free (a service). Add entries by appending a line.
"""

from __future__ import annotations

from dataclasses import dataclass

from clustermanager.i18n import N_  # noqa: F401  (features use it when they add their line)


@dataclass(frozen=True)
class DashboardCard:
    title: str
    target: str


DASHBOARD_CARDS: list[DashboardCard] = [
]
