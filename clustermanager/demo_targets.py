"""The demo cluster's targets, as a support agreement for an IBN of its size would set them, an
earmarked project budget, one custom indicator filled in by hand, and the projects' way to funding
(submitted to a programme, approved or rejected, each partner's requested and granted funding)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager.models import (
    ClusterYear,
    FundingSource,
    Programme,
    Project,
    ProjectPartner,
    ProjectStatus,
    TargetSource,
)
from clustermanager.reports.indicators import store
from clustermanager.services import project_pipeline, project_status


def add_demo_targets(session: Session, members: int, first_year: int, last_year: int) -> None:
    years = range(first_year, first_year + 3)  # the funding period
    subsidy = (Decimal(members) * Decimal("800")).quantize(Decimal("1000"))
    for i, y in enumerate(years):
        for key, value in (
            ("members", round(members * (0.70 + 0.08 * i))), ("new_members", max(3, members // 9)),
            ("leaving_members", max(1, members // 40)), ("sme_share", "0.70"),
            ("companies_involved", round(members * 0.55)), ("activities", max(4, members // 9)),
            ("participations", members * 4), ("distinct_participants", round(members * 2)),
            ("projects_started", max(2, members // 20)), ("international_activities", 1),
            ("own_contribution", subsidy), ("self_funding_share", "0.50"), ("fee_collection_rate", "0.90"),
        ):
            store.set_target(session, key, y, value, TargetSource.SUPPORT_AGREEMENT)
    store.set_target(session, "projects_three_companies", None, max(6, members // 10), TargetSource.SUPPORT_AGREEMENT)
    store.set_target(session, "international_projects", None, max(3, members // 20), TargetSource.ACTION_PLAN)
    store.set_target(session, "project_budget", None, members * 30000, TargetSource.ACTION_PLAN)
    for row in session.scalars(select(ClusterYear).where(ClusterYear.year.between(first_year, last_year))):
        row.earmarked_budget = Decimal(members) * Decimal("10000")
    store.set_target(session, "leverage", None, "1.5", TargetSource.CLUSTERPACT)
    store.add_custom(session, "press_articles", "Press articles", "articles", cumulative=True)
    for i, y in enumerate(range(first_year, last_year + 1)):
        store.set_custom_value(session, "press_articles", y, 6 + 2 * i)
    store.set_target(session, "press_articles", None, 30, TargetSource.ACTION_PLAN)
    session.flush()



def add_demo_pipeline(session: Session, today: dt.date) -> None:
    """Agency- and EU-funded projects were submitted four months and approved one month before they
    started; the first two in preparation were submitted lately, the second one rejected."""
    projects = list(session.scalars(select(Project).order_by(Project.id)))
    for i, p in enumerate(projects):
        funded = p.funding_source in (FundingSource.AGENCY, FundingSource.EUROPEAN) and p.starts_on is not None \
            and p.status in (ProjectStatus.RUNNING, ProjectStatus.COMPLETED, ProjectStatus.STOPPED)
        if funded:
            _apply(session, p, i, p.starts_on - dt.timedelta(days=120), p.starts_on - dt.timedelta(days=30))
    waiting = [p for p in projects if p.status is ProjectStatus.PREPARATION][:2]
    for j, p in enumerate(waiting):
        _apply(session, p, j, today - dt.timedelta(days=60), None)
        if j == 1:
            project_status.set_status(session, p.id, ProjectStatus.REJECTED, on=today - dt.timedelta(days=10),
                                      note="Not selected in this call")
    session.flush()


def _apply(session: Session, p: Project, i: int, submitted: dt.date, approved: dt.date | None) -> None:
    programme = Programme.EUROPEAN if p.funding_source is FundingSource.EUROPEAN else \
        (Programme.AGENCY_INNOVATION, Programme.ICON, Programme.CSBO)[i % 3]
    project_pipeline.set_programme(session, p.id, programme, f"{programme.value.upper()} {submitted.year}")
    project_status.set_status(session, p.id, ProjectStatus.SUBMITTED, on=submitted)
    if approved is not None:
        project_status.set_status(session, p.id, ProjectStatus.APPROVED, on=approved)
    partners = list(session.scalars(select(ProjectPartner.member_id).where(ProjectPartner.project_id == p.id)
                                    .order_by(ProjectPartner.id)))
    if partners and p.budget:
        each = (p.budget / 2 / len(partners)).quantize(Decimal("0.01"))
        for member_id in partners:
            project_pipeline.set_partner_funding(session, p.id, member_id, each,
                                                 (each * Decimal("0.8")).quantize(Decimal("0.01")) if approved else None)
