"""The self-funding verdict in words: the Fees screen's panel and the dashboard card (runs on the worker)."""

from __future__ import annotations

import datetime as dt

from clustermanager.formatting import format_money as money
from clustermanager.formatting import format_percent
from clustermanager.i18n import _
from clustermanager.services import self_funding
from clustermanager.services.dashboard import WARNING
from clustermanager.services.self_funding import SelfFundingYear


def percent(fraction) -> str:
    """A share as the user's language writes it (69,2 % in Dutch and French)."""
    return format_percent(fraction, decimals=1)


def verdict(year: SelfFundingYear) -> tuple[str, bool]:
    """The sentence the panel shows, and whether it is a warning."""
    if not year.has_budget:
        return _("No budget set for {year}: set the budget and subsidy below to follow the own share.").format(
            year=year.year), True
    if year.met:
        return _("The members' own share for {year} is reached: {reached} of the budget (required {required}).") \
            .format(year=year.year, reached=percent(year.share_reached), required=percent(year.share_required)), False
    return _("{year} falls short by {short}: the members raised {reached} of the budget, {required} is required.") \
        .format(year=year.year, short=money(year.shortfall), reached=percent(year.share_reached),
                required=percent(year.share_required)), True


def self_funding_card(session, *, today: dt.date | None = None) -> tuple[str, str, str | None]:
    """This year's own share reached / required; a WARNING naming the amount missing when a year falls short."""
    year = (today or dt.date.today()).year
    current = self_funding.self_funding(session, year)
    value = (f"{percent(current.share_reached)} / {percent(current.share_required)}" if current.has_budget
             else "–")
    short = sorted(self_funding.years_short(session, until=year), key=lambda y: -y.year)
    if short:
        missing = "; ".join(_("{year} falls short by {short}").format(year=y.year, short=money(y.shortfall))
                            for y in short[:3])
        return value, missing + ".", WARNING
    if not current.has_budget:
        return value, _("No budget set for {year} (Fees > Self-funding).").format(year=year), None
    return value, _("Own share reached in {year} / required.").format(year=year), None
