"""The cluster's own profile, its yearly budget and subsidy, and cluster-wide settings."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, fields
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.be import vat as be_vat
from stdnum.exceptions import ValidationError as StdnumError

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
    # The supplier's legal identity on its invoices
    legal_form: str | None = None  # vzw, ivzw, nv, bv, cv ...
    vat_registered: bool = True
    vat_number: str | None = None  # BE + the enterprise number (filled in from it when empty)
    legal_register: str | None = None  # RPR / RPM
    court_division: str | None = None  # the enterprise court's division: "Gent, afdeling Gent"
    registered_office: str | None = None  # empty: the address is the registered office
    peppol_id: str | None = None  # empty: 0208 + the enterprise number

    @property
    def effective_vat_number(self) -> str | None:
        """`BE0417497106` for a VAT-registered cluster; None for one that is not registered."""
        if not self.vat_registered:
            return None
        return self.vat_number or (f"BE{self.enterprise_number}" if self.enterprise_number else None)

    @property
    def effective_peppol_id(self) -> str | None:
        """The Peppol participant ID members' access points deliver to: `0208:0417497106` by default."""
        return self.peppol_id or (f"0208:{self.enterprise_number}" if self.enterprise_number else None)

    @property
    def office_line(self) -> str:
        """The registered office on one line."""
        return self.registered_office or ", ".join(filter(None, (
            self.street, " ".join(filter(None, (self.postcode, self.municipality))))))

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
                "bic": 11, "notes": 10000, "legal_form": 20, "court_division": 100, "registered_office": 300}
LEGAL_FORMS = ("vzw", "ivzw", "stichting", "nv", "bv", "cv", "vof", "commv", "asbl", "aisbl", "fondation", "sa",
               "srl", "sc", "snc", "scomm")
LEGAL_REGISTERS = ("RPR", "RPM")  # rechtspersonenregister / registre des personnes morales


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
    if values["legal_form"]:
        values["legal_form"] = values["legal_form"].lower() if values["legal_form"].lower() in LEGAL_FORMS \
            else values["legal_form"]
    register = (check(v.clean_text, data.legal_register, "legal_register", max_length=3) or "").upper() or None
    if register is not None and register not in LEGAL_REGISTERS:
        problems.append(FieldProblem("legal_register", data.legal_register, _("must be RPR or RPM")))
    values["legal_register"] = register
    values["vat_registered"] = bool(data.vat_registered)
    values["vat_number"] = check(_vat_number, data, values.get("enterprise_number"))
    values["peppol_id"] = check(v.peppol_id, data.peppol_id)
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


def _vat_number(data: ProfileData, enterprise: str | None) -> str | None:
    """A Belgian VAT number is BE + the enterprise number (python-stdnum checks it)."""
    if not data.vat_registered:
        return None
    text = v.clean_text(data.vat_number, "vat_number", max_length=20)
    if not text:
        return f"BE{enterprise}" if enterprise else None
    try:
        number = "BE" + be_vat.validate(text)
    except StdnumError:
        raise ValidationError("vat_number", text, _("is not a valid Belgian VAT number (BE 0xxx.xxx.xxx)")) from None
    if enterprise and number != f"BE{enterprise}":
        raise ValidationError("vat_number", text, _("must be BE followed by the enterprise number {n}").format(
            n=v.format_enterprise_number(enterprise)))
    return number


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
