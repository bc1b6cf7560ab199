"""The collaboration projects STARTED in a period (first running within it, from the dated status
history: the same projects as the report's "started"): the budget they mobilise, how many meet the
three-companies rule, how many are international.

A project is **international** when it is funded by a European programme (`FundingSource.EUROPEAN`)
or has a partner member whose country is not Belgium. The budget mobilised is the sum of the started
projects' budgets (a project without a budget adds nothing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from clustermanager.models import FundingSource, Member, Project, ProjectPartner
from clustermanager.services.project_figures import ProjectFigures, project_figures


@dataclass(frozen=True)
class StartedProjects:
    start: dt.date
    end: dt.date
    started: int
    budget: Decimal
    meeting_company_rule: int
    international: int


def international_clause():
    abroad = exists().where(ProjectPartner.project_id == Project.id, Member.id == ProjectPartner.member_id,
                            Member.country != "BE")
    return or_(Project.funding_source == FundingSource.EUROPEAN, abroad)


def started_projects(session: Session, start: dt.date, end: dt.date,
                     figures: ProjectFigures | None = None) -> StartedProjects:
    """`figures`: the period's `project_figures`, when the caller has them already."""
    f = figures or project_figures(session, start, end)
    ids = list(f.started_ids)
    budget = international = 0
    for chunk in (ids[i:i + 900] for i in range(0, len(ids), 900)):  # SQLite's parameter limit
        b, n = session.execute(select(func.sum(Project.budget), func.count().filter(international_clause()))
                               .where(Project.id.in_(chunk))).one()
        budget += b or 0
        international += int(n or 0)
    meeting = f.started_tally.meeting_company_rule if f.started_tally else 0
    return StartedProjects(start, end, len(ids), Decimal(budget).quantize(Decimal("0.01")), meeting, international)
