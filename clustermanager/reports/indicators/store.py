"""Targets, custom indicators and their yearly values, the earmarked budget and the judging day:
what the cluster enters (services in the house style: a Session in, frozen dataclasses out, no commit)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import _
from clustermanager.models import (
    ClusterYear,
    CustomIndicator,
    CustomIndicatorValue,
    IndicatorTarget,
    TargetSource,
)
from clustermanager.reports.indicators.catalogue import BY_KEY
from clustermanager.reports.summary import NUMBER, SHARE
from clustermanager.services.cluster import get_setting, set_setting

AS_OF_SETTING = "indicators.as_of"  # ISO date the cluster judges on; absent: today
MAX_VALUE = Decimal("999999999999")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,59}$")


@dataclass(frozen=True)
class TargetRow:
    key: str
    year: int | None  # None: the whole funding period
    value: Decimal
    source: TargetSource


@dataclass(frozen=True)
class CustomRow:
    id: int
    key: str
    name: str
    unit: str
    cumulative: bool
    values: dict[int, Decimal]


# --- values --------------------------------------------------------------------------------------

def parse_value(value: object, field: str, kind: str) -> Decimal:
    """A target or value: a number (text in Belgian or English notation, an int, a sheet's float); for a
    share either a fraction from 0 to 1 (0.35) or a percentage with its sign ("35%")."""
    if value is None or isinstance(value, bool) or (isinstance(value, str) and not value.strip()):
        raise ValidationError(field, value, _("must be a number"))
    percent = isinstance(value, str) and value.strip().endswith("%")
    try:
        if isinstance(value, float):
            number = Decimal(repr(value))
        elif isinstance(value, Decimal | int):
            number = Decimal(value)
        else:
            number = v.parse_decimal_text(value.strip().rstrip("%"), field)
    except (InvalidOperation, ValueError):
        raise ValidationError(field, value, _("must be a number")) from None
    if not number.is_finite() or number < 0 or number > MAX_VALUE:
        raise ValidationError(field, value, _("must be a number, 0 or more"))
    if percent:
        number = number / 100
    if kind == SHARE and number > 1:
        raise ValidationError(field, value, _("is a share: a fraction from 0 to 1 (0.35) or a percentage (35%)"))
    return number.quantize(Decimal("0.0001"))


def check_year(year: object, field: str = "year") -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2200:
        raise ValidationError(field, year, _("must be a year between 1990 and 2200"))
    return year


def source_of(value: object) -> TargetSource:
    if isinstance(value, TargetSource):
        return value
    text = str(value or "").strip().lower().replace(" ", "_").replace("-", "_")
    aliases = {"steunovereenkomst": "support_agreement", "convention_de_soutien": "support_agreement",
               "agreement": "support_agreement", "pact": "clusterpact", "actieplan": "action_plan",
               "plan_d'action": "action_plan", "plan_daction": "action_plan"}
    text = aliases.get(text, text) or TargetSource.SUPPORT_AGREEMENT.value
    try:
        return TargetSource(text)
    except ValueError:
        raise ValidationError("source", value, _("must be support_agreement, clusterpact or action_plan")) from None


# --- indicators known to the cluster -------------------------------------------------------------

def known_kind(session: Session, key: str) -> str:
    """The value kind of a built-in or custom indicator; NotFoundError naming the key otherwise."""
    if key in BY_KEY:
        return BY_KEY[key].kind
    if session.scalar(select(CustomIndicator.id).where(CustomIndicator.key == key)) is not None:
        return NUMBER
    raise NotFoundError(_("There is no indicator {key}: see `indicators list`.").format(key=key))


def add_custom(session: Session, key: str, name: str, unit: str = "", *, cumulative: bool = False) -> CustomRow:
    key = (key or "").strip().lower()
    if not KEY_PATTERN.match(key):
        raise ValidationError("key", key, _("must be 2-60 lower-case letters, digits or _, starting with a letter"))
    if key in BY_KEY or session.scalar(select(CustomIndicator.id).where(CustomIndicator.key == key)) is not None:
        raise ValidationError("key", key, _("is already an indicator"))
    name = v.clean_text(name, "name", required=True, max_length=200)
    unit = v.clean_text(unit, "unit", max_length=40) or ""
    row = CustomIndicator(key=key, name=name, unit=unit, cumulative=bool(cumulative))
    session.add(row)
    session.flush()
    return custom_indicators(session, key=key)[0]


def custom_indicators(session: Session, *, key: str | None = None) -> list[CustomRow]:
    query = select(CustomIndicator).order_by(CustomIndicator.name, CustomIndicator.id)
    if key is not None:
        query = query.where(CustomIndicator.key == key)
    rows = list(session.scalars(query))
    values: dict[int, dict[int, Decimal]] = {}
    if rows:
        for val in session.scalars(select(CustomIndicatorValue).where(
                CustomIndicatorValue.indicator_id.in_([r.id for r in rows]))):
            values.setdefault(val.indicator_id, {})[val.year] = val.value
    return [CustomRow(r.id, r.key, r.name, r.unit, r.cumulative, dict(sorted(values.get(r.id, {}).items())))
            for r in rows]


def set_custom_value(session: Session, key: str, year: int, value: object) -> CustomRow:
    """The value of a custom indicator for a year (again: replaced)."""
    row = session.scalar(select(CustomIndicator).where(CustomIndicator.key == key))
    if row is None:
        if key in BY_KEY:
            raise ValidationError("key", key, _("is computed from the data; only custom indicators take values"))
        raise NotFoundError(_("There is no custom indicator {key}: see `indicators list`.").format(key=key))
    year = check_year(year)
    number = parse_value(value, "value", NUMBER)
    existing = session.scalar(select(CustomIndicatorValue).where(
        CustomIndicatorValue.indicator_id == row.id, CustomIndicatorValue.year == year))
    if existing is None:
        session.add(CustomIndicatorValue(indicator_id=row.id, year=year, value=number))
    else:
        existing.value = number
    session.flush()
    return custom_indicators(session, key=key)[0]


# --- targets -------------------------------------------------------------------------------------

def set_target(session: Session, key: str, year: int | None, value: object,
               source: object = TargetSource.SUPPORT_AGREEMENT) -> TargetRow:
    """A yearly target (`year`) or the whole funding period's (`year=None`); again: replaced."""
    kind = known_kind(session, key)
    year = None if year is None else check_year(year)
    number = parse_value(value, "value", kind)
    src = source_of(source)
    row = session.scalar(select(IndicatorTarget).where(IndicatorTarget.indicator_key == key,
                                                       _year_is(year)))
    if row is None:
        row = IndicatorTarget(indicator_key=key, year=year, value=number, source=src)
        session.add(row)
    else:
        row.value, row.source = number, src
    session.flush()
    return TargetRow(key, year, number, src)


def _year_is(year: int | None):
    return IndicatorTarget.year.is_(None) if year is None else IndicatorTarget.year == year


def remove_target(session: Session, key: str, year: int | None) -> None:
    row = session.scalar(select(IndicatorTarget).where(IndicatorTarget.indicator_key == key, _year_is(year)))
    if row is None:
        raise NotFoundError(_("There is no target for {key} in {year}.").format(
            key=key, year=year if year is not None else _("the funding period")))
    session.delete(row)
    session.flush()


def targets(session: Session) -> list[TargetRow]:
    rows = session.scalars(select(IndicatorTarget).order_by(IndicatorTarget.indicator_key, IndicatorTarget.year))
    return [TargetRow(r.indicator_key, r.year, r.value, r.source) for r in rows]


# --- the earmarked budget and the judging day -----------------------------------------------------

def set_earmarked_budget(session: Session, year: int, amount: object) -> Decimal:
    """The government's earmarked project budget for `year` (the leverage's denominator)."""
    year = check_year(year)
    value = v.money(amount, "earmarked_budget")
    row = session.scalar(select(ClusterYear).where(ClusterYear.year == year))
    if row is None:
        row = ClusterYear(year=year, budget=Decimal("0"), subsidy=Decimal("0"))
        session.add(row)
    row.earmarked_budget = value
    session.flush()
    return value


def as_of_setting(session: Session) -> dt.date | None:
    text = get_setting(session, AS_OF_SETTING)
    return dt.date.fromisoformat(text) if text else None


def set_as_of(session: Session, day: dt.date | None) -> None:
    """The day the cluster judges its targets on (None: today)."""
    set_setting(session, AS_OF_SETTING, day.isoformat() if day else None)
