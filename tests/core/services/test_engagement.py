"""Engagement figures on hand-built clusters: distinct people, outside guests, members who left."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.services import activities as act
from clustermanager.services import engagement as eng
from tests.core.services.helpers import contact, member

D = dt.date


def _activity(session, title, day, kind="workshop", international=False) -> int:
    return act.create_activity(session, act.ActivityInput(kind=kind, title=title, starts_on=day,
                                                          international=international)).id


@pytest.fixture
def cluster(session):
    """Three members (one left mid-2024), two activities in 2024, one in 2025.

    Ann (Alpha) goes to all three; Bob (Alpha) registers for the first but does not come;
    Cas (Beta, who left on 2024-06-30) attends the first; a guest comes twice with the same e-mail
    written differently, another guest without e-mail once; Gamma (joined 2025) attends the 2025 one.
    """
    alpha = member(session, "Alpha NV")
    beta = member(session, "Beta BV", joined=D(2019, 1, 1), left=D(2024, 6, 30))
    gamma = member(session, "Gamma CV", joined=D(2025, 1, 1))
    member(session, "Delta Uni", kind="knowledge_institution")
    ann = contact(session, alpha, "Ann", "Aerts", "ann@alpha.be")
    bob = contact(session, alpha, "Bob", "Baert")
    cas = contact(session, beta, "Cas", "Claes")
    gil = contact(session, gamma, "Gil", "Goris")
    a1 = _activity(session, "Kick-off", D(2024, 3, 1), kind="network_event")
    a2 = _activity(session, "Study trip", D(2024, 10, 1), kind="study_visit", international=True)
    a3 = _activity(session, "Workshop", D(2025, 2, 1))
    for a in (a1, a2, a3):
        act.add_contact_participant(session, a, ann, attended=True)
    act.add_contact_participant(session, a1, bob, attended=False)
    act.add_contact_participant(session, a1, cas, attended=True)
    act.add_contact_participant(session, a3, gil, attended=True)
    act.add_outside_participant(session, a1, act.OutsidePerson("Guest One", "Press", "guest@x.org"), attended=True)
    act.add_outside_participant(session, a2, act.OutsidePerson("G. One", "Press", "Guest@X.org"), attended=True)
    act.add_outside_participant(session, a2, act.OutsidePerson("No Mail", "City"), attended=True)
    act.add_outside_participant(session, a2, act.OutsidePerson("No Show", "City"), registered=True)
    return {"alpha": alpha, "beta": beta, "gamma": gamma, "a1": a1, "a2": a2, "a3": a3, "ann": ann}


def test_period_counts_people_once_across_activities(session, cluster):
    figures = eng.period_engagement(session, D(2024, 1, 1), D(2024, 12, 31))
    assert figures.activities == 2
    assert figures.activities_by_kind == {"network_event": 1, "study_visit": 1}
    assert figures.international_activities == 1
    assert figures.participations == 8  # a1: ann bob cas guest; a2: ann guest nomail noshow
    assert figures.attendances == 6
    # Ann once, Cas, the guest once (same e-mail, other case), No Mail
    assert figures.distinct_people == 4
    assert figures.distinct_people_registered == 6  # plus Bob and No Show
    assert figures.outside_participants == 2


def test_members_who_left_count_for_the_period_they_were_members(session, cluster):
    figures = eng.period_engagement(session, D(2024, 1, 1), D(2024, 12, 31))
    # Alpha, Beta (left mid-2024) and Delta were members during 2024; Gamma joined in 2025
    assert figures.members_active_during == 3
    assert figures.distinct_member_organisations == 2  # Alpha and Beta
    assert figures.share_members_reached == Decimal("0.6667")
    later = eng.period_engagement(session, D(2025, 1, 1), D(2025, 12, 31))
    assert later.members_active_during == 3  # Alpha, Gamma, Delta
    assert later.distinct_member_organisations == 2
    assert later.distinct_people == 2


def test_empty_period_and_bad_period(session, cluster):
    empty = eng.period_engagement(session, D(2010, 1, 1), D(2010, 12, 31))
    assert (empty.activities, empty.distinct_people, empty.share_members_reached) == (0, 0, None)
    with pytest.raises(ValidationError) as exc:
        eng.period_engagement(session, D(2025, 1, 1), D(2024, 1, 1))
    assert exc.value.field == "end"


def test_activity_figures(session, cluster):
    f = eng.activity_figures(session, cluster["a1"])
    assert (f.registered, f.attended, f.no_shows, f.outside_attended) == (4, 3, 1, 1)
    assert (f.member_organisations, f.member_organisations_registered) == (2, 2)
    with pytest.raises(NotFoundError):
        eng.activity_figures(session, 999)


def test_member_engagement(session, cluster):
    m = eng.member_engagement(session, cluster["alpha"], D(2024, 1, 1), D(2025, 12, 31))
    assert (m.activities_registered, m.activities_attended, m.people_attended) == (3, 3, 1)
    assert [a.title for a in m.activities] == ["Kick-off", "Study trip", "Workshop"]
    assert (m.activities[0].registered, m.activities[0].attended) == (2, 1)
    only_2025 = eng.member_engagement(session, cluster["alpha"], D(2025, 1, 1), D(2025, 12, 31))
    assert only_2025.activities_attended == 1
