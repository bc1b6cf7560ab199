"""The project pipeline: from idea to submitted (to a funding programme), approved or rejected, running,
completed or stopped, read from the one dated status history (`project_status_change`), with the
funding each partner requested and was granted.

For a period [start, end], counting the dated changes within it:
- **ideas**: projects that entered the pipeline in the period (their first recorded status is dated in it);
- **submitted**, **approved**, **rejected**: projects with a change to that stage dated in the period;
- **started**: first running in the period (the report's "started"); **completed**, **stopped** likewise;
- **conversion to submitted** = submitted / ideas; **conversion to approved** = approved / submitted
  (None without a denominator);
- **funding requested**: the partners' requested funding of the projects submitted in the period;
  **funding granted**: the partners' granted funding of the projects approved in the period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import _
from clustermanager.models import (
    Member,
    PartnerFunding,
    Programme,
    Project,
    ProjectApplication,
    ProjectPartner,
    ProjectStatus,
    ProjectStatusChange,
)
from clustermanager.services.project_status import period_statuses

STAGES = ("ideas", "submitted", "approved", "started", "completed")  # the funnel, in order
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Pipeline:
    start: dt.date
    end: dt.date
    ideas: int
    submitted: int
    approved: int
    rejected: int
    started: int
    completed: int
    stopped: int
    conversion_submitted: Decimal | None  # submitted / ideas
    conversion_approved: Decimal | None  # approved / submitted
    funding_requested: Decimal
    funding_granted: Decimal
    by_programme: dict[str, tuple[int, int, Decimal, Decimal]]  # programme: submitted, approved, requested, granted

    def stage(self, name: str) -> int:
        return getattr(self, name)


@dataclass(frozen=True)
class ApplicationData:
    project_id: int
    programme: Programme | None  # None: funding entered, no programme yet
    call: str | None
    funding: tuple[tuple[str, Decimal, Decimal | None], ...]  # partner name, requested, granted


def _ratio(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001")) if whole else None


def pipeline(session: Session, start: dt.date, end: dt.date) -> Pipeline:
    if end < start:
        raise ValidationError("end", end.isoformat(), _("lies before the start {date}").format(date=start.isoformat()))
    c = ProjectStatusChange
    first = dict(session.execute(select(c.project_id, func.min(c.changed_on)).group_by(c.project_id)).all())
    ideas = sum(1 for day in first.values() if start <= day <= end)
    reached: dict[ProjectStatus, set[int]] = {s: set() for s in
                                              (ProjectStatus.SUBMITTED, ProjectStatus.APPROVED, ProjectStatus.REJECTED)}
    for pid, status in session.execute(select(c.project_id, c.status).where(
            c.status.in_(list(reached)), c.changed_on >= start, c.changed_on <= end)):
        reached[status].add(pid)
    states = period_statuses(session, start, end)
    submitted, approved = reached[ProjectStatus.SUBMITTED], reached[ProjectStatus.APPROVED]
    programmes = dict(session.execute(select(ProjectApplication.project_id, ProjectApplication.programme)).all())
    money: dict[int, tuple[Decimal, Decimal]] = {}
    for pid, requested, granted in session.execute(
            select(PartnerFunding.project_id, func.sum(PartnerFunding.requested), func.sum(PartnerFunding.granted))
            .group_by(PartnerFunding.project_id)):
        money[pid] = (requested or ZERO, granted or ZERO)
    by_programme: dict[str, list] = {}
    for pid in submitted | approved:
        key = programmes[pid].value if pid in programmes else "unspecified"
        row = by_programme.setdefault(key, [0, 0, ZERO, ZERO])
        row[0] += pid in submitted
        row[1] += pid in approved
        row[2] += money.get(pid, (ZERO, ZERO))[0] if pid in submitted else ZERO
        row[3] += money.get(pid, (ZERO, ZERO))[1] if pid in approved else ZERO
    return Pipeline(
        start, end, ideas, len(submitted), len(approved), len(reached[ProjectStatus.REJECTED]),
        len(states.started), len(states.completed), len(states.stopped),
        _ratio(len(submitted), ideas), _ratio(len(approved), len(submitted)),
        sum((money.get(p, (ZERO, ZERO))[0] for p in submitted), ZERO),
        sum((money.get(p, (ZERO, ZERO))[1] for p in approved), ZERO),
        {k: tuple(r) for k, r in sorted(by_programme.items())})


# --- entering the application ---------------------------------------------------------------------

def _project(session: Session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFoundError(_("Project {id} does not exist.").format(id=project_id))
    return project


def set_programme(session: Session, project_id: int, programme: Programme | str, call: str | None = None) -> None:
    """The funding programme the project is submitted to (again: replaced)."""
    _project(session, project_id)
    try:
        programme = Programme(programme)
    except ValueError:
        raise ValidationError("programme", str(programme), _("is not one of: {values}").format(
            values=", ".join(p.value for p in Programme))) from None
    call = v.clean_text(call, "call", max_length=200)
    row = session.scalar(select(ProjectApplication).where(ProjectApplication.project_id == project_id))
    if row is None:
        session.add(ProjectApplication(project_id=project_id, programme=programme, call=call))
    else:
        row.programme, row.call = programme, call
    session.flush()


def set_partner_funding(session: Session, project_id: int, member_id: int, requested: object,
                        granted: object = None) -> None:
    """A partner's requested funding and (once decided) granted funding; the member must be a partner."""
    _project(session, project_id)
    if session.scalar(select(ProjectPartner.id).where(ProjectPartner.project_id == project_id,
                                                      ProjectPartner.member_id == member_id)) is None:
        raise ValidationError("member", member_id, _("is not a partner of this project"))
    requested = v.money(requested, "requested")
    granted = None if granted is None or str(granted).strip() == "" else v.money(granted, "granted")
    row = session.scalar(select(PartnerFunding).where(PartnerFunding.project_id == project_id,
                                                      PartnerFunding.member_id == member_id))
    if row is None:
        session.add(PartnerFunding(project_id=project_id, member_id=member_id, requested=requested, granted=granted))
    else:
        row.requested, row.granted = requested, granted
    session.flush()


