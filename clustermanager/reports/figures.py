"""`build_report`: every figure and list of a progress report, in a few set-based queries.

The finance, activity and project figures come from the services that the screens use
(`services.fees`, `services.self_funding`, `services.engagement`, `services.projects`), so the report
and the screens can never disagree; this module adds the member figures and the underlying lists.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from sqlalchemy import and_, case, func, literal_column, select
from sqlalchemy.orm import Session

from clustermanager.i18n import _
from clustermanager.models import (
    ACTIVITY_KINDS,
    Activity,
    ClusterYear,
    FeeCall,
    InKindContribution,
    Member,
    MemberKind,
    Participation,
    PartnerRole,
    Payment,
    Project,
    ProjectPartner,
    ReportNarrative,
)
from clustermanager.models.base import utcnow
from clustermanager.progress import OnProgress
from clustermanager.reports.data import (
    CREDIT,
    OTHER_CALL,
    PAID_FOR,
    PERIOD_CALL,
    UNMATCHED,
    ActivitiesSection,
    ActivityLine,
    ClusterSummary,
    FeeCallLine,
    FinanceSection,
    FinanceYear,
    InKindLine,
    MemberCounts,
    MemberLine,
    MembersSection,
    Narrative,
    PaymentLine,
    PipelineSection,
    ProjectLine,
    ProjectsSection,
    ReportData,
)
from clustermanager.reports.period import ReportPeriod
from clustermanager.services import activities as activity_service
from clustermanager.services import (
    credits,
    engagement,
    fees,
    involvement,
    project_pipeline,
    project_starts,
    self_funding,
)
from clustermanager.services import projects as project_service
from clustermanager.services.cluster import get_profile
from clustermanager.services.members import active_during_clause, active_on_clause

SHARE = Decimal("0.0001")
ZERO = Decimal("0")


def share(part, whole) -> Decimal:
    """part / whole as a fraction with four decimals (0.1234 = 12.34 %); 0 when there is no whole."""
    return (Decimal(part) / Decimal(whole)).quantize(SHARE) if whole else ZERO


def build_report(session: Session, period: ReportPeriod, progress: OnProgress | None = None, *,
                 today: dt.date | None = None, lists: bool = True, targets: bool = True) -> ReportData:
    """The whole report for `period`; reads only, so it may run on a worker thread with its own session.

    Every figure is as it stood in the period, so the same period gives the same report next year: the
    projects' status on the last day (from their dated history), the money received by the last day
    (`as_of`: the period's end, or `today` when the period is not over yet; overdue and outstanding are as
    of that day too), and the appendices' rows without what happened later (a member who left after
    the period is listed without that leaving date). `today` is also the day the targets are judged on.
    `lists=False` leaves out the lists (members, calls, activities, ...), `targets=False` the targets and
    results: the figures stay the same (the indicators use it for each year)."""
    as_of = min(period.end, today or dt.date.today())
    step = progress or (lambda _p, _m: None)
    step(0, _("Members"))
    project_figures = project_service.project_figures(session, period.start, period.end)
    members = members_section(session, period, lists, project_figures)
    step(25, _("Finances"))
    finance = finance_section(session, period, as_of, lists)
    step(55, _("Activities"))
    activities = activities_section(session, period, lists)
    step(75, _("Collaboration projects"))
    projects = projects_section(session, period, lists, project_figures)
    step(95, _("Narrative"))
    data = ReportData(
        period=period, cluster=cluster_summary(session), members=members, finance=finance,
        activities=activities, projects=projects, narrative=narrative_for(session, period),
        generated_at=utcnow().replace(microsecond=0), as_of=as_of,
    )
    if targets:
        step(97, _("Targets and results"))
        from clustermanager.reports.indicators.section import targets_section  # it builds yearly reports

        data = dataclasses.replace(data, targets=targets_section(session, data, today))
    step(100, _("Done"))
    return data


def cluster_summary(session: Session) -> ClusterSummary:
    profile = get_profile(session)
    if profile is None:
        return ClusterSummary(_("(cluster profile not filled in)"), "ibn", None, None, None, None, Decimal("0.5"))
    return ClusterSummary(profile.name, profile.kind.value, profile.enterprise_number, profile.municipality,
                          profile.funding_start, profile.funding_end, profile.funding_rate)


def narrative_for(session: Session, period: ReportPeriod) -> Narrative:
    row = session.scalar(select(ReportNarrative).where(ReportNarrative.period_start == period.start,
                                                       ReportNarrative.period_end == period.end))
    return Narrative() if row is None else Narrative(row.achievements or "", row.challenges or "", row.plans or "")


# --- members -------------------------------------------------------------------------------------

def member_counts(session: Session, day: dt.date) -> MemberCounts:
    rows = session.execute(
        select(Member.kind, Member.size_class, func.count()).where(active_on_clause(day))
        .group_by(Member.kind, Member.size_class)
    ).all()
    by_kind = {k.value: 0 for k in MemberKind}
    by_size: dict[str, int] = {}
    for kind, size, n in rows:
        by_kind[kind.value] += n
        if kind is MemberKind.COMPANY and size is not None:
            by_size[size.value] = by_size.get(size.value, 0) + n
    sized = sum(by_size.values())
    smes = sum(n for size, n in by_size.items() if size != "large")
    return MemberCounts(total=sum(by_kind.values()), by_kind=by_kind, by_size=by_size,
                        companies=by_kind[MemberKind.COMPANY.value], smes=smes, sme_share=share(smes, sized))


def members_section(session: Session, period: ReportPeriod, lists: bool = True,
                    project_figures=None) -> MembersSection:
    start, end = period.start, period.end
    joined = session.scalar(select(func.count()).select_from(Member).where(Member.joined_on.between(start, end)))
    left = session.scalar(select(func.count()).select_from(Member).where(Member.left_on.between(start, end)))
    at_end = active_on_clause(end)
    province = func.coalesce(Member.province, literal_column("''"))  # one SQL text: PostgreSQL groups by it
    by_province = dict(session.execute(
        select(province, func.count()).where(at_end).group_by(province).order_by(func.count().desc())).all())
    by_country = dict(session.execute(
        select(Member.country, func.count()).where(at_end).group_by(Member.country)
        .order_by(func.count().desc())).all())
    lines = tuple(
        MemberLine(r.id, r.name, r.kind.value, r.size_class.value if r.size_class else None, r.enterprise_number,
                   r.vat_number, r.municipality, r.province, r.country, r.joined_on,
                   r.left_on if r.left_on is not None and r.left_on <= end else None)  # a later leaving: not yet
        for r in session.execute(
            select(Member.id, Member.name, Member.kind, Member.size_class, Member.enterprise_number,
                   Member.vat_number, Member.municipality, Member.province, Member.country, Member.joined_on,
                   Member.left_on).where(active_during_clause(start, end)).order_by(Member.name, Member.id))
    ) if lists else ()
    inv = involvement.involvement(session, start, end,
                                  project_figures.under_way_ids if project_figures is not None else None)
    return MembersSection(start=member_counts(session, start), end=member_counts(session, end), joined=joined,
                          left=left, by_province=by_province, by_country=by_country, members=lines,
                          members_involved=inv.members_involved, companies_involved=inv.companies_involved,
                          involved_share=inv.share)


# --- finances ------------------------------------------------------------------------------------

def finance_year(session: Session, year: int, as_of: dt.date | None = None) -> FinanceYear:
    """One year's fee figures with the payments received by `as_of` (overdue as of that day too)."""
    totals = fees.year_totals(session, year, today=as_of, as_of=as_of)
    own = self_funding.self_funding(session, year, as_of=as_of)
    return FinanceYear(
        year=year, budget=own.budget, subsidy=own.subsidy, fees_called_excl_vat=totals.called_excl_vat,
        fees_called_total=totals.called_total, fees_received=totals.received, fees_outstanding=totals.outstanding,
        fee_calls=totals.calls, overdue_calls=totals.overdue_count, fees_received_excl_vat=own.fees_received,
        in_kind=own.in_kind, in_kind_counted=own.in_kind_counted, own_total=own.own_total,
        share_required=own.share_required, share_reached=own.share_reached, required_amount=own.required_amount,
        shortfall=own.shortfall, met=own.met, earmarked_budget=earmarked_budget(session, year),
    )


