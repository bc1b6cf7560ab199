"""The period a report covers: a calendar year, several years, or the whole funding period."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.services.cluster import ProfileData


@dataclass(frozen=True)
class ReportPeriod:
    start: dt.date
    end: dt.date
    label: str

    @property
    def years(self) -> tuple[int, ...]:
        """The calendar years the period touches (the finances are kept per year)."""
        return tuple(range(self.start.year, self.end.year + 1))


def year_period(first: int, last: int | None = None) -> ReportPeriod:
    last = first if last is None else last
    if not 1990 <= first <= last <= 2200:
        raise ValidationError("period", f"{first}-{last}", _("must be plausible years, the first not after the last"))
    label = str(first) if first == last else f"{first}–{last}"
    return ReportPeriod(dt.date(first, 1, 1), dt.date(last, 12, 31), label)


def funding_period(profile: ProfileData | None) -> ReportPeriod:
    if profile is None or profile.funding_start is None or profile.funding_end is None:
        raise ValidationError("period", "funding",
                              _("needs the funding start and end in the cluster profile"))
    return ReportPeriod(profile.funding_start, profile.funding_end,
                        _("Funding period {first}–{last}").format(first=profile.funding_start.year,
                                                                   last=profile.funding_end.year))


_YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–/]|\.\.)\s*(\d{4})\s*$")


def parse_period(text: str, profile: ProfileData | None = None) -> ReportPeriod:
    """"2025", "2023-2025" or "funding" (the funding period from the cluster profile)."""
    value = (text or "").strip()
    if value.lower() in ("funding", "financiering", "financement"):
        return funding_period(profile)
    if re.fullmatch(r"\d{4}", value):
        return year_period(int(value))
    match = _YEARS.match(value)
    if match:
        return year_period(int(match[1]), int(match[2]))
    raise ValidationError("period", text, _('must be a year ("2025"), years ("2023-2025") or "funding"'))
