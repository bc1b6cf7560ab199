"""Collaboration projects between members: partners with roles (exactly one lead), shares, hours.

The three-companies rule: a project counts as a collaboration initiative only when at least
`models.MIN_COMPANIES` DISTINCT partner members are companies. Knowledge institutions, public bodies
and others may take part but do not count towards it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields
from decimal import Decimal

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from clustermanager.i18n import _
from clustermanager.models import (
    MIN_COMPANIES,
    FundingSource,
    Member,
    MemberKind,
    PartnerRole,
    Project,
    ProjectKind,
    ProjectPartner,
    ProjectStatus,
)
from clustermanager.services.history.actions import moves_to_trash
from clustermanager.services.input_checks import checked, enum_value
from clustermanager.services.project_status import record_initial_status, set_status

MAX_HOURS = Decimal("99999999.99")
UNSPECIFIED = "unspecified"  # budget_by_funding_source key for projects without a funding source


def meets_company_rule(company_count: int) -> bool:
    return company_count >= MIN_COMPANIES


def company_rule_warning(company_count: int) -> str | None:
    """The warning shown on a project that does not (yet) count as a collaboration initiative."""
    if meets_company_rule(company_count):
        return None
    if company_count == 0:
        return _("No company among the partners yet: a project counts as a collaboration initiative with {min} "
                 "or more companies.").format(min=MIN_COMPANIES)
    return _("Only {n} of the partners are companies: a project counts as a collaboration initiative "
             "with {min} or more companies.").format(n=company_count, min=MIN_COMPANIES)


# ---------------------------------------------------------------------------------------------
# Results and input


@dataclass(frozen=True)
class PartnerData:
    id: int
    member_id: int
    member_name: str
    member_kind: MemberKind
    role: PartnerRole
    budget_share: Decimal | None
    in_kind_hours: Decimal | None

    @property
    def is_company(self) -> bool:
        return self.member_kind is MemberKind.COMPANY


@dataclass(frozen=True)
class PartnerInput:
    member_id: int
    role: PartnerRole | str | None = None  # None: the lead if the project has none yet, else a partner
    budget_share: Decimal | str | None = None
    in_kind_hours: Decimal | str | None = None


@dataclass(frozen=True)
class ProjectInput:
    kind: ProjectKind | str
    title: str
    status: ProjectStatus | str = ProjectStatus.IDEA
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    budget: Decimal | str | None = None
    funding_source: FundingSource | str | None = None
    description: str | None = None
    results: str | None = None


@dataclass(frozen=True)
class ProjectDetail:
    id: int
    kind: ProjectKind
    title: str
    status: ProjectStatus
    starts_on: dt.date | None
    ends_on: dt.date | None
    budget: Decimal | None
    funding_source: FundingSource | None
    description: str | None
    results: str | None
    version: int
    partners: tuple[PartnerData, ...]
    company_count: int
    meets_company_rule: bool
    warning: str | None

    @property
    def lead(self) -> PartnerData | None:
        return next((p for p in self.partners if p.role is PartnerRole.LEAD), None)

    def to_input(self) -> ProjectInput:
        return ProjectInput(**{f.name: getattr(self, f.name) for f in fields(ProjectInput)})


@dataclass(frozen=True)
class ProjectRow:
    id: int
    kind: ProjectKind
    title: str
    status: ProjectStatus
    starts_on: dt.date | None
    ends_on: dt.date | None
    budget: Decimal | None
    funding_source: FundingSource | None
    partners: int
    companies: int
    lead_name: str | None
    search_text: str = ""

    @property
    def meets_company_rule(self) -> bool:
        return meets_company_rule(self.companies)


# ---------------------------------------------------------------------------------------------
# Validation


def validate_project(data: ProjectInput) -> dict:
    problems: list[FieldProblem] = []
    out = {
        "kind": enum_value(ProjectKind, data.kind, "kind", problems, required=True),
        "title": checked(problems, v.clean_text, data.title, "title", required=True),
        "status": enum_value(ProjectStatus, data.status, "status", problems, required=True),
        "starts_on": checked(problems, v.date_in_range, data.starts_on, "starts_on"),
        "ends_on": checked(problems, v.date_in_range, data.ends_on, "ends_on"),
        "budget": checked(problems, v.money, data.budget, "budget", required=False),
        "funding_source": enum_value(FundingSource, data.funding_source, "funding_source", problems, required=False),
        "description": checked(problems, v.clean_text, data.description, "description", max_length=20000),
        "results": checked(problems, v.clean_text, data.results, "results", max_length=20000),
    }
    if out["starts_on"] and out["ends_on"] and out["ends_on"] < out["starts_on"]:
        problems.append(FieldProblem("ends_on", out["ends_on"].isoformat(), _("lies before the start")))
    if out["status"] in (ProjectStatus.RUNNING, ProjectStatus.COMPLETED) and out["starts_on"] is None:
        problems.append(FieldProblem("starts_on", None, _("is required once a project runs")))
    if out["status"] is ProjectStatus.COMPLETED and out["ends_on"] is None:
        problems.append(FieldProblem("ends_on", None, _("is required for a completed project")))
    if problems:
        raise ValidationError.from_problems(problems)
    return out


def _hours(value, problems: list[FieldProblem]) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float):
        value = str(value)
    try:
        hours = value if isinstance(value, Decimal) else v.parse_decimal_text(str(value), "in_kind_hours")
    except ValidationError as exc:
        problems.extend(exc.problems)
        return None
    if not hours.is_finite() or hours < 0 or hours > MAX_HOURS:
        problems.append(FieldProblem("in_kind_hours", str(value), _("must be a number of hours, 0 or more")))
        return None
    return hours.quantize(Decimal("0.01"))


def validate_partner(data: PartnerInput) -> dict:
    problems: list[FieldProblem] = []
    out = {
        "member_id": data.member_id,
        "role": enum_value(PartnerRole, data.role, "role", problems, required=False),
        "budget_share": checked(problems, v.money, data.budget_share, "budget_share", required=False),
        "in_kind_hours": _hours(data.in_kind_hours, problems),
    }
    if problems:
        raise ValidationError.from_problems(problems)
    return out


# ---------------------------------------------------------------------------------------------
# Conversions


def _partner(p: ProjectPartner) -> PartnerData:
    return PartnerData(p.id, p.member_id, p.member.name, p.member.kind, p.role, p.budget_share, p.in_kind_hours)


def _detail(project: Project) -> ProjectDetail:
    partners = tuple(sorted((_partner(p) for p in project.partners),
                            key=lambda p: (p.role is not PartnerRole.LEAD, p.member_name.lower())))
    companies = len({p.member_id for p in partners if p.is_company})
    return ProjectDetail(
        id=project.id, kind=project.kind, title=project.title, status=project.status, starts_on=project.starts_on,
        ends_on=project.ends_on, budget=project.budget, funding_source=project.funding_source,
        description=project.description, results=project.results, version=project.version, partners=partners,
        company_count=companies, meets_company_rule=meets_company_rule(companies),
        warning=company_rule_warning(companies),
    )


def _load(session: Session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFoundError(_("Project {id} does not exist.").format(id=project_id))
    return project


def _member(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise NotFoundError(_("Member {id} does not exist.").format(id=member_id))
    return member


# ---------------------------------------------------------------------------------------------
# Use cases: projects


def create_project(session: Session, data: ProjectInput, partners: Sequence[PartnerInput] = (), *,
                   status_on: dt.date | None = None) -> ProjectDetail:
    """A new project; its status history starts from its dates (`status_on`, default today, for an idea)."""
    project = Project(**validate_project(data))
    session.add(project)
    session.flush()
    record_initial_status(session, project, on=status_on)
    if partners:
        set_partners(session, project.id, partners)
    return _detail(project)


def update_project(session: Session, project_id: int, data: ProjectInput, *,
                   expected_version: int | None = None, status_on: dt.date | None = None) -> ProjectDetail:
    """Save the form; a new status is a dated change in the history (`status_on`, default today)."""
    project = _load(session, project_id)
    if expected_version is not None and project.version != expected_version:
        raise ConflictError(_("Someone else changed {title} since you opened it.").format(title=project.title),
                            theirs=_detail(project), mine=data)
    values = validate_project(data)
    new_status = values.pop("status")
    for key, value in values.items():
        setattr(project, key, value)
    session.flush()
    if new_status is not project.status:
        set_status(session, project.id, new_status, on=status_on)
    return _detail(project)


@moves_to_trash("project")
def delete_project(session: Session, project_id: int) -> None:
    session.delete(_load(session, project_id))
    session.flush()


def get_project(session: Session, project_id: int) -> ProjectDetail:
    return _detail(_load(session, project_id))


def find_project_id(session: Session, key: str) -> int:
    """A project by id or exact title, for the command line."""
    key = v.clean_text(key, "project", required=True)
    if key.isdigit() and len(key) < 10 and session.get(Project, int(key)) is not None:
        return int(key)
    found = session.scalar(select(Project.id).where(func.lower(Project.title) == key.lower()))
    if found is None:
        raise NotFoundError(_("No project matches {key!r}.").format(key=key))
    return found


def partner_counts():
    """A subquery per project: partners, distinct company members, and the lead's name."""
    lead_name = func.max(case((ProjectPartner.role == PartnerRole.LEAD, Member.name)))
    return (
        select(
            ProjectPartner.project_id.label("project_id"),
            func.count(func.distinct(ProjectPartner.member_id)).label("partners"),
            func.count(func.distinct(case((Member.kind == MemberKind.COMPANY, ProjectPartner.member_id))))
            .label("companies"),
            lead_name.label("lead_name"),
        )
        .join(Member, Member.id == ProjectPartner.member_id)
        .group_by(ProjectPartner.project_id)
        .subquery()
    )


