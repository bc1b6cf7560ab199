"""A report is true for its period: regenerating 2025 next year gives the same figures unless 2025's
data changed. Run on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from clustermanager.models import FeeCall, Member, Project
from clustermanager.reports.data import to_dict
from clustermanager.reports.figures import build_report
from clustermanager.services import members as msvc
from clustermanager.services import payments
from clustermanager.services import project_status as ps
from tests.core.reports import world

D = dt.date
NEXT_YEAR = D(2026, 6, 1)
pytestmark = pytest.mark.postgres


def _figures(db, today=NEXT_YEAR) -> dict:
    with db.session() as s:
        data = to_dict(build_report(s, world.PERIOD, today=today))
    data.pop("generated_at")
    return data


def _project(s, title) -> int:
    return s.scalar(select(Project.id).where(Project.title == title))


def test_changes_after_the_period_leave_every_figure_unchanged(world_db):
    db = world_db
    before = _figures(db)
    assert before["as_of"] == "2025-12-31"
    assert before["projects"]["total"] == 2 and before["projects"]["by_status"] == {"running": 1, "completed": 1}
    with db.session() as s:
        # today's statuses: the running project is completed, the idea starts, both dated 2026
        ps.set_status(s, _project(s, "Shared robots"), "completed", on=D(2026, 3, 1))
        ps.set_status(s, _project(s, "Idea"), "running", on=D(2026, 2, 1))
        # a late payment of Gamma's overdue 2025 call, and a payment twice: both in 2026
        gamma_call = s.scalar(select(FeeCall.id).join(Member).where(Member.name.like("Gamma%")))
        payments.record_payment(s, gamma_call, "605", D(2026, 1, 20))
        # memberships: KU leaves in 2026, a new member joins in 2026
        ku = s.scalar(select(Member).where(Member.name.like("KU%")))
        detail = msvc.get_member(s, ku.id)
        msvc.update_member(s, ku.id, msvc.MemberInput(**{**vars(detail.to_input()), "left_on": D(2026, 3, 31)}))
        msvc.create_member(s, msvc.MemberInput(name="Newcomer BV", kind="company", size_class="small",
                                               joined_on=D(2026, 1, 5)))
    after = _figures(db)
    assert after == before
    members = {m["name"]: m for m in after["members"]["members"]}
    assert members[ku.name]["left_on"] is None  # the later leaving is not shown in 2025's appendix

    # a change dated inside 2025 does change the report
    with db.session() as s:
        ps.set_status(s, _project(s, "Shared robots"), "stopped", on=D(2025, 10, 1))
    changed = _figures(db)
    assert changed["projects"]["by_status"] == {"stopped": 1, "completed": 1}
    assert changed["projects"]["stopped"] == 1 and changed["projects"]["running"] == 0
    assert changed["projects"]["total"] == 2  # it was under way in 2025 until it stopped


def test_money_is_counted_as_of_the_period_end_and_the_report_says_so(world_db):
    db = world_db
    with db.session() as s:
        gamma_call = s.scalar(select(FeeCall.id).join(Member).where(Member.name.like("Gamma%")))
        payments.record_payment(s, gamma_call, "100", D(2025, 12, 20))
    inside = _figures(db)
    assert (inside["as_of"], inside["finance"]["fees_outstanding"], inside["finance"]["overdue_calls"]) == (
        "2025-12-31", "505.00", 1)
    with db.session() as s:
        payments.record_payment(s, gamma_call, "505", D(2026, 1, 20))
    assert _figures(db)["finance"] == inside["finance"]  # paid in 2026: still outstanding on 31/12/2025
    # a report of a period not over yet stands on its "today"
    assert _figures(db, today=world.TODAY)["as_of"] == world.TODAY.isoformat()
