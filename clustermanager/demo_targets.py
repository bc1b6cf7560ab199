"""The demo cluster's targets, as a support agreement for an IBN of its size would set them, an
earmarked project budget, and one custom indicator filled in by hand."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager.models import ClusterYear, TargetSource
from clustermanager.reports.indicators import store


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