def earmarked_budget(session: Session, year: int) -> Decimal:
    value = session.scalar(select(ClusterYear.earmarked_budget).where(ClusterYear.year == year))
    return value if value is not None else Decimal("0.00")


def finance_section(session: Session, period: ReportPeriod, as_of: dt.date | None = None,
                    lists: bool = True) -> FinanceSection:
    """Per calendar year from `services.fees` and `services.self_funding`, summed over the period, with
    the payments received by `as_of` (default: the period's end)."""
    as_of = as_of or period.end
    years = tuple(finance_year(session, y, as_of) for y in period.years)

    def total(name: str) -> Decimal:
        return sum((getattr(y, name) for y in years), ZERO)

    budget, own_total, required = total("budget"), total("own_total"), total("required_amount")
    payments = payment_lines(session, period) if lists else ()
    return FinanceSection(
        years=years, budget=budget, subsidy=total("subsidy"), fees_called_excl_vat=total("fees_called_excl_vat"),
        fees_called_total=total("fees_called_total"), fees_received=total("fees_received"),
        fees_outstanding=total("fees_outstanding"), fee_calls=sum(y.fee_calls for y in years),
        overdue_calls=sum(y.overdue_calls for y in years), fees_received_excl_vat=total("fees_received_excl_vat"),
        in_kind=total("in_kind"), in_kind_counted=any(y.in_kind_counted for y in years), own_total=own_total,
        share_required=years[0].share_required if years else ZERO,
        self_funding_share=share(own_total, budget) if budget > 0 else None, required_amount=required,
        shortfall=total("shortfall"), met=bool(years) and all(y.met for y in years),
        calls=fee_call_lines(session, period, as_of) if lists else (),
        payments=payments if lists else (),
        in_kind_lines=in_kind_lines(session, period) if lists else (), earmarked_budget=total("earmarked_budget"),
        **(cash_figures(payments) if lists else cash_sums(session, period)), credits_refunded=credits.refunds_between(session, period.start, period.end),
    )


