"""The report's "Targets and results": per indicator, each year of the funding period with its
target and result, and the whole period's target against the result so far, read from the same
figures as the report (`results.figures_for`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from clustermanager.reports.data import IndicatorLine, IndicatorYear, ReportData, TargetsSection
from clustermanager.reports.indicators.catalogue import BUILTIN
from clustermanager.reports.indicators.results import (
    builtin_values,
    custom_value,
    figures_for,
    indicator_status,
    judging_day,
)
from clustermanager.reports.indicators.store import custom_indicators, targets
from clustermanager.reports.summary import NUMBER


def section_years(data: ReportData) -> tuple[int, int]:
    """The funding period's years when the profile has them, else the report's."""
    c = data.cluster
    if c.funding_start and c.funding_end:
        return c.funding_start.year, c.funding_end.year
    return data.period.start.year, data.period.end.year


def targets_section(session: Session, data: ReportData, today: dt.date | None = None) -> TargetsSection:
    first, last = section_years(data)
    end = data.period.end
    as_of = min(judging_day(session, today), end)
    shown = [y for y in range(first, last + 1) if dt.date(y, 1, 1) <= end]
    yearly = {y: (data if (data.period.start, data.period.end) == (dt.date(y, 1, 1), dt.date(y, 12, 31))
                  else figures_for(session, dt.date(y, 1, 1), min(dt.date(y, 12, 31), end), today))
              for y in shown}
    yearly = {y: builtin_values(d) for y, d in yearly.items()}
    start = data.cluster.funding_start or dt.date(first, 1, 1)
    so_far_data = data if (data.period.start, data.period.end) == (start, end) or start > end \
        else figures_for(session, start, end, today)
    so_far = builtin_values(so_far_data)
    by_target = {(t.key, t.year): t.value for t in targets(session)}
    status = {s.key: s.status for s in indicator_status(session, end.year, as_of=as_of, today=today)}
    lines = []

    def years_of(key: str, result) -> tuple[IndicatorYear, ...]:
        return tuple(IndicatorYear(y, by_target.get((key, y)), result(y) if y in yearly else None)
                     for y in range(first, last + 1))

    for ind in BUILTIN:
        lines.append(IndicatorLine(
            ind.key, None, ind.kind, "", years_of(ind.key, lambda y, k=ind.key: yearly[y][k]),
            by_target.get((ind.key, None)), so_far[ind.key] if start <= end else None,
            status.get(ind.key, "no_target")))
    for row in custom_indicators(session):
        lines.append(IndicatorLine(
            row.key, row.name, NUMBER, row.unit, years_of(row.key, lambda y, r=row: r.values.get(y)),
            by_target.get((row.key, None)), custom_value(row, tuple(range(first, min(last, end.year) + 1))),
            status.get(row.key, "no_target")))
    return TargetsSection(first_year=first, last_year=last, as_of=as_of, lines=tuple(lines))


def has_any_target(section: TargetsSection | None) -> bool:
    return section is not None and any(
        line.period_target is not None or any(y.target is not None for y in line.years) for line in section.lines)


__all__ = ["has_any_target", "section_years", "targets_section"]
