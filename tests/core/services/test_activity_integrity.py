"""The integrity checks for participants and activity kinds find what the services would refuse."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from clustermanager.models import Activity, Participation
from clustermanager.services import activities as act
from clustermanager.services.integrity import DOMAIN_CHECKS, check_activity_kinds, check_participants
from tests.core.services.helpers import contact, member


def test_checks_are_registered_and_find_broken_rows(session):
    assert {check_participants, check_activity_kinds} <= set(DOMAIN_CHECKS)
    alpha, beta = member(session, "Alpha NV"), member(session, "Beta BV")
    ann = contact(session, alpha, "Ann", "Aerts")
    a = act.create_activity(session, act.ActivityInput(kind="workshop", title="W", starts_on=dt.date(2025, 1, 1))).id
    act.add_contact_participant(session, a, ann)
    act.add_activity_kind(session, "Hackathon")
    assert check_participants(session).ok and check_activity_kinds(session).ok
    session.execute(update(Participation).values(member_id=beta))
    session.execute(update(Activity).values(kind="party"))
    assert not check_participants(session).ok
    finding = check_activity_kinds(session)
    assert not finding.ok and "party" in finding.message
