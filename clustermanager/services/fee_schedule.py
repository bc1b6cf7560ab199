"""The yearly fee schedule: what each category pays in a year (excluding VAT) and at which VAT rate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import _
from clustermanager.models import (
    FeeCall,
    FeeSchedule,
)
from clustermanager.services import invoicing

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
KEEP = object()  # set_fee: leave this field as it is


def vat_of(amount: Decimal, rate_percent: Decimal) -> Decimal:
    return (amount * rate_percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def _year(year: object, field: str = "year") -> int:
    try:
        value = int(year)
    except (TypeError, ValueError):
        raise ValidationError(field, year, _("is not a year")) from None
    if not 1990 <= value <= 2200:
        raise ValidationError(field, year, _("is not a plausible year"))
    return value


@dataclass(frozen=True)
class ScheduleEntry:
    year: int
    category: str
    amount: Decimal  # excluding VAT
    vat_rate: Decimal  # percent, 21 = 21 %
    description: str | None
    vat_ground: str | None = None  # a 0 % category's ground (models.VatGround value)
    vat_article: str | None = None  # the article for an exemption, as the accountant names it
    vat_exemption_code: str | None = None  # an exemption's VATEX code for the e-invoice

    @property
    def vat_amount(self) -> Decimal:
        return vat_of(self.amount, self.vat_rate)

    @property
    def total(self) -> Decimal:
        return self.amount + self.vat_amount


def _entry(row: FeeSchedule) -> ScheduleEntry:
    return ScheduleEntry(row.year, row.category, row.amount, row.vat_rate, row.description, row.vat_ground,
                         row.vat_article, row.vat_exemption_code)


def get_schedule(session: Session, year: int) -> list[ScheduleEntry]:
    rows = session.scalars(select(FeeSchedule).where(FeeSchedule.year == _year(year)).order_by(FeeSchedule.amount,
                                                                                                FeeSchedule.category))
    return [_entry(r) for r in rows]


def schedule_years(session: Session) -> list[int]:
    years = set(session.scalars(select(FeeSchedule.year).distinct()))
    years |= set(session.scalars(select(FeeCall.year).distinct()))
    return sorted(years)


def set_fee(session: Session, year: int, category: str, amount: object, vat_rate: object = Decimal("21"),
            description: str | None = None, vat_ground: object = KEEP, vat_article: object = KEEP,
            vat_exemption_code: object = KEEP) -> ScheduleEntry:
    """Add or change the fee of one category in one year (amount excluding VAT, VAT in percent).

    A 0 % category carries its ground (`vat_ground`: exempt, with `vat_article` and the e-invoice's
    `vat_exemption_code`, reverse_charge or outside_scope; exempt when not given)."""
    year = _year(year)
    category = v.clean_text(category, "category", required=True, max_length=50).lower()
    amount = v.money(amount, "amount")
    rate = v.money(vat_rate, "vat_rate")
    if rate > 100:
        raise ValidationError("vat_rate", str(vat_rate), _("is a percentage between 0 and 100"))
    description = v.clean_text(description, "description")
    row = session.scalar(select(FeeSchedule).where(FeeSchedule.year == year, FeeSchedule.category == category))
    # Left out (KEEP), the ground fields stay as they were while the category stays at 0 %, so
    # changing an amount never drops the accountant's article.
    kept = row is not None and row.vat_rate == 0 and rate == 0
    vat_ground = (row.vat_ground if kept else None) if vat_ground is KEEP else vat_ground
    vat_article = (row.vat_article if kept else None) if vat_article is KEEP else vat_article
    vat_exemption_code = (row.vat_exemption_code if kept else None) if vat_exemption_code is KEEP else vat_exemption_code
    ground, article = invoicing.check_ground(rate, vat_ground, vat_article)
    code = invoicing.check_exemption_code(ground, vat_exemption_code)
    if row is None:
        row = FeeSchedule(year=year, category=category)
        session.add(row)
    row.amount, row.vat_rate, row.description = amount, rate, description
    row.vat_ground, row.vat_article, row.vat_exemption_code = ground, article, code
    session.flush()
    return _entry(row)


def remove_fee(session: Session, year: int, category: str) -> None:
    row = session.scalar(select(FeeSchedule).where(FeeSchedule.year == _year(year), FeeSchedule.category == category))
    if row is None:
        raise NotFoundError(_("No fee for {category} in {year}.").format(category=category, year=year))
    session.delete(row)
    session.flush()


def copy_schedule(session: Session, from_year: int, to_year: int, increase_percent: object = 0) -> list[ScheduleEntry]:
    """Copy a year's schedule to another year, raising every amount by `increase_percent` (rounded to the cent).

    Categories the target year already has are overwritten; others there are kept.
    """
    from_year, to_year = _year(from_year, "from_year"), _year(to_year, "to_year")
    if from_year == to_year:
        raise ValidationError("to_year", to_year, _("is the year copied from"))
    increase = v.money(increase_percent, "increase", allow_negative=True)
    if increase <= -100:
        raise ValidationError("increase", str(increase_percent), _("must be more than -100%"))
    source = get_schedule(session, from_year)
    if not source:
        raise ValidationError("from_year", from_year, _("has no fee schedule to copy"))
    factor = 1 + increase / 100
    for entry in source:
        set_fee(session, to_year, entry.category, (entry.amount * factor).quantize(CENT, rounding=ROUND_HALF_UP),
                entry.vat_rate, entry.description, entry.vat_ground, entry.vat_article, entry.vat_exemption_code)
    return get_schedule(session, to_year)
