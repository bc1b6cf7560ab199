"""The collaboration projects STARTED in a period (`starts_on` within it, both ends included):
the budget they mobilise, how many meet the three-companies rule, how many are international.

A project is **international** when it is funded by a European programme (`FundingSource.EUROPEAN`)
or has a partner member whose country is not Belgium. The budget mobilised is the sum of the started
projects' budgets (a project without a budget adds nothing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from clustermanager.models import MIN_COMPANIES, FundingSource, Member, Project, ProjectPartner
from clustermanager.services.projects import partner_counts


@dataclass(frozen=True)
class StartedProjects:
    start: dt.date
    end: dt.date
    started: int
    budget: Decimal
    meeting_company_rule: int
    international: int


def started_clause(start: dt.date, end: dt.date):
    return and_(Project.starts_on >= start, Project.starts_on <= end)


def international_clause():
    abroad = exists().where(ProjectPartner.project_id == Project.id, Member.id == ProjectPartner.member_id,
                            Member.country != "BE")
    return or_(Project.funding_source == FundingSource.EUROPEAN, abroad)


def started_projects(session: Session, start: dt.date, end: dt.date) -> StartedProjects:
    started = started_clause(start, end)
    count, budget = session.execute(
        select(func.count(), func.sum(Project.budget)).select_from(Project).where(started)).one()
    counts = partner_counts()
    meeting = session.scalar(select(func.count()).select_from(Project).join(
        counts, counts.c.project_id == Project.id).where(started, counts.c.companies >= MIN_COMPANIES))
    international = session.scalar(select(func.count()).select_from(Project).where(started, international_clause()))
    return StartedProjects(start, end, int(count or 0), budget if budget is not None else Decimal("0.00"),
                           int(meeting or 0), int(international or 0))
