"""What the Indicators screen shows, read on the worker: per indicator the years of the funding period
(target and result), the whole period's target against the result so far, and this year's verdict with
what the target asks by the judging day; plus the earmarked budget per year. The same figures as the
report's "Targets and results" (`section.targets_section`) and `indicators status` (`indicator_status`).

`save_indicator` writes what the screen's dialog entered for one indicator in one go: every value is
checked first (a bad one is named with its year, nothing is written)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager.errors import FieldProblem, ValidationError
from clustermanager.i18n import _
from clustermanager.models import ClusterYear, CustomIndicator, CustomIndicatorValue, IndicatorTarget
from clustermanager.reports.data import IndicatorLine, IndicatorYear
from clustermanager.reports.indicators import store
from clustermanager.reports.indicators.results import (
    IndicatorStatus,
    evaluation_day,
    figures_for,
    indicator_status,
    judging_day,
)
from clustermanager.reports.indicators.section import targets_section
from clustermanager.reports.summary import MONEY
from clustermanager.services.cluster import get_profile


@dataclass(frozen=True)
class IndicatorView:
    line: IndicatorLine  # the years with target and result, the period target and result so far
    verdict: IndicatorStatus  # this year's: basis, target, expected by the judging day, result, status
    custom: bool
    cumulative: bool  # a custom indicator whose years add up
    sources: dict[int | None, str]  # the target's source per year (None: the funding period)


@dataclass(frozen=True)
class IndicatorsOverview:
    first_year: int
    last_year: int
    year: int  # the year judged (the judging day's)
    as_of: dt.date  # the judging day
    as_of_set: bool  # the cluster set the day (else: today)
    as_of_clamped: bool  # the day was outside the funding period: judged on its first or last day
    funding_period: bool  # the years are the profile's funding period (else: just this year)
    views: tuple[IndicatorView, ...]
    earmarked: dict[int, Decimal]  # the earmarked project budget per year of the period


def overview(session: Session, today: dt.date | None = None) -> IndicatorsOverview:
    day = evaluation_day(session, today)
    clamped = day != judging_day(session, today)
    profile = get_profile(session)
    if profile and profile.funding_start and profile.funding_end:
        start, end, funded = profile.funding_start, profile.funding_end, True
    else:
        start, end, funded = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), False
    end = max(min(end, dt.date(day.year, 12, 31)), start)  # results up to the judging year, not beyond
    data = figures_for(session, start, end, today)  # the section shows every year of the funding period
    section = targets_section(session, data, today)
    verdicts = {s.key: s for s in indicator_status(session, day.year, as_of=day, today=today)}
    customs = {r.key: r for r in store.custom_indicators(session)}
    sources: dict[str, dict[int | None, str]] = {}
    for row in session.scalars(select(IndicatorTarget)):
        sources.setdefault(row.indicator_key, {})[row.year] = row.source.value
    views = tuple(
        IndicatorView(_future_blank(line, day.year), verdicts[line.key], line.key in customs,
                      bool(customs[line.key].cumulative) if line.key in customs else False,
                      sources.get(line.key, {}))
        for line in section.lines if line.key in verdicts)
    years = range(section.first_year, section.last_year + 1)
    earmarked = {y: Decimal("0.00") for y in years}
    earmarked.update({y: amount for y, amount in session.execute(
        select(ClusterYear.year, ClusterYear.earmarked_budget).where(ClusterYear.year.in_(list(years))))
        if amount is not None})
    return IndicatorsOverview(section.first_year, section.last_year, day.year, day, store.as_of_setting(session)
                              is not None, clamped, funded, views, earmarked)


def _future_blank(line: IndicatorLine, year: int) -> IndicatorLine:
    """A year after the judging year has no result yet (the bar is not drawn as a zero)."""
    return replace(line, years=tuple(y if y.year <= year else IndicatorYear(y.year, y.target, None)
                                     for y in line.years))


# --- entering one indicator's targets (and a custom indicator's values) --------------------------

def save_indicator(session: Session, key: str, targets: dict[int | None, str], source: object,
                   values: dict[int, str] | None = None) -> None:
    """Replace the targets of `key` by `targets` ({year or None for the funding period: text}; an empty
    text removes that target) with one `source`, and for a custom indicator its yearly `values` (an empty
    text removes the value). Everything is checked before anything is written."""
    kind = store.known_kind(session, key)
    src = store.source_of(source)
    problems: list[FieldProblem] = []

    def parsed(entries: dict, label, value_kind) -> dict:
        out = {}
        for year, text in entries.items():
            if year is not None:
                store.check_year(year)
            if str(text or "").strip():
                try:
                    out[year] = store.parse_value(text, label(year), value_kind)
                except ValidationError as exc:
                    problems.extend(exc.problems)
            else:
                out[year] = None
        return out

    def target_field(year):
        return _("target {year}").format(year=year) if year is not None else _("target for the funding period")

    wanted = parsed(targets, target_field, kind)
    custom = session.scalar(select(CustomIndicator).where(CustomIndicator.key == key))
    if values and custom is None:
        raise ValidationError("key", key, _("is computed from the data; only custom indicators take values"))
    entered = parsed(values or {}, lambda y: _("value {year}").format(year=y), kind)
    if problems:
        raise ValidationError.from_problems(problems)
    existing = {r.year: r for r in session.scalars(select(IndicatorTarget).where(IndicatorTarget.indicator_key == key))}
    for year, number in wanted.items():
        if number is None:
            if year in existing:
                session.delete(existing[year])
        else:
            store.set_target(session, key, year, number, src)
    if custom is not None:
        kept = {r.year: r for r in session.scalars(select(CustomIndicatorValue).where(
            CustomIndicatorValue.indicator_id == custom.id))}
        for year, number in entered.items():
            if number is None:
                if year in kept:
                    session.delete(kept[year])
            else:
                store.set_custom_value(session, key, year, number)
    session.flush()


def set_earmarked_budgets(session: Session, amounts: dict[int, str]) -> dict[int, Decimal]:
    """The earmarked project budget for several years at once ({year: text}; empty: 0); all checked first."""
    problems: list[FieldProblem] = []
    checked: dict[int, Decimal] = {}
    for year, text in amounts.items():
        try:
            checked[store.check_year(year)] = store.parse_value(text or "0", _("earmarked budget {year}").format(
                year=year), MONEY).quantize(Decimal("0.01"))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError.from_problems(problems)
    return {year: store.set_earmarked_budget(session, year, amount) for year, amount in checked.items()}
