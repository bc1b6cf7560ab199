"""Activities, their kinds (built-in and the cluster's own) and participant lists."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from clustermanager.errors import ConflictError, ValidationError
from clustermanager.services import activities as act
from tests.core.services.helpers import contact, member

D = dt.date


def test_create_validate_and_update(session):
    with pytest.raises(ValidationError) as exc:
        act.create_activity(session, act.ActivityInput(kind="party", title=" ", starts_on=D(2025, 5, 2),
                                                       ends_on=D(2025, 5, 1), start_time="25:00"))
    assert {p.field for p in exc.value.problems} == {"kind", "title", "ends_on", "start_time"}
    created = act.create_activity(session, act.ActivityInput(
        kind="Workshop", title="Hydrogen", starts_on=D(2025, 5, 2), start_time="9.30", tags="h2, energy, h2"))
    assert (created.kind, created.start_time, created.tags) == ("workshop", "09:30", "h2, energy")
    changed = dataclasses.replace(created.to_input(), title="Hydrogen valleys")
    updated = act.update_activity(session, created.id, changed, expected_version=created.version)
    with pytest.raises(ConflictError):
        act.update_activity(session, created.id, created.to_input(), expected_version=created.version)
    assert updated.version == created.version + 1


def test_extra_kinds_from_the_preferences(session):
    code = act.add_activity_kind(session, "Hackathon & demo day")
    assert code == "hackathon_demo_day"
    assert act.activity_kinds(session)[code] == "Hackathon & demo day"
    with pytest.raises(ValidationError):
        act.add_activity_kind(session, "hackathon & demo day")
    created = act.create_activity(session, act.ActivityInput(kind=code, title="Hack", starts_on=D(2025, 1, 1)))
    assert created.kind_label == "Hackathon & demo day"
    with pytest.raises(ValidationError):
        act.remove_activity_kind(session, code)  # in use
    with pytest.raises(ValidationError):
        act.remove_activity_kind(session, "workshop")


def test_participants_and_counts(session):
    alpha = member(session, "Alpha NV")
    ann = contact(session, alpha, "Ann", "Aerts", "ann@alpha.be")
    a = act.create_activity(session, act.ActivityInput(kind="webinar", title="Webinar AI", starts_on=D(2025, 3, 3))).id
    p = act.add_contact_participant(session, a, ann)
    assert (p.member_id, p.organisation, p.name, p.registered, p.attended) == (alpha, "Alpha NV", "Ann Aerts", True, False)
    with pytest.raises(ValidationError):
        act.add_contact_participant(session, a, ann)
    guest = act.add_outside_participant(session, a, act.OutsidePerson("Guest", "Press", "G@Press.be"))
    assert guest.is_outside and guest.email == "g@press.be"
    with pytest.raises(ValidationError):
        act.add_outside_participant(session, a, act.OutsidePerson("Other name", None, "g@press.be"))
    with pytest.raises(ValidationError):
        act.set_participation(session, p.id, registered=False)  # neither registered nor attended
    act.set_participation(session, p.id, attended=True)
    row = act.list_activities(session)[0]
    assert (row.registered, row.attended, row.member_organisations) == (2, 1, 1)
    assert [r.id for r in act.list_activities(session, member_id=alpha)] == [a]
    assert act.list_activities(session, search="nothing like it") == []
    act.remove_participant(session, guest.id)
    assert len(act.get_activity(session, a).participants) == 1
    act.delete_activity(session, a)
    assert act.list_activities(session) == []


def test_a_removed_contact_stays_counted_without_a_name(session):
    from clustermanager.services import members

    alpha = member(session, "Alpha NV")
    ann = contact(session, alpha, "Ann", "Aerts", "ann@alpha.be")
    a = act.create_activity(session, act.ActivityInput(kind="webinar", title="W", starts_on=D(2025, 3, 3))).id
    act.add_contact_participant(session, a, ann, attended=True)
    members.remove_contact(session, ann)
    session.expire_all()
    (p,) = act.get_activity(session, a).participants
    assert (p.contact_id, p.member_id, p.name, p.email) == (None, alpha, "(removed contact)", None)
    assert act.list_activities(session)[0].member_organisations == 1
