"""Projects: partners with one lead, the three-companies rule, the figures for the progress report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clustermanager.errors import ValidationError
from clustermanager.models import PartnerRole
from clustermanager.services import projects as prj
from tests.core.services.helpers import member

D = dt.date


@pytest.fixture
def members(session):
    return {
        "a": member(session, "Alpha NV"), "b": member(session, "Beta BV"), "c": member(session, "Gamma CV"),
        "uni": member(session, "KU Test", kind="knowledge_institution"),
        "city": member(session, "Stad Test", kind="government"),
    }


def _project(session, title="Digital twin", **kw) -> int:
    data = {"kind": "b2b", "title": title, "status": "running", "starts_on": D(2024, 3, 1),
            "budget": Decimal("90000"), "funding_source": "agency", **kw}
    return prj.create_project(session, prj.ProjectInput(**data)).id


def test_company_rule_counts_distinct_companies_only(session, members):
    pid = _project(session)
    detail = prj.set_partners(session, pid, [
        prj.PartnerInput(members["uni"], "lead", "30000", "120"),
        prj.PartnerInput(members["a"], "partner", "30000"),
        prj.PartnerInput(members["b"], "partner"),
        prj.PartnerInput(members["city"], "partner"),
    ])
    assert detail.company_count == 2
    assert not detail.meets_company_rule
    assert "3" in detail.warning and "2" in detail.warning
    assert detail.lead.member_name == "KU Test"
    assert detail.partners[0].in_kind_hours == Decimal("120.00")
    detail = prj.add_partner(session, pid, prj.PartnerInput(members["c"]))
    assert detail.partners[-1].role is PartnerRole.PARTNER  # a lead exists, so a partner
    assert (detail.company_count, detail.meets_company_rule, detail.warning) == (3, True, None)
    detail = prj.remove_partner(session, pid, members["c"])
    assert detail.warning is not None
    row = prj.list_projects(session)[0]
    assert (row.partners, row.companies, row.lead_name, row.meets_company_rule) == (4, 2, "KU Test", False)
    assert [r.id for r in prj.list_projects(session, below_company_rule=True)] == [pid]


def test_exactly_one_lead(session, members):
    pid = _project(session)
    with pytest.raises(ValidationError) as exc:
        prj.set_partners(session, pid, [prj.PartnerInput(members["a"], "lead"), prj.PartnerInput(members["b"], "lead")])
    assert exc.value.field == "role"
    with pytest.raises(ValidationError):
        prj.set_partners(session, pid, [prj.PartnerInput(members["a"]), prj.PartnerInput(members["b"])])
    assert prj.get_project(session, pid).partners == ()  # nothing saved
    with pytest.raises(ValidationError) as exc:
        prj.add_partner(session, pid, prj.PartnerInput(members["a"], "partner"))
    assert "lead" in str(exc.value)
    detail = prj.add_partner(session, pid, prj.PartnerInput(members["a"]))
    assert detail.lead.member_id == members["a"]
    with pytest.raises(ValidationError):
        prj.add_partner(session, pid, prj.PartnerInput(members["b"], "lead"))
    prj.add_partner(session, pid, prj.PartnerInput(members["b"]))
    with pytest.raises(ValidationError):
        prj.remove_partner(session, pid, members["a"])
    detail = prj.set_lead(session, pid, members["b"])
    assert detail.lead.member_id == members["b"]
    assert [p.role for p in detail.partners].count(PartnerRole.LEAD) == 1


def test_validation_names_fields(session, members):
    with pytest.raises(ValidationError) as exc:
        prj.create_project(session, prj.ProjectInput(kind="nonsense", title="", status="completed",
                                                     budget="-5"))
    assert {p.field for p in exc.value.problems} >= {"kind", "title", "budget", "starts_on", "ends_on"}
    pid = _project(session)
    with pytest.raises(ValidationError) as exc:
        prj.set_partners(session, pid, [prj.PartnerInput(members["a"], "lead", in_kind_hours="-3")])
    assert exc.value.field == "in_kind_hours"
    with pytest.raises(ValidationError):
        prj.set_partners(session, pid, [prj.PartnerInput(members["a"], "lead"), prj.PartnerInput(members["a"])])


def test_project_figures(session, members):
    companies = [prj.PartnerInput(members[k], "lead" if k == "a" else "partner") for k in ("a", "b", "c")]
    p1 = _project(session, "Started 2024, running")
    prj.set_partners(session, p1, companies)
    p2 = _project(session, "Completed 2024", status="completed", starts_on=D(2023, 1, 1), ends_on=D(2024, 6, 30),
                  kind="common_tools", budget=Decimal("10000.10"), funding_source="own")
    prj.set_partners(session, p2, [prj.PartnerInput(members["uni"], "lead"), prj.PartnerInput(members["a"])])
    _project(session, "Ended before", status="completed", starts_on=D(2020, 1, 1), ends_on=D(2021, 1, 1))
    _project(session, "Just an idea", status="idea", starts_on=None, budget=None, funding_source=None)
    _project(session, "No source", starts_on=D(2024, 12, 1), funding_source=None, budget=Decimal("5"))
    f = prj.project_figures(session, D(2024, 1, 1), D(2024, 12, 31))
    assert (f.started, f.running, f.completed, f.total) == (2, 2, 1, 3)
    assert f.by_kind == {"b2b": 2, "common_tools": 1}
    assert f.by_status == {"running": 2, "completed": 1}
    assert f.meeting_company_rule == 1
    assert f.partners_involved == 4  # a, b, c and the university; a counted once
    assert f.budget_by_funding_source == {"agency": Decimal("90000.00"), "own": Decimal("10000.10"),
                                          "unspecified": Decimal("5.00")}