def fee_call_lines(session: Session, period: ReportPeriod, as_of: dt.date | None = None) -> tuple[FeeCallLine, ...]:
    """The calls for the period's years, as `services.fees.list_calls` sees them (paid, status) on `as_of`."""
    as_of = as_of or period.end
    last_paid = dict(session.execute(
        select(Payment.fee_call_id, func.max(Payment.paid_on)).join(FeeCall, FeeCall.id == Payment.fee_call_id)
        .where(FeeCall.year.in_(period.years), Payment.paid_on <= as_of).group_by(Payment.fee_call_id)).all())
    rows = [r for y in period.years for r in sorted(fees.list_calls(session, year=y, today=as_of, as_of=as_of),
                                                     key=lambda r: (r.number or "", r.id))]
    return tuple(
        FeeCallLine(r.number, r.member_name, r.year, r.category, r.amount, r.vat_amount, r.total, r.issued_on,
                    r.due_on, r.status.value, r.paid, r.outstanding, last_paid.get(r.id), r.structured_communication)
        for r in rows)


def payment_lines(session: Session, period: ReportPeriod) -> tuple[PaymentLine, ...]:
    """Payments received within the period, matched or not, each saying what it paid for (PAID_FOR):
    a call of the period's years, a call of another year, a member's credit, or nothing yet."""
    payer = Member.__table__.alias("payer")  # a credit has its member, not a call
    rows = session.execute(
        select(Payment.paid_on, Payment.amount, func.coalesce(Member.name, payer.c.name).label("name"),
               FeeCall.number, FeeCall.year, Payment.counterparty_name, Payment.structured_communication,
               Payment.source, Payment.member_id)
        .outerjoin(FeeCall, FeeCall.id == Payment.fee_call_id).outerjoin(Member, Member.id == FeeCall.member_id)
        .outerjoin(payer, payer.c.id == Payment.member_id)
        .where(Payment.paid_on.between(period.start, period.end)).order_by(Payment.paid_on, Payment.id)
    ).all()
    years = set(period.years)

    def paid_for(r) -> str:
        if r.year is not None:
            return PERIOD_CALL if r.year in years else OTHER_CALL
        return CREDIT if r.member_id is not None else UNMATCHED

    return tuple(PaymentLine(r.paid_on, r.amount, r.name, r.number, r.counterparty_name,
                             r.structured_communication, r.source.value, paid_for(r), r.year) for r in rows)


