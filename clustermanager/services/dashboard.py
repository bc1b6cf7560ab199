"""The cluster's headline figures for the dashboard, computed in a few set-based queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clustermanager.models import Member, MemberKind, SizeClass
from clustermanager.services.members import active_on_clause


@dataclass(frozen=True)
class KindCount:
    kind: MemberKind
    count: int


@dataclass(frozen=True)
class SizeCount:
    size_class: SizeClass | None  # None: size unknown
    count: int


@dataclass(frozen=True)
class HeadlineFigures:
    day: dt.date
    active_members: int
    by_kind: tuple[KindCount, ...]  # every kind, in MemberKind order, zero included
    active_companies: int
    active_smes: int  # companies with a size class other than large
    companies_without_size: int  # active companies whose size class is unknown
    joined_this_year: int  # joined between 1 January and `day`
    left_this_year: int  # left between 1 January and the day before `day`
    companies_by_size: tuple[SizeCount, ...] = ()  # micro..large, then unknown (only if any)

    @property
    def sme_share(self) -> float | None:
        """SMEs among the active companies of known size; None when there are none."""
        known = self.active_companies - self.companies_without_size
        return self.active_smes / known if known else None


def headline_figures(session: Session, day: dt.date | None = None) -> HeadlineFigures:
    day = day or dt.date.today()
    counts: dict[tuple[MemberKind, SizeClass | None], int] = {
        (kind, size): n for kind, size, n in session.execute(
            select(Member.kind, Member.size_class, func.count()).where(active_on_clause(day))
            .group_by(Member.kind, Member.size_class))
    }
    by_kind = tuple(KindCount(kind, sum(n for (k, _s), n in counts.items() if k == kind)) for kind in MemberKind)
    company = {size: n for (kind, size), n in counts.items() if kind == MemberKind.COMPANY}
    start = dt.date(day.year, 1, 1)
    joined = session.scalar(select(func.count()).select_from(Member).where(Member.joined_on.between(start, day)))
    left = session.scalar(select(func.count()).select_from(Member).where(
        Member.left_on >= start, Member.left_on < day))
    return HeadlineFigures(
        day=day,
        active_members=sum(counts.values()),
        by_kind=by_kind,
        active_companies=sum(company.values()),
        active_smes=sum(n for size, n in company.items() if size is not None and size.is_sme),
        companies_without_size=company.get(None, 0),
        joined_this_year=joined,
        left_this_year=left,
        companies_by_size=tuple(SizeCount(size, company.get(size, 0)) for size in SizeClass)
        + ((SizeCount(None, company[None]),) if company.get(None) else ()),
    )


WARNING = "warning"  # the third element of a dashboard card's result: something needs the user's attention
