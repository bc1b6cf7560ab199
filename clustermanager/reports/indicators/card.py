"""The dashboard's indicators card (Qt-free, run on the worker): traffic lights for this year's
targets, the indicators that are behind named first, and the rule as the tooltip."""

from __future__ import annotations

import datetime as dt

from clustermanager.i18n import _
from clustermanager.reports.indicators.catalogue import BY_KEY
from clustermanager.reports.indicators.presentation import RULE
from clustermanager.reports.indicators.results import (
    AT_RISK,
    BEHIND,
    ON_TRACK,
    evaluation_day,
    indicator_status,
)
from clustermanager.services.dashboard import WARNING

LIGHTS = {BEHIND: "#C0392B", AT_RISK: "#E6A100", ON_TRACK: "#2E8B57"}


def indicators_card(session, *, today: dt.date | None = None) -> tuple[str, str, str | None, str]:
    """(value, note, tone, tooltip): the value is three traffic lights with their counts (behind, at
    risk, on track) as rich text; the note says it in words and names the worst first."""
    day = evaluation_day(session, today)  # after the funding period: as it ended
    rows = indicator_status(session, day.year, as_of=day, today=today)
    judged = [r for r in rows if r.status != "no_target"]
    if not judged:
        return "–", _("No targets yet: enter them on the Indicators screen or import the agency's target sheet "
                    "there."), None, _(RULE)
    counts = {s: sum(1 for r in judged if r.status == s) for s in (BEHIND, AT_RISK, ON_TRACK)}
    value = "&nbsp;&nbsp;".join(f'<span style="color:{LIGHTS[s]}">●</span>&nbsp;{counts[s]}'
                                for s in (BEHIND, AT_RISK, ON_TRACK))
    worst = [r for s in (BEHIND, AT_RISK) for r in judged if r.status == s][:3]
    names = ", ".join(r.name or BY_KEY[r.key].label_in() for r in worst)
    note = _("{behind} behind, {risk} at risk, {ok} on track.").format(
        behind=counts[BEHIND], risk=counts[AT_RISK], ok=counts[ON_TRACK])
    if worst:
        note += " " + (_("Behind first: {names}") if counts[BEHIND] else _("At risk: {names}")).format(names=names)
    return value, note, WARNING if counts[BEHIND] else None, _(RULE)
