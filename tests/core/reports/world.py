"""A hand-built cluster for the report tests: every figure can be checked with a pencil.

Period 2025 (today 15/11/2025):
- members on 01/01: Alpha (micro), Gamma (small), KU (knowledge), =Evil (medium, NL) -> 4, 3 SMEs of 3;
  on 31/12: Alpha, Beta (large, joined 01/03), KU, =Evil -> 4, 2 SMEs of 3; Gamma left 30/06;
  Old Gov left in 2023 and is not counted.
- fees 2025: Alpha 1,000 + 21 % VAT paid in full; Gamma 500 + 105 VAT unpaid, overdue.
  Budget 10,000 (subsidy 5,000): own 1,000 of 5,000 required -> 10 %; in kind 300 (not counted).
- activities 2025: a workshop (Alpha x2 of which one attended, KU, one outsider) and an international
  webinar (Alpha, =Evil); one 2024 event outside the period.
- projects: P1 b2b running since 01/02/2025 with Alpha (lead), Beta, =Evil (3 companies, agency
  90,000); P2 education 2024 - 30/06/2025 completed with Alpha, KU (own 10,000); P3 an idea.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clustermanager.models import (
    Activity,
    ClusterKind,
    ClusterProfile,
    ClusterYear,
    Contact,
    FeeCall,
    FundingSource,
    InKindContribution,
    Member,
    MemberKind,
    Participation,
    PartnerRole,
    Payment,
    Project,
    ProjectKind,
    ProjectPartner,
    ProjectStatus,
    ReportNarrative,
    SizeClass,
)
from clustermanager.reports.period import year_period
from clustermanager.services.project_status import complete_histories

D = dt.date
TODAY = D(2025, 11, 15)
PERIOD = year_period(2025)
CLUSTER_NAME = "Clúster Één Français"
EVIL = "=HYPERLINK(\"http://x\")"


def build(session) -> dict[str, int]:
    session.add(ClusterProfile(name=CLUSTER_NAME, kind=ClusterKind.IBN, funding_start=D(2024, 1, 1),
                               funding_end=D(2025, 12, 31), funding_rate=Decimal("0.5")))
    session.add_all([ClusterYear(year=2025, budget=Decimal("10000"), subsidy=Decimal("5000")),
                     ClusterYear(year=2024, budget=Decimal("8000"), subsidy=Decimal("4000"))])
    ids = {}
    for key, name, kind, size, joined, left, province, country in (
        ("alpha", "Alpha BV", MemberKind.COMPANY, SizeClass.MICRO, D(2020, 1, 1), None, "Antwerpen", "BE"),
        ("beta", "Beta NV", MemberKind.COMPANY, SizeClass.LARGE, D(2025, 3, 1), None, "Antwerpen", "BE"),
        ("gamma", "Gamma SA", MemberKind.COMPANY, SizeClass.SMALL, D(2019, 5, 1), D(2025, 6, 30), "Limburg", "BE"),
        ("ku", "KU Test – Lab", MemberKind.KNOWLEDGE, None, D(2018, 1, 1), None, "Vlaams-Brabant", "BE"),
        ("evil", EVIL, MemberKind.COMPANY, SizeClass.MEDIUM, D(2021, 1, 1), None, None, "NL"),
        ("gov", "Old Gov", MemberKind.GOVERNMENT, None, D(2015, 1, 1), D(2023, 12, 31), "Limburg", "BE"),
    ):
        m = Member(name=name, kind=kind, size_class=size, joined_on=joined, left_on=left, province=province,
                   country=country)
        session.add(m)
        session.flush()
        ids[key] = m.id
    contacts = {}
    for key, member in (("c1", "alpha"), ("c1b", "alpha"), ("c2", "ku"), ("c5", "evil")):
        c = Contact(member_id=ids[member], first_name="Zoë", last_name=key, email=f"{key}@x.example")
        session.add(c)
        session.flush()
        contacts[key] = c.id

    paid = FeeCall(member_id=ids["alpha"], year=2025, number="2025-00001", amount=Decimal("1000"),
                   vat_rate=Decimal("21"), vat_amount=Decimal("210"), issued_on=D(2025, 2, 1), due_on=D(2025, 3, 31),
                   structured_communication="202500000197")
    unpaid = FeeCall(member_id=ids["gamma"], year=2025, number="2025-00002", amount=Decimal("500"),
                     vat_rate=Decimal("21"), vat_amount=Decimal("105"), issued_on=D(2025, 2, 1),
                     due_on=D(2025, 3, 31), structured_communication="202500000294")
    session.add_all([paid, unpaid])
    session.flush()
    session.add(Payment(fee_call_id=paid.id, paid_on=D(2025, 3, 1), amount=Decimal("1210"),
                        counterparty_name="Alpha BV", structured_communication="202500000197"))
    session.add(InKindContribution(member_id=ids["ku"], year=2025, contributed_on=D(2025, 4, 1),
                                   description="Venue", value=Decimal("300")))

    workshop = Activity(kind="workshop", title="Workshop één", starts_on=D(2025, 2, 10), ends_on=D(2025, 2, 10))
    webinar = Activity(kind="webinar", title="Webinar", starts_on=D(2025, 5, 5), international=True)
    old = Activity(kind="network_event", title="Old", starts_on=D(2024, 6, 1))
    session.add_all([workshop, webinar, old])
    session.flush()
    session.add_all([
        Participation(activity_id=workshop.id, member_id=ids["alpha"], contact_id=contacts["c1"], attended=True),
        Participation(activity_id=workshop.id, member_id=ids["alpha"], contact_id=contacts["c1b"], attended=False),
        Participation(activity_id=workshop.id, member_id=ids["ku"], contact_id=contacts["c2"], attended=True),
        Participation(activity_id=workshop.id, name="Jan Buiten", organisation="Press", attended=True),
        Participation(activity_id=webinar.id, member_id=ids["alpha"], contact_id=contacts["c1"], attended=True),
        Participation(activity_id=webinar.id, member_id=ids["evil"], contact_id=contacts["c5"], attended=True),
        Participation(activity_id=old.id, member_id=ids["alpha"], contact_id=contacts["c1"], attended=True),
    ])

    p1 = Project(kind=ProjectKind.B2B, title="Shared robots", status=ProjectStatus.RUNNING, starts_on=D(2025, 2, 1),
                 budget=Decimal("90000"), funding_source=FundingSource.AGENCY)
    p2 = Project(kind=ProjectKind.EDUCATION, title="Academy", status=ProjectStatus.COMPLETED,
                 starts_on=D(2024, 1, 1), ends_on=D(2025, 6, 30), budget=Decimal("10000"),
                 funding_source=FundingSource.OWN)
    p3 = Project(kind=ProjectKind.COMMON_TOOLS, title="Idea", status=ProjectStatus.IDEA)
    session.add_all([p1, p2, p3])
    session.flush()
    complete_histories(session, on=D(2024, 11, 1))  # each project's dated status, from its dates
    session.add_all([
        ProjectPartner(project_id=p1.id, member_id=ids["alpha"], role=PartnerRole.LEAD),
        ProjectPartner(project_id=p1.id, member_id=ids["beta"]),
        ProjectPartner(project_id=p1.id, member_id=ids["evil"]),
        ProjectPartner(project_id=p2.id, member_id=ids["alpha"], role=PartnerRole.LEAD),
        ProjectPartner(project_id=p2.id, member_id=ids["ku"]),
    ])
    session.add(ReportNarrative(period_start=PERIOD.start, period_end=PERIOD.end,
                                achievements="Één coöperatie; façade ça va.", challenges="+ More members",
                                plans="Continue."))
    session.flush()
    return ids
