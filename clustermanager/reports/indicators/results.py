"""Results against targets, and the on-track rule (docs/indicators.md, "Are we on track?").

A built-in indicator's result for a span of days is the report's figure for exactly that span
(`build_report` with `lists=False, targets=False`, then `summary.figures_by_key`): one source of
figures. A custom indicator's result is what was entered for the year (over several years: their sum
when it is cumulative, else the last year's value).

The rule, for a target T, a result R and the judging day d:
- f, the part gone by: for a yearly target of year Y, the day number of d in Y divided by the days of
  Y (1 January = 1/365, 31 December = 1); f = 1 for a year before d's, 0 for a year after it. For the
  whole funding period's target, the days from its first day to d (both included) divided by its days.
- the expected value E = T x f for a `pro_rata` indicator, E = T otherwise (a level, a ratio).
- higher is better: on_track when R >= E; at_risk when R >= E x 0.9 (within 10 % below); behind otherwise.
- lower is better (a maximum, e.g. members leaving): on_track when R <= E; at_risk when R <= E x 1.1;
  behind otherwise.
- no target: no_target. A result that cannot be computed (a share without members) counts as 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from clustermanager.reports.data import ReportData
from clustermanager.reports.indicators.catalogue import BUILTIN
from clustermanager.reports.indicators.store import (
    CustomRow,
    TargetRow,
    as_of_setting,
    custom_indicators,
    targets,
)
from clustermanager.reports.period import ReportPeriod
from clustermanager.reports.summary import NUMBER, figures_by_key
from clustermanager.services.cluster import get_profile

ON_TRACK, AT_RISK, BEHIND, NO_TARGET = "on_track", "at_risk", "behind", "no_target"
STATUSES = (BEHIND, AT_RISK, ON_TRACK, NO_TARGET)  # the order the dashboard shows them in
MARGIN = Decimal("0.10")  # how far from the expected value "at risk" reaches


def judge(result: Decimal | None, target: Decimal | None, fraction: Decimal, *, pro_rata: bool = True,
          higher_is_better: bool = True) -> str:
    """on_track / at_risk / behind / no_target by the module's rule."""
    if target is None:
        return NO_TARGET
    r = Decimal(result) if result is not None else Decimal(0)
    expected = target * fraction if pro_rata else target
    if higher_is_better:
        if r >= expected:
            return ON_TRACK
        return AT_RISK if r >= expected * (1 - MARGIN) else BEHIND
    if r <= expected:
        return ON_TRACK
    return AT_RISK if r <= expected * (1 + MARGIN) else BEHIND


def year_fraction(year: int, day: dt.date) -> Decimal:
    """The part of `year` gone by on `day` (that day included)."""
    if day.year > year:
        return Decimal(1)
    if day.year < year:
        return Decimal(0)
    days = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
    return Decimal(day.timetuple().tm_yday) / Decimal(days)


def span_fraction(start: dt.date, end: dt.date, day: dt.date) -> Decimal:
    if day < start:
        return Decimal(0)
    if day >= end:
        return Decimal(1)
    return Decimal((day - start).days + 1) / Decimal((end - start).days + 1)


def judging_day(session: Session, today: dt.date | None = None) -> dt.date:
    """The cluster's chosen day (`indicators.as_of`), else `today`, else the real today."""
    return as_of_setting(session) or today or dt.date.today()


def evaluation_day(session: Session, today: dt.date | None = None) -> dt.date:
    """The judging day kept within the funding period: after it ended, its last day (the final
    evaluation); before it began, its first day. Without a funding period: the judging day."""
    day = judging_day(session, today)
    profile = get_profile(session)
    if profile and profile.funding_start and profile.funding_end:
        return min(max(day, profile.funding_start), profile.funding_end)
    return day


def figures_for(session: Session, start: dt.date, end: dt.date, today: dt.date | None = None) -> ReportData:
    """The report's figures for [start, end] (no lists, no targets): what every result is read from."""
    from clustermanager.reports.figures import build_report

    label = str(start.year) if (start, end) == (dt.date(start.year, 1, 1), dt.date(start.year, 12, 31)) \
        else f"{start.isoformat()}–{end.isoformat()}"
    return build_report(session, ReportPeriod(start, end, label), today=today, lists=False, targets=False)


def builtin_values(data: ReportData) -> dict[str, Decimal | None]:
    """Every built-in indicator's value in `data` (the report's figures, read once)."""
    figures = figures_by_key(data)
    return {i.key: None if figures[i.figure].value is None else Decimal(figures[i.figure].value) for i in BUILTIN}


def builtin_value(data: ReportData, key: str) -> Decimal | None:
    return builtin_values(data)[key]


def custom_value(row: CustomRow, years: range | tuple[int, ...]) -> Decimal | None:
    values = [row.values[y] for y in years if y in row.values]
    if not values:
        return None
    return sum(values, Decimal(0)) if row.cumulative else row.values[max(y for y in years if y in row.values)]


@dataclass(frozen=True)
class IndicatorStatus:
    key: str
    name: str | None  # a custom indicator's name; None for a built-in (label from the catalogue)
    kind: str
    basis: str  # "year": the year's target; "period": the funding period's; "": no target
    target: Decimal | None
    expected: Decimal | None  # what the target asks by the judging day
    result: Decimal | None
    status: str
    as_of: dt.date


def indicator_status(session: Session, year: int, *, as_of: dt.date | None = None,
                     today: dt.date | None = None) -> list[IndicatorStatus]:
    """Every indicator (built-in, then custom) judged for `year` on the judging day (see the module)."""
    day = as_of or judging_day(session, today)
    day_in_year = min(max(day, dt.date(year, 1, 1)), dt.date(year, 12, 31))
    year_data = figures_for(session, dt.date(year, 1, 1), day_in_year, today)
    profile = get_profile(session)
    span = (profile.funding_start, profile.funding_end) if profile and profile.funding_start \
        and profile.funding_end else None
    span_data: dict[str, Decimal | None] | None = None
    by_target: dict[tuple[str, int | None], TargetRow] = {(t.key, t.year): t for t in targets(session)}
    fraction = year_fraction(year, day)
    out = []

    def judged(key, name, kind, year_result, pro_rata, higher, period_result):
        nonlocal span_data
        yearly = by_target.get((key, year))
        whole = by_target.get((key, None)) if span else None
        if yearly is not None:
            target, basis, f, result = yearly.value, "year", fraction, year_result
        elif whole is not None:
            target, basis, f = whole.value, "period", span_fraction(span[0], span[1], day)
            result = period_result()
        else:
            return IndicatorStatus(key, name, kind, "", None, None, year_result, NO_TARGET, day)
        expected = (target * f if pro_rata else target).quantize(Decimal("0.0001"))
        return IndicatorStatus(key, name, kind, basis, target, expected, result,
                               judge(result, target, f, pro_rata=pro_rata, higher_is_better=higher), day)

    def span_values() -> dict[str, Decimal | None]:
        nonlocal span_data
        if span_data is None:
            span_data = builtin_values(figures_for(session, span[0], min(max(day, span[0]), span[1]), today))
        return span_data

    year_values = builtin_values(year_data)
    for ind in BUILTIN:
        out.append(judged(ind.key, None, ind.kind, year_values[ind.key], ind.pro_rata,
                          ind.higher_is_better, lambda ind=ind: span_values()[ind.key]))
    for row in custom_indicators(session):
        years = tuple(range(span[0].year, min(day, span[1]).year + 1)) if span else (year,)
        out.append(judged(row.key, row.name, NUMBER, row.values.get(year), row.cumulative, True,
                          lambda row=row, years=years: custom_value(row, years)))
    return out
