"""A project's status over time: change it with a date, correct a date, ask the status on any day.

Every change is a dated row (`ProjectStatusChange`) that stays when the status changes again, so a
report for a past period sees each project as it stood then. `Project.status` is kept equal to the
latest change (by date, then by the order the changes were entered); `check` verifies it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import _
from clustermanager.models import Project, ProjectStatus, ProjectStatusChange

# A project has started once it reaches one of these; it has ended with one of FINAL.
STARTED = (ProjectStatus.RUNNING, ProjectStatus.COMPLETED, ProjectStatus.STOPPED)
FINAL = (ProjectStatus.COMPLETED, ProjectStatus.STOPPED)
LATEST = v.LATEST_DATE
# How far along the way a status lies (a new status inserts itself here; unknown ones count as 0).
STAGE = {ProjectStatus.IDEA: 0, ProjectStatus.PREPARATION: 1, ProjectStatus.SUBMITTED: 2,
         ProjectStatus.APPROVED: 3, ProjectStatus.REJECTED: 3, ProjectStatus.RUNNING: 4,
         ProjectStatus.COMPLETED: 5, ProjectStatus.STOPPED: 5}


@dataclass(frozen=True)
class StatusChangeData:
    id: int
    project_id: int
    status: ProjectStatus
    changed_on: dt.date
    note: str | None
    version: int


def _data(row: ProjectStatusChange) -> StatusChangeData:
    return StatusChangeData(row.id, row.project_id, row.status, row.changed_on, row.note, row.version)


def _project(session: Session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFoundError(_("Project {id} does not exist.").format(id=project_id))
    return project


def _ordered(session: Session, project_id: int) -> list[ProjectStatusChange]:
    return list(session.scalars(select(ProjectStatusChange).where(ProjectStatusChange.project_id == project_id)
                                .order_by(ProjectStatusChange.changed_on, ProjectStatusChange.id)))


def status_history(session: Session, project_id: int) -> list[StatusChangeData]:
    """Every change of the project's status, oldest first."""
    _project(session, project_id)
    return [_data(r) for r in _ordered(session, project_id)]


def _sync(session: Session, project: Project) -> None:
    """Project.status follows the latest change; a start or end date the project lacks comes from it."""
    session.flush()
    changes = _ordered(session, project.id)
    if not changes:
        return
    latest = changes[-1]
    if project.status is not latest.status:
        project.status = latest.status
    if latest.status in STARTED and project.starts_on is None:
        first = next(c for c in changes if c.status in STARTED)
        project.starts_on = first.changed_on
    if latest.status is ProjectStatus.COMPLETED and project.ends_on is None:
        project.ends_on = latest.changed_on
    session.flush()


def record_initial_status(session: Session, project: Project, *, on: dt.date | None = None) -> None:
    """The history of a project just entered: its status on `on` (default today); a running, completed
    or stopped project is "running" from its start date, then completed or stopped on its end date."""
    on = on or dt.date.today()
    status = project.status
    rows: list[tuple[ProjectStatus, dt.date]] = []
    if status in STARTED and project.starts_on is not None:
        rows.append((ProjectStatus.RUNNING, project.starts_on))
    if status in FINAL:
        end = project.ends_on or on
        rows.append((status, max(end, project.starts_on) if project.starts_on else end))
    if not rows:
        rows.append((status, project.starts_on if status is ProjectStatus.RUNNING and project.starts_on else on))
    for value, day in rows:
        session.add(ProjectStatusChange(project_id=project.id, status=value, changed_on=day))
    session.flush()


def status_on(session: Session, project_id: int, day: dt.date) -> ProjectStatus | None:
    """The project's status at the end of `day`; None before its first recorded status."""
    return statuses_on(session, day, [project_id]).get(project_id)


def statuses_on(session: Session, day: dt.date, project_ids: Iterable[int] | None = None) -> dict[int, ProjectStatus]:
    """{project id: status at the end of `day`} in one query; projects without a status by then are absent."""
    c = ProjectStatusChange
    ranked = (select(c.project_id, c.status, func.row_number().over(
        partition_by=c.project_id, order_by=(c.changed_on.desc(), c.id.desc())).label("n"))
        .where(c.changed_on <= day))
    if project_ids is not None:
        ranked = ranked.where(c.project_id.in_(list(project_ids)))
    sub = ranked.subquery()
    return {pid: status for pid, status in session.execute(select(sub.c.project_id, sub.c.status)
                                                           .where(sub.c.n == 1))}


def first_dates(session: Session, statuses: Iterable[ProjectStatus]) -> dict[int, dt.date]:
    """{project id: the first day it reached any of `statuses`}."""
    c = ProjectStatusChange
    return dict(session.execute(select(c.project_id, func.min(c.changed_on))
                                .where(c.status.in_(list(statuses))).group_by(c.project_id)).all())


def last_dates(session: Session, statuses: Iterable[ProjectStatus], until: dt.date) -> dict[int, dt.date]:
    """{project id: the latest day on or before `until` it reached any of `statuses`}."""
    c = ProjectStatusChange
    return dict(session.execute(select(c.project_id, func.max(c.changed_on))
                                .where(c.status.in_(list(statuses)), c.changed_on <= until)
                                .group_by(c.project_id)).all())