def list_projects(
    session: Session,
    *,
    kind: ProjectKind | None = None,
    status: ProjectStatus | None = None,
    search: str | None = None,
    member_id: int | None = None,
    below_company_rule: bool = False,
) -> list[ProjectRow]:
    """Projects with partner and company counts, in one set-based query; newest start first."""
    counts = partner_counts()
    companies = func.coalesce(counts.c.companies, 0)
    query: Select = (
        select(Project.id, Project.kind, Project.title, Project.status, Project.starts_on, Project.ends_on,
               Project.budget, Project.funding_source, func.coalesce(counts.c.partners, 0), companies,
               counts.c.lead_name)
        .outerjoin(counts, counts.c.project_id == Project.id)
        .order_by(Project.starts_on.is_(None).desc(), Project.starts_on.desc(), Project.id.desc())
    )
    if kind is not None:
        query = query.where(Project.kind == kind)
    if status is not None:
        query = query.where(Project.status == status)
    if below_company_rule:
        query = query.where(companies < MIN_COMPANIES)
    if member_id is not None:
        query = query.where(Project.id.in_(select(ProjectPartner.project_id).where(
            ProjectPartner.member_id == member_id)))
    if search:
        like = f"%{search.strip().lower()}%"
        query = query.where(or_(func.lower(Project.title).like(like), func.lower(Project.description).like(like),
                                Project.id.in_(select(ProjectPartner.project_id)
                                               .join(Member, Member.id == ProjectPartner.member_id)
                                               .where(func.lower(Member.name).like(like)))))
    rows = []
    for r in session.execute(query):
        haystack = " ".join(filter(None, (r.title, r.kind.label, r.status.label, r.lead_name))).lower()
        rows.append(ProjectRow(*r, search_text=haystack))
    return rows


