"""The cluster's own profile, its yearly budget and subsidy, and cluster-wide settings."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, fields
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import FieldProblem, ValidationError
from clustermanager.i18n import _
from clustermanager.models import ClusterKind, ClusterProfile, ClusterYear, Setting


@dataclass(frozen=True)
class ProfileData:
    name: str
    kind: ClusterKind
    enterprise_number: str | None = None
    street: str | None = None
    postcode: str | None = None
    municipality: str | None = None
    country: str = "BE"
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    iban: str | None = None
    bic: str | None = None
    funding_start: dt.date | None = None
    funding_end: dt.date | None = None
    funding_rate: Decimal = Decimal("0.5")
    notes: str | None = None

    @property
    def required_own_share(self) -> Decimal:
        """The share of the budget the members must raise themselves."""
        return Decimal("1") - self.funding_rate


@dataclass(frozen=True)
class YearFigures:
    year: int
    budget: Decimal
    subsidy: Decimal


def get_profile(session: Session) -> ProfileData | None:
    row = session.scalar(select(ClusterProfile).order_by(ClusterProfile.id).limit(1))
    if row is None:
        return None
    return ProfileData(**{f.name: getattr(row, f.name) for f in fields(ProfileData)})


def has_profile(session: Session) -> bool:
    return session.scalar(select(ClusterProfile.id).limit(1)) is not None


_TEXT_LIMITS = {"street": 200, "postcode": 16, "municipality": 100, "country": 2, "phone": 50, "website": 200,
                "bic": 11, "notes": 10000}


def save_profile(session: Session, data: ProfileData) -> ProfileData:
    problems: list[FieldProblem] = []

    def check(fn, *args, **kw):
        try:
            return fn(*args, **kw)
        except ValidationError as exc:
            problems.extend(exc.problems)

    values = {f.name: getattr(data, f.name) for f in fields(ProfileData)}
    values["name"] = check(v.clean_text, data.name, "name", required=True)
    try:
        values["kind"] = ClusterKind(data.kind)
    except ValueError:
        problems.append(FieldProblem("kind", data.kind, _("must be spearhead or ibn")))
    values["enterprise_number"] = check(v.enterprise_number, data.enterprise_number)
    values["iban"] = check(v.iban, data.iban)
    values["email"] = check(v.email, data.email)
    for name, limit in _TEXT_LIMITS.items():
        values[name] = check(v.clean_text, getattr(data, name), name, max_length=limit)
    values["country"] = (values["country"] or "BE").upper()
    if len(values["country"]) != 2 or not (values["country"].isascii() and values["country"].isalpha()):
        problems.append(FieldProblem("country", data.country, _("must be a two-letter country code (BE, NL, ...)")))
    values["funding_start"] = check(v.date_in_range, data.funding_start, "funding_start")
    values["funding_end"] = check(v.date_in_range, data.funding_end, "funding_end")
    rate = data.funding_rate
    if not isinstance(rate, Decimal) or not rate.is_finite() or not Decimal("0") <= rate <= Decimal("1"):
        problems.append(FieldProblem("funding_rate", rate, _("must be a fraction between 0 and 1 (0.5 = 50%)")))
    if values["funding_start"] and values["funding_end"] and values["funding_end"] < values["funding_start"]:
        problems.append(FieldProblem("funding_end", data.funding_end.isoformat(), _("lies before the funding start")))
    if problems:
        raise ValidationError.from_problems(problems)
    row = session.scalar(select(ClusterProfile).order_by(ClusterProfile.id).limit(1))
    if row is None:
        row = ClusterProfile()
        session.add(row)
    for key, value in values.items():
        setattr(row, key, value)
    session.flush()
    return get_profile(session)


def set_year(session: Session, year: int, budget: Decimal, subsidy: Decimal) -> YearFigures:
    if isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2200:
        raise ValidationError("year", year, _("is not a plausible year"))
    budget = v.money(budget, "budget")
    subsidy = v.money(subsidy, "subsidy")
    if subsidy > budget:  # the subsidy pays part of the budget: more than all of it is a typing error
        raise ValidationError("subsidy", str(subsidy), _("is larger than the budget ({budget})").format(budget=budget))
    row = session.scalar(select(ClusterYear).where(ClusterYear.year == year))
    if row is None:
        row = ClusterYear(year=year)
        session.add(row)
    row.budget, row.subsidy = budget, subsidy
    session.flush()
    return YearFigures(year, row.budget, row.subsidy)


def list_years(session: Session) -> list[YearFigures]:
    return [YearFigures(r.year, r.budget, r.subsidy)
            for r in session.scalars(select(ClusterYear).order_by(ClusterYear.year))]


def get_setting(session: Session, key: str, default=None):
    row = session.scalar(select(Setting).where(Setting.key == key))
    return default if row is None else json.loads(row.value)


def set_setting(session: Session, key: str, value) -> None:
    row = session.scalar(select(Setting).where(Setting.key == key))
    if row is None:
        row = Setting(key=key)
        session.add(row)
    row.value = json.dumps(value)
    session.flush()