def set_status(session: Session, project_id: int, status: ProjectStatus | str, *, on: dt.date | None = None,
               note: str | None = None) -> StatusChangeData:
    """Record that the project took `status` on `on` (default today). Earlier changes stay.

    A change dated before recorded changes of an earlier stage (a project entered today as an idea that
    in fact runs since March) moves those to the same day, before it: a project is not an idea after it
    ran. Their order and notes stay."""
    project = _project(session, project_id)
    try:
        status = ProjectStatus(status)
    except ValueError:
        raise ValidationError("status", str(status), _("is not one of: {values}").format(
            values=", ".join(s.value for s in ProjectStatus))) from None
    on = v.date_in_range(on, "changed_on") if on is not None else dt.date.today()
    note = v.clean_text(note, "note", max_length=2000)
    if status_on(session, project_id, on) is status:
        raise ValidationError("status", status.value, _("the project already has this status on {date}").format(
            date=on.isoformat()))
    if status in FINAL and project.starts_on is not None and on < project.starts_on:
        raise ValidationError("changed_on", on.isoformat(), _("lies before the project's start {date}").format(
            date=project.starts_on.isoformat()))
    _pull_earlier_stages(session, project_id, status, on)
    row = ProjectStatusChange(project_id=project_id, status=status, changed_on=on, note=note)
    session.add(row)
    _sync(session, project)
    return _data(row)


def _pull_earlier_stages(session: Session, project_id: int, status: ProjectStatus, on: dt.date, *,
                         keep: int | None = None) -> None:
    for earlier in _ordered(session, project_id):
        if earlier.id != keep and earlier.changed_on > on and STAGE.get(earlier.status, 0) < STAGE.get(status, 0):
            earlier.changed_on = on


def correct_status_date(session: Session, change_id: int, on: dt.date, *, note: str | None = None,
                        expected_version: int | None = None) -> StatusChangeData:
    """Correct the date of one recorded change (the status itself stays; add a change to change it)."""
    row = session.get(ProjectStatusChange, change_id)
    if row is None:
        raise NotFoundError(_("Status change {id} does not exist.").format(id=change_id))
    if expected_version is not None and row.version != expected_version:
        from clustermanager.errors import ConflictError
        raise ConflictError(_("Someone else changed this status date since you opened it."),
                            theirs=_data(row), mine=on)
    on = v.date_in_range(on, "changed_on", required=True)
    project = _project(session, row.project_id)
    if row.status in FINAL and project.starts_on is not None and on < project.starts_on:
        raise ValidationError("changed_on", on.isoformat(), _("lies before the project's start {date}").format(
            date=project.starts_on.isoformat()))
    _pull_earlier_stages(session, project.id, row.status, on, keep=row.id)
    row.changed_on = on
    if note is not None:
        row.note = v.clean_text(note, "note", max_length=2000)
    _sync(session, project)
    return _data(row)


def delete_status_change(session: Session, change_id: int) -> None:
    """Remove a change entered by mistake; a project keeps at least one."""
    row = session.get(ProjectStatusChange, change_id)
    if row is None:
        raise NotFoundError(_("Status change {id} does not exist.").format(id=change_id))
    project = _project(session, row.project_id)
    if len(_ordered(session, project.id)) == 1:
        raise ValidationError("status", row.status.value, _("is the project's only recorded status"))
    session.delete(row)
    _sync(session, project)


def complete_histories(session: Session, *, on: dt.date | None = None) -> int:
    """After a bulk change (a workbook import): a project without a history gets one from its dates, and a
    project whose status is not its latest change gets that status as a change on `on` (default today).
    Returns how many projects it touched."""
    session.flush()
    latest = statuses_on(session, LATEST)
    touched = 0
    for project in session.scalars(select(Project).order_by(Project.id)):
        current = latest.get(project.id)
        if current is None:
            record_initial_status(session, project, on=on)
        elif current is not project.status:
            session.add(ProjectStatusChange(project_id=project.id, status=project.status,
                                            changed_on=max(on or dt.date.today(), _last_day(session, project.id))))
        else:
            continue
        touched += 1
    session.flush()
    return touched


def _last_day(session: Session, project_id: int) -> dt.date:
    return session.scalar(select(func.max(ProjectStatusChange.changed_on))
                          .where(ProjectStatusChange.project_id == project_id))


@dataclass(frozen=True)
class PeriodStatuses:
    """How the projects stood over [start, end], from the dated history only (not today's status)."""

    at_end: dict[int, ProjectStatus]  # the status on the period's last day
    under_way: frozenset[int]  # running at some moment in the period (in preparation is not under way)
    started: frozenset[int]  # first reached running (or a later stage) within the period
    completed: frozenset[int]  # completed within the period
    stopped: frozenset[int]  # stopped within the period


def period_statuses(session: Session, start: dt.date, end: dt.date) -> PeriodStatuses:
    c = ProjectStatusChange
    rows = session.execute(select(c.project_id, c.status, c.changed_on).where(c.changed_on <= end)
                           .order_by(c.project_id, c.changed_on, c.id)).all()
    at_end: dict[int, ProjectStatus] = {}
    before: dict[int, ProjectStatus] = {}
    first_start: dict[int, dt.date] = {}
    under_way, completed, stopped = set(), set(), set()
    for pid, status, day in rows:
        at_end[pid] = status
        if day < start:
            before[pid] = status
        else:
            if status is ProjectStatus.RUNNING:
                under_way.add(pid)
            elif status is ProjectStatus.COMPLETED:
                completed.add(pid)
            elif status is ProjectStatus.STOPPED:
                stopped.add(pid)
        if status in STARTED and pid not in first_start:
            first_start[pid] = day
    under_way |= {pid for pid, status in before.items() if status is ProjectStatus.RUNNING}
    # a project completed or stopped in the period ran until then, even if the start predates the history
    under_way |= {pid for pid in completed | stopped if before.get(pid) is ProjectStatus.RUNNING}
    started = {pid for pid, day in first_start.items() if start <= day <= end}
    return PeriodStatuses(at_end, frozenset(under_way), frozenset(started), frozenset(completed), frozenset(stopped))
