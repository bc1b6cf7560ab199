"""The self-funding ledger: does what the members pay cover the share of the budget they must raise?

An IBN's members must raise the half of the budget the agency does not fund; a spearhead cluster has
the same rule with its own funding rate. The required share is `1 - funding_rate` of the cluster
profile, applied to the year's budget (`services.cluster.set_year`).

What counts as the members' own money (`fees_received`): the cash actually received on the fee calls
*for* that year (whenever it arrived), EXCLUDING VAT and capped at what was due on each call. The VAT
on a fee is collected for the tax authority and passed on: it funds nothing in the budget, which a
VAT-registered cluster organisation keeps excluding VAT too. Unmatched payments do not count until
they are matched to a call. In-kind contributions (hours, a venue, equipment on loan) are valued and
shown apart; they count towards the own share only when the setting `self_funding.count_in_kind` is
on (off by default: the agency asks for the members' contributions in cash).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import _
from clustermanager.models import ClusterYear, InKindContribution, Member
from clustermanager.services import cluster
from clustermanager.services.fee_groups import call_groups
from clustermanager.services.fees import ZERO, _year, excl_vat_share

COUNT_IN_KIND_SETTING = "self_funding.count_in_kind"
DEFAULT_FUNDING_RATE = Decimal("0.5")


@dataclass(frozen=True)
class SelfFundingYear:
    """One year of the ledger. Amounts in euro, fractions as Decimal (0.5 = 50 %)."""

    year: int
    budget: Decimal
    subsidy: Decimal
    fees_received: Decimal  # cash on the year's fee calls, excluding VAT
    in_kind: Decimal  # valued in-kind contributions of the year (shown apart)
    in_kind_counted: bool  # whether `in_kind` is part of `own_total`
    own_total: Decimal
    share_required: Decimal  # 1 - the agency's funding rate
    share_reached: Decimal | None  # own_total / budget; None without a budget
    required_amount: Decimal  # share_required x budget
    shortfall: Decimal  # what is missing to reach the required amount, >= 0
    met: bool  # a budget is known and the shortfall is 0

    @property
    def has_budget(self) -> bool:
        return self.budget > 0


def fees_received_excl_vat(session: Session, year: int, as_of: dt.date | None = None) -> Decimal:
    """Per call (not cancelled) what was paid, at most what is due, without its VAT; summed over the
    calls grouped in SQL (`fee_groups`: alike calls have the same share, rounded per call)."""
    return sum((excl_vat_share(min(g.paid, g.due), g.amount, g.total) * g.count
                for g in call_groups(session, year, as_of=as_of)), ZERO)


def in_kind_total(session: Session, year: int) -> Decimal:
    value = session.scalar(select(func.sum(InKindContribution.value)).where(InKindContribution.year == year))
    return value if value is not None else ZERO


def self_funding(session: Session, year: int, as_of: dt.date | None = None) -> SelfFundingYear:
    """The ledger's figures for `year` (see the module docstring for what counts); `as_of` counts the
    payments received by that day only (a report for a past period)."""
    year = _year(year)
    row = session.scalar(select(ClusterYear).where(ClusterYear.year == year))
    budget = row.budget if row else ZERO
    subsidy = row.subsidy if row else ZERO
    profile = cluster.get_profile(session)
    share_required = profile.required_own_share if profile else Decimal("1") - DEFAULT_FUNDING_RATE
    fees = fees_received_excl_vat(session, year, as_of)
    in_kind = in_kind_total(session, year)
    count_in_kind = bool(cluster.get_setting(session, COUNT_IN_KIND_SETTING, False))
    own = fees + (in_kind if count_in_kind else ZERO)
    required = (budget * share_required).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    shortfall = max(required - own, ZERO)
    reached = (own / budget).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP) if budget > 0 else None
    return SelfFundingYear(
        year=year, budget=budget, subsidy=subsidy, fees_received=fees, in_kind=in_kind,
        in_kind_counted=count_in_kind, own_total=own, share_required=share_required, share_reached=reached,
        required_amount=required, shortfall=shortfall, met=budget > 0 and shortfall == 0,
    )


def ledger(session: Session) -> list[SelfFundingYear]:
    """Every year with a budget, oldest first."""
    years = session.scalars(select(ClusterYear.year).order_by(ClusterYear.year))
    return [self_funding(session, y) for y in years]


def years_short(session: Session, *, until: int | None = None) -> list[SelfFundingYear]:
    """Years with a budget whose own share falls short (for the dashboard's warning)."""
    return [y for y in ledger(session) if y.has_budget and not y.met and (until is None or y.year <= until)]


# ---------------------------------------------------------------------------------------------
# In-kind contributions


@dataclass(frozen=True)
class InKindRow:
    id: int
    year: int
    member_id: int | None
    member_name: str | None
    contributed_on: dt.date | None
    description: str
    value: Decimal


def add_in_kind(session: Session, year: int, description: str, value: object, *, member_id: int | None = None,
                contributed_on: dt.date | None = None) -> InKindRow:
    year = _year(year)
    description = v.clean_text(description, "description", required=True, max_length=300)
    value = v.money(value, "value")
    contributed_on = v.date_in_range(contributed_on, "contributed_on")
    if contributed_on is not None and contributed_on.year != year:
        raise ValidationError("contributed_on", contributed_on.isoformat(), _("lies outside {year}").format(year=year))
    if member_id is not None and session.get(Member, member_id) is None:
        raise NotFoundError(_("Member {id} does not exist.").format(id=member_id))
    row = InKindContribution(year=year, description=description, value=value, member_id=member_id,
                             contributed_on=contributed_on)
    session.add(row)
    session.flush()
    return list_in_kind(session, year, ids=[row.id])[0]


def list_in_kind(session: Session, year: int, *, ids: list[int] | None = None) -> list[InKindRow]:
    query = (select(InKindContribution, Member.name).outerjoin(Member, Member.id == InKindContribution.member_id)
             .where(InKindContribution.year == year).order_by(InKindContribution.contributed_on, InKindContribution.id))
    if ids is not None:
        query = query.where(InKindContribution.id.in_(ids))
    return [InKindRow(r.id, r.year, r.member_id, name, r.contributed_on, r.description, r.value)
            for r, name in session.execute(query)]


def remove_in_kind(session: Session, contribution_id: int) -> None:
    row = session.get(InKindContribution, contribution_id)
    if row is None:
        raise NotFoundError(_("In-kind contribution {id} does not exist.").format(id=contribution_id))
    session.delete(row)
    session.flush()
