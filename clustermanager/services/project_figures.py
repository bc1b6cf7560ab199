"""Project figures for a period, as the projects stood then (from the dated status history).

Re-exported by `services.projects`, where the report and the command line have always found them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.models import Project, ProjectPartner, ProjectStatus
from clustermanager.services.project_status import period_statuses


@dataclass(frozen=True)
class ProjectTally:
    """A group of projects counted by kind, by status on the period's last day and by the three-companies rule."""

    count: int
    by_kind: dict[str, int]
    by_status: dict[str, int]
    meeting_company_rule: int
    below_company_rule: int


@dataclass(frozen=True)
class ProjectFigures:
    """Projects over [start, end] as they stood then, from the dated status history (never today's status).

    A project is **under way** in the period when it was running at some moment of it: running on the day
    before, or becoming running, completed or stopped within it. A project in preparation (or an idea) is
    not under way: nothing runs yet, so the agency does not count it as a collaboration in progress.
    **Started**: first running within the period. Statuses are those on the period's last day."""

    start: dt.date
    end: dt.date
    started: int  # first running within the period
    running: int  # under way and still running on the last day
    completed: int  # completed within the period
    total: int  # under way in the period
    by_kind: dict[str, int]  # over the projects under way
    by_status: dict[str, int]  # their status on the last day
    meeting_company_rule: int  # under way with MIN_COMPANIES or more companies
    partners_involved: int  # distinct members partnering in the projects under way
    budget_by_funding_source: dict[str, Decimal]  # their budgets; "unspecified" if no source
    stopped: int = 0  # stopped within the period
    under_way: ProjectTally | None = None
    started_tally: ProjectTally | None = None
    under_way_ids: tuple[int, ...] = ()
    started_ids: tuple[int, ...] = ()
    status_at_end: dict[int, ProjectStatus] | None = None


def project_figures(session: Session, start: dt.date, end: dt.date) -> ProjectFigures:
    """Projects over a period as they stood then, from the dated status history (see ProjectFigures)."""
    from clustermanager.services.projects import (  # re-exports us
        UNSPECIFIED,
        meets_company_rule,
        partner_counts,
    )

    if end < start:
        raise ValidationError("end", end.isoformat(), _("lies before the start {date}").format(date=start.isoformat()))
    states = period_statuses(session, start, end)
    counts = partner_counts()
    info = {r.id: r for r in session.execute(
        select(Project.id, Project.kind, Project.budget, Project.funding_source,
               func.coalesce(counts.c.companies, 0).label("companies"))
        .outerjoin(counts, counts.c.project_id == Project.id))}

    def tally(ids) -> ProjectTally:
        by_kind: dict[str, int] = {}
        by_status: dict[str, int] = {}
        meeting = 0
        for pid in ids:
            by_kind[info[pid].kind.value] = by_kind.get(info[pid].kind.value, 0) + 1
            status = states.at_end[pid].value
            by_status[status] = by_status.get(status, 0) + 1
            meeting += meets_company_rule(info[pid].companies)
        return ProjectTally(len(ids), by_kind, by_status, meeting, len(ids) - meeting)

    under_way = [pid for pid in states.under_way if pid in info]
    started = [pid for pid in states.started if pid in info]
    partners = session.scalar(select(func.count(func.distinct(ProjectPartner.member_id)))
                              .where(ProjectPartner.project_id.in_(under_way))) if under_way else 0
    budgets: dict[str, Decimal] = {}
    for pid in under_way:
        if info[pid].budget is not None:
            key = info[pid].funding_source.value if info[pid].funding_source else UNSPECIFIED
            budgets[key] = budgets.get(key, Decimal("0.00")) + info[pid].budget
    running = sum(1 for pid in under_way if states.at_end[pid] is ProjectStatus.RUNNING)
    whole = tally(under_way)
    return ProjectFigures(start=start, end=end, started=len(started), running=running,
                          completed=len(states.completed & set(info)), total=whole.count, by_kind=whole.by_kind,
                          by_status=whole.by_status, meeting_company_rule=whole.meeting_company_rule,
                          partners_involved=partners, budget_by_funding_source=budgets,
                          stopped=len(states.stopped & set(info)), under_way=whole, started_tally=tally(started),
                          under_way_ids=tuple(sorted(under_way)), started_ids=tuple(sorted(started)),
                          status_at_end=dict(states.at_end))