def cash_figures(lines: tuple[PaymentLine, ...]) -> dict[str, Decimal]:
    """The cash received during the period, from the payment lines themselves (so the payments sheet
    and the summary cannot disagree)."""
    by = {code: sum((p.amount for p in lines if p.paid_for == code), ZERO) for code in PAID_FOR}
    return {"cash_on_period_calls": by[PERIOD_CALL], "cash_on_other_calls": by[OTHER_CALL],
            "cash_to_credit": by[CREDIT], "cash_unmatched": by[UNMATCHED],
            "cash_received": by[PERIOD_CALL] + by[OTHER_CALL] + by[CREDIT]}


def cash_sums(session: Session, period: ReportPeriod) -> dict[str, Decimal]:
    """`cash_figures` without the lines: the same payments summed per PAID_FOR in SQL (the report's
    figures without its lists, as the indicators and the dashboard need them)."""
    rows = session.execute(
        select(FeeCall.year, Payment.member_id.is_not(None), func.sum(Payment.amount))
        .outerjoin(FeeCall, FeeCall.id == Payment.fee_call_id)
        .where(Payment.paid_on.between(period.start, period.end))
        .group_by(FeeCall.year, Payment.member_id.is_not(None))).all()
    years = set(period.years)
    by = dict.fromkeys(PAID_FOR, ZERO)
    for year, has_member, amount in rows:
        code = (PERIOD_CALL if year in years else OTHER_CALL) if year is not None else \
            CREDIT if has_member else UNMATCHED
        by[code] += amount
    return {"cash_on_period_calls": by[PERIOD_CALL], "cash_on_other_calls": by[OTHER_CALL],
            "cash_to_credit": by[CREDIT], "cash_unmatched": by[UNMATCHED],
            "cash_received": by[PERIOD_CALL] + by[OTHER_CALL] + by[CREDIT]}


def in_kind_lines(session: Session, period: ReportPeriod) -> tuple[InKindLine, ...]:
    rows = session.execute(
        select(InKindContribution.year, Member.name, InKindContribution.contributed_on,
               InKindContribution.description, InKindContribution.value)
        .outerjoin(Member, Member.id == InKindContribution.member_id)
        .where(InKindContribution.year.in_(period.years))
        .order_by(InKindContribution.year, InKindContribution.contributed_on, InKindContribution.id)
    ).all()
    return tuple(InKindLine(*r) for r in rows)


# --- activities ----------------------------------------------------------------------------------

def activities_section(session: Session, period: ReportPeriod, lists: bool = True) -> ActivitiesSection:
    e = engagement.period_engagement(session, period.start, period.end)
    return ActivitiesSection(
        activities=e.activities, by_kind=dict(e.activities_by_kind), international=e.international_activities,
        participations=e.participations, attendances=e.attendances, distinct_people=e.distinct_people,
        distinct_member_organisations=e.distinct_member_organisations,
        members_active_during=e.members_active_during, share_members_reached=e.share_members_reached,
        outside_participants=e.outside_participants, lines=activity_lines(session, period) if lists else (),
        own_kinds={code: text for code, text in activity_service.activity_kinds(session).items()
                   if code not in ACTIVITY_KINDS},
    )