@dataclass(frozen=True)
class MemberChoice:
    id: int
    name: str
    kind: MemberKind


def member_choices(session: Session) -> list[MemberChoice]:
    """Every member (former ones too: a project may predate a departure) for the partner picker."""
    return [MemberChoice(*r) for r in session.execute(select(Member.id, Member.name, Member.kind)
                                                      .order_by(Member.name))]


# ---------------------------------------------------------------------------------------------
# Use cases: partners


def set_partners(session: Session, project_id: int, partners: Sequence[PartnerInput]) -> ProjectDetail:
    """Replace the whole partner list (the partners editor): each member once, exactly one lead."""
    project = _load(session, project_id)
    problems: list[FieldProblem] = []
    values = []
    for data in partners:
        try:
            values.append(validate_partner(data))
        except ValidationError as exc:
            problems.extend(exc.problems)
    seen: set[int] = set()
    for item in values:
        member = _member(session, item["member_id"])
        if item["member_id"] in seen:
            problems.append(FieldProblem("member", member.name, _("is listed twice")))
        seen.add(item["member_id"])
    if values and not problems:
        leads = [item for item in values if item["role"] is PartnerRole.LEAD]
        if not leads and len(values) == 1:
            values[0]["role"] = PartnerRole.LEAD
        elif len(leads) != 1:
            problems.append(FieldProblem("role", len(leads), _("a project has exactly one lead partner")))
    if problems:
        raise ValidationError.from_problems(problems)
    existing = {p.member_id: p for p in project.partners}
    for member_id in set(existing) - seen:
        project.partners.remove(existing[member_id])
    _drop_funding(session, project_id, set(existing) - seen)
    session.flush()  # the removed rows go first, so a member can come back in the same save
    for item in values:
        item["role"] = item["role"] or PartnerRole.PARTNER
        row = existing.get(item["member_id"])
        if row is None:
            project.partners.append(ProjectPartner(**item))
        else:
            for key, value in item.items():
                setattr(row, key, value)
    session.flush()
    session.refresh(project)
    return _detail(project)


