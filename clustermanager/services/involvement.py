"""Members actively involved in a period: the agency's "companies actively involved".

A member organisation is **involved** in [start, end] when its membership overlaps the period AND
either someone of it ATTENDED an activity starting within the period (`services.engagement`'s
attendance), or it is a partner in a collaboration project under way in the period (the report's projects under way,
from the dated status history: `services.project_figures`). Each organisation counts once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from clustermanager.models import Activity, Member, MemberKind, Participation, ProjectPartner
from clustermanager.services.members import active_during_clause
from clustermanager.services.project_figures import project_figures


@dataclass(frozen=True)
class Involvement:
    start: dt.date
    end: dt.date
    members_involved: int
    companies_involved: int
    members_during: int  # members whose membership overlaps the period
    share: Decimal | None  # members_involved / members_during; None without members


def involved_member_ids(start: dt.date, end: dt.date, under_way: tuple[int, ...]):
    """A selectable of the distinct member ids involved in the period (before the membership test);
    `under_way`: the ids of the projects under way in it."""
    attended = (select(Participation.member_id.label("member_id"))
                .join(Activity, Activity.id == Participation.activity_id)
                .where(Participation.attended, Participation.member_id.is_not(None),
                       Activity.starts_on >= start, Activity.starts_on <= end))
    partnered = select(ProjectPartner.member_id.label("member_id")).where(
        ProjectPartner.project_id.in_(under_way))
    return union(attended, partnered).subquery()


def involvement(session: Session, start: dt.date, end: dt.date,
                under_way: tuple[int, ...] | None = None) -> Involvement:
    """`under_way`: the projects under way in the period, when the caller has them (else computed)."""
    if under_way is None:
        under_way = project_figures(session, start, end).under_way_ids
    ids = involved_member_ids(start, end, under_way)
    row = session.execute(
        select(func.count(), func.count().filter(Member.kind == MemberKind.COMPANY))
        .select_from(Member).join(ids, ids.c.member_id == Member.id).where(active_during_clause(start, end))
    ).one()
    involved, companies = int(row[0] or 0), int(row[1] or 0)
    during = session.scalar(select(func.count()).select_from(Member).where(active_during_clause(start, end)))
    share = (Decimal(involved) / Decimal(during)).quantize(Decimal("0.0001")) if during else None
    return Involvement(start, end, involved, companies, during, share)