def activity_lines(session: Session, period: ReportPeriod) -> tuple[ActivityLine, ...]:
    """Each activity starting within the period, with the counts `services.engagement` defines."""
    attended = Participation.attended
    counts = (
        select(Participation.activity_id,
               func.count(case((Participation.registered, 1))).label("registered"),
               func.count(case((attended, 1))).label("attended"),
               func.count(func.distinct(case((attended, Participation.member_id)))).label("organisations"),
               func.count(case((and_(attended, Participation.member_id.is_(None)), 1))).label("outside"))
        .group_by(Participation.activity_id).subquery()
    )
    rows = session.execute(
        select(Activity.id, Activity.starts_on, Activity.ends_on, Activity.kind, Activity.title, Activity.location,
               Activity.online, Activity.international, counts.c.registered, counts.c.attended,
               counts.c.organisations, counts.c.outside)
        .outerjoin(counts, counts.c.activity_id == Activity.id)
        .where(Activity.starts_on.between(period.start, period.end)).order_by(Activity.starts_on, Activity.id)
    ).all()
    return tuple(ActivityLine(*r[:8], *(int(x or 0) for x in r[8:])) for r in rows)


# --- collaboration projects ----------------------------------------------------------------------

def projects_section(session: Session, period: ReportPeriod, lists: bool = True,
                     figures=None) -> ProjectsSection:
    f = figures or project_service.project_figures(session, period.start, period.end)
    started = project_starts.started_projects(session, period.start, period.end, f)
    flow = project_pipeline.pipeline(session, period.start, period.end)
    return ProjectsSection(
        total=f.total, started=f.started, running=f.running, completed=f.completed, by_kind=dict(f.by_kind),
        by_status=dict(f.by_status), meeting_company_rule=f.meeting_company_rule,
        partners_involved=f.partners_involved, budget_by_funding_source=dict(f.budget_by_funding_source),
        lines=project_lines(session, period, f) if lists else (), stopped=f.stopped, started_budget=started.budget,
        started_meeting_company_rule=started.meeting_company_rule, started_international=started.international,
        pipeline=PipelineSection(flow.ideas, flow.submitted, flow.approved, flow.rejected, flow.conversion_submitted,
                                 flow.conversion_approved, flow.funding_requested, flow.funding_granted),
        **started_counts(f),
    )


def started_counts(f) -> dict:
    """The projects started in the period, counted by kind and status as those under way are (the
    three-companies rule for them comes from `services.project_starts`)."""
    t = f.started_tally
    if t is None:
        return {}
    return {"started_by_kind": dict(t.by_kind), "started_by_status": dict(t.by_status)}


def project_lines(session: Session, period: ReportPeriod, figures=None) -> tuple[ProjectLine, ...]:
    """The projects under way in the period, each with its status on the period's last day (an end date
    after the period is not shown: it had not happened yet), and their partners."""
    f = figures or project_service.project_figures(session, period.start, period.end)
    wanted = set(f.under_way_ids)
    rows = sorted((r for r in session.execute(
        select(Project.id, Project.title, Project.kind, Project.status, Project.starts_on, Project.ends_on,
               Project.budget, Project.funding_source)) if r.id in wanted),
        key=lambda r: (r.starts_on or period.start, r.id))
    partners: dict[int, list] = {}
    for p in session.execute(
        select(ProjectPartner.project_id, Member.name, Member.kind, ProjectPartner.role)
        .join(Member, Member.id == ProjectPartner.member_id)
        .where(ProjectPartner.project_id.in_([r.id for r in rows]) if len(rows) < 900 else True)
        .order_by(ProjectPartner.project_id, ProjectPartner.role, Member.name)
    ):
        partners.setdefault(p.project_id, []).append(p)
    lines = []
    for r in rows:
        mine = partners.get(r.id, [])
        lead = next((p.name for p in mine if p.role is PartnerRole.LEAD), None)
        status = (f.status_at_end or {}).get(r.id, r.status)
        ends_on = r.ends_on if r.ends_on is not None and r.ends_on <= period.end else None
        lines.append(ProjectLine(
            r.id, r.title, r.kind.value, status.value, r.starts_on, ends_on, r.budget,
            r.funding_source.value if r.funding_source else None, lead, len(mine),
            sum(1 for p in mine if p.kind is MemberKind.COMPANY), "; ".join(p.name for p in mine)))
    return tuple(lines)