def add_partner(session: Session, project_id: int, data: PartnerInput) -> ProjectDetail:
    """Add one partner. Without a role it becomes the lead if the project has none, else a partner."""
    project = _load(session, project_id)
    member = _member(session, data.member_id)
    values = validate_partner(data)
    if any(p.member_id == member.id for p in project.partners):
        raise ValidationError("member", member.name, _("is already a partner of this project"))
    lead = next((p for p in project.partners if p.role is PartnerRole.LEAD), None)
    if values["role"] is None:
        values["role"] = PartnerRole.PARTNER if lead else PartnerRole.LEAD
    if values["role"] is PartnerRole.LEAD and lead is not None:
        raise ValidationError("role", "lead", _("{name} is already the lead partner").format(name=lead.member.name))
    if values["role"] is PartnerRole.PARTNER and lead is None:
        raise ValidationError("role", "partner", _("the project has no lead yet: add the lead partner first"))
    project.partners.append(ProjectPartner(**values))
    session.flush()
    return _detail(project)


def remove_partner(session: Session, project_id: int, member_id: int) -> ProjectDetail:
    """Remove a partner; the lead can only go last (make another partner the lead first)."""
    project = _load(session, project_id)
    row = next((p for p in project.partners if p.member_id == member_id), None)
    if row is None:
        raise NotFoundError(_("Member {id} is not a partner of this project.").format(id=member_id))
    if row.role is PartnerRole.LEAD and len(project.partners) > 1:
        raise ValidationError("role", row.member.name, _("is the lead: make another partner the lead first"))
    project.partners.remove(row)
    _drop_funding(session, project_id, {member_id})
    session.flush()
    return _detail(project)


def _drop_funding(session: Session, project_id: int, member_ids: set[int]) -> None:
    """A member that is no longer a partner keeps no requested or granted funding (project pipeline)."""
    from clustermanager.models import PartnerFunding

    for row in session.scalars(select(PartnerFunding).where(PartnerFunding.project_id == project_id,
                                                            PartnerFunding.member_id.in_(member_ids))):
        session.delete(row)


def set_lead(session: Session, project_id: int, member_id: int) -> ProjectDetail:
    project = _load(session, project_id)
    if not any(p.member_id == member_id for p in project.partners):
        raise NotFoundError(_("Member {id} is not a partner of this project.").format(id=member_id))
    for p in project.partners:
        p.role = PartnerRole.LEAD if p.member_id == member_id else PartnerRole.PARTNER
    session.flush()
    return _detail(project)


# ---------------------------------------------------------------------------------------------
# Figures for the progress report


def overlaps_clause(start: dt.date, end: dt.date):
    """Projects that had started by `end` and had not ended before `start` (ideas have no start)."""
    return and_(Project.starts_on.is_not(None), Project.starts_on <= end,
                or_(Project.ends_on.is_(None), Project.ends_on >= start))




from clustermanager.services.project_figures import (  # noqa: E402, F401  (figures live apart; re-exported)
    ProjectFigures,
    ProjectTally,
    project_figures,
)
