"""The SQL distinct-people count agrees with a plain Python count on random participant lists."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clustermanager.models import Activity, Contact, Member, MemberKind, Participation
from clustermanager.services import engagement

NAMES = ["Ann", "ann", "Bob", "Cas"]
ORGS = [None, "Press", "press"]
EMAILS = [None, "", "a@x.be", "A@X.be", "b@x.be"]

person = st.one_of(
    st.tuples(st.just("contact"), st.integers(0, 3)),
    st.tuples(st.just("outside"), st.sampled_from(NAMES), st.sampled_from(ORGS), st.sampled_from(EMAILS)),
)
entry = st.tuples(st.integers(0, 2), person, st.booleans())  # activity, person, attended


def expected(entries) -> int:
    keys = set()
    for _activity, who, attended in entries:
        if not attended:
            continue
        if who[0] == "contact":
            keys.add(("c", who[1]))
        elif who[3]:
            keys.add(("e", who[3].lower()))
        else:
            keys.add(("n", who[1].lower(), (who[2] or "").lower()))
    return len(keys)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(entry, max_size=25))
def test_distinct_people_matches_a_python_count(db, entries):
    session = db.sessions()
    try:
        member = Member(name="M", kind=MemberKind.COMPANY, joined_on=dt.date(2020, 1, 1))
        contacts = [Contact(member=member, first_name="P", last_name=str(i)) for i in range(4)]
        activities = [Activity(kind="workshop", title=f"A{i}", starts_on=dt.date(2025, 1, 1 + i)) for i in range(3)]
        session.add_all([member, *contacts, *activities])
        session.flush()
        for activity, who, attended in entries:
            if who[0] == "contact":
                values = {"contact_id": contacts[who[1]].id, "member_id": member.id}
            else:
                values = {"name": who[1], "organisation": who[2], "email": who[3]}
            session.add(Participation(activity_id=activities[activity].id, registered=True, attended=attended,
                                      **values))
        session.flush()
        figures = engagement.period_engagement(session, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
        assert figures.distinct_people == expected(entries)
        assert figures.attendances == sum(1 for e in entries if e[2])
    finally:
        session.rollback()
        session.close()