def application(session: Session, project_id: int) -> ApplicationData | None:
    row = session.scalar(select(ProjectApplication).where(ProjectApplication.project_id == project_id))
    funding = tuple(session.execute(
        select(Member.name, PartnerFunding.requested, PartnerFunding.granted)
        .join(Member, Member.id == PartnerFunding.member_id).where(PartnerFunding.project_id == project_id)
        .order_by(Member.name)).all())
    if row is None and not funding:
        return None
    return ApplicationData(project_id, row.programme if row else None, row.call if row else None,
                           tuple(tuple(f) for f in funding))


def funding_by_member(session: Session, project_id: int) -> dict[int, tuple[Decimal, Decimal | None]]:
    return {m: (r, g) for m, r, g in session.execute(
        select(PartnerFunding.member_id, PartnerFunding.requested, PartnerFunding.granted)
        .where(PartnerFunding.project_id == project_id))}


def save_funding(session: Session, project_id: int, programme: Programme | str | None, call: str | None,
                 rows: dict[int, tuple[str, str]], names: dict[int, str] | None = None) -> None:
    """The window's Funding tab in one go: the programme (None: none) and per partner member
    (requested text, granted text); an empty requested removes that partner's funding. Every amount is
    checked first; a bad one is named with the partner, nothing is written."""
    names = names or {}
    problems = []
    checked: dict[int, tuple[Decimal, Decimal | None] | None] = {}
    for member_id, (requested, granted) in rows.items():
        who = names.get(member_id, str(member_id))
        try:
            if not str(requested or "").strip():
                if str(granted or "").strip():
                    raise ValidationError(_("requested ({partner})").format(partner=who), "",
                                          _("is needed before a granted amount"))
                checked[member_id] = None
                continue
            req = v.money(requested, _("requested ({partner})").format(partner=who))
            gr = None if not str(granted or "").strip() else v.money(granted, _("granted ({partner})").format(
                partner=who))
            checked[member_id] = (req, gr)
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError.from_problems(problems)
    current = session.scalar(select(ProjectApplication).where(ProjectApplication.project_id == project_id))
    if programme:
        set_programme(session, project_id, programme, call)
    elif current is not None:
        session.delete(current)
    kept = {r.member_id: r for r in session.scalars(select(PartnerFunding).where(
        PartnerFunding.project_id == project_id))}
    for member_id, value in checked.items():
        if value is None:
            if member_id in kept:
                session.delete(kept[member_id])
        else:
            set_partner_funding(session, project_id, member_id, *value)
    session.flush()
