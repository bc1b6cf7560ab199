import datetime as dt

import pytest
from sqlalchemy import func, select

from clustermanager.errors import ConflictError, NotFoundError, ValidationError
from clustermanager.models import Contact, FeeCall, Member, MemberKind, SizeClass
from clustermanager.services import members as svc


def acme(**changes) -> svc.MemberInput:
    base = dict(name="Acme NV", kind="company", size_class="small", enterprise_number="BE 0417 497 106",
                joined_on=dt.date(2022, 3, 1), municipality="Gent", postcode="9000")
    base.update(changes)
    return svc.MemberInput(**base)


def count(session, model=Member):
    return session.scalar(select(func.count()).select_from(model))


def test_create_normalises_and_returns_a_frozen_detail(session):
    detail = svc.create_member(session, acme())
    assert detail.enterprise_number == "0417497106"
    assert detail.kind is MemberKind.COMPANY and detail.size_class is SizeClass.SMALL
    with pytest.raises(AttributeError):
        detail.name = "x"


@pytest.mark.parametrize(("changes", "field"), [
    ({"enterprise_number": "0417.497.107"}, "enterprise_number"),
    ({"left_on": dt.date(2021, 1, 1)}, "left_on"),
    ({"name": "  "}, "name"),
    ({"kind": "alien"}, "kind"),
    ({"kind": "knowledge_institution", "size_class": "small"}, "size_class"),
    ({"email": "not-an-address"}, "email"),
    ({"joined_on": dt.date(1800, 1, 1)}, "joined_on"),
    ({"country": "Belgium"}, "country"),
    ({"vat_number": "BE0417497106", "enterprise_number": None}, "vat_number"),
])
def test_invalid_input_names_the_field_and_writes_nothing(db, changes, field):
    with pytest.raises(ValidationError) as err, db.session() as s:
        svc.create_member(s, acme(**changes))
    assert field in [p.field for p in err.value.problems]
    with db.session() as s:
        assert count(s) == 0


def test_all_problems_are_reported_at_once():
    with pytest.raises(ValidationError) as err:
        svc.validate_member(acme(name="", enterprise_number="123", email="x"))
    assert {p.field for p in err.value.problems} == {"name", "enterprise_number", "email"}


def test_duplicates_are_refused(db):
    with db.session() as s:
        svc.create_member(s, acme())
    with pytest.raises(ValidationError, match="already belongs to member Acme NV") as err, db.session() as s:
        svc.create_member(s, acme(name="Other NV", enterprise_number="0417497106"))
    assert err.value.field == "enterprise_number"
    with pytest.raises(ValidationError, match="already has this name"), db.session() as s:
        svc.create_member(s, acme(name="ACME nv", enterprise_number=None))
    with db.session() as s:
        assert count(s) == 1


def test_update_with_a_stale_version_is_a_conflict_showing_both(db):
    with db.session() as s:
        created = svc.create_member(s, acme())
    with db.session() as s:
        svc.update_member(s, created.id, acme(municipality="Brugge"), expected_version=created.version)
    with pytest.raises(ConflictError) as err, db.session() as s:
        svc.update_member(s, created.id, acme(municipality="Leuven"), expected_version=created.version)
    assert err.value.theirs.municipality == "Brugge"
    assert err.value.mine.municipality == "Leuven"


def test_end_membership_keeps_history_and_counts_change(session):
    m = svc.create_member(session, acme())
    svc.end_membership(session, m.id, dt.date(2024, 6, 30))
    assert svc.count_members_on(session, dt.date(2024, 6, 30)) == 1
    assert svc.count_members_on(session, dt.date(2024, 7, 1)) == 0
    assert [r.name for r in svc.list_members(session, former_only=True)] == ["Acme NV"]
    with pytest.raises(ValidationError, match="before the joining date"):
        svc.end_membership(session, m.id, dt.date(2020, 1, 1))


def test_list_on_a_date_and_search(session):
    svc.create_member(session, acme())
    other = svc.create_member(session, acme(name="KU Leuven", kind="knowledge_institution", size_class=None,
                                            enterprise_number="0419052173", municipality="Leuven",
                                            joined_on=dt.date(2024, 1, 1)))
    svc.add_contact(session, other.id, svc.ContactInput(first_name="Els", last_name="Peeters", email="els@kuleuven.be"))
    assert [r.name for r in svc.list_members(session, active_on=dt.date(2023, 1, 1))] == ["Acme NV"]
    assert [r.name for r in svc.list_members(session, search="peeters")] == ["KU Leuven"]
    assert [r.name for r in svc.list_members(session, search="0419.052")] == ["KU Leuven"]
    rows = svc.list_members(session, kind=MemberKind.KNOWLEDGE)
    assert rows[0].contact_names == "Els Peeters" and "els peeters" in rows[0].search_text


def test_contacts_one_main_contact_and_consent_date(session):
    m = svc.create_member(session, acme())
    first = svc.add_contact(session, m.id, svc.ContactInput(first_name="Jan", last_name="Maes", is_main=True))
    second = svc.add_contact(session, m.id, svc.ContactInput(first_name="An", last_name="Claes", is_main=True,
                                                            consent=True))
    contacts = {c.id: c for c in svc.list_contacts(session, m.id)}
    assert contacts[second.id].is_main and not contacts[first.id].is_main
    assert contacts[second.id].consent_on is not None
    with pytest.raises(ValidationError, match="needs a name"):
        svc.add_contact(session, m.id, svc.ContactInput())
    svc.remove_contact(session, first.id)
    assert count(session, Contact) == 1


def test_delete_refused_when_history_would_be_lost(session):
    m = svc.create_member(session, acme())
    session.add(FeeCall(member_id=m.id, year=2025, amount=100, issued_on=dt.date(2025, 1, 1),
                        due_on=dt.date(2025, 2, 1), structured_communication="010806817183"))
    session.flush()
    with pytest.raises(ValidationError, match="end the membership instead"):
        svc.delete_member(session, m.id)
    plain = svc.create_member(session, acme(name="Mistake BV", enterprise_number=None))
    svc.delete_member(session, plain.id)
    with pytest.raises(NotFoundError):
        svc.get_member(session, plain.id)


def test_find_member_by_id_number_or_name(session):
    m = svc.create_member(session, acme())
    assert svc.find_member_id(session, str(m.id)) == m.id
    assert svc.find_member_id(session, "0417.497.106") == m.id
    assert svc.find_member_id(session, "acme nv") == m.id
    with pytest.raises(NotFoundError):
        svc.find_member_id(session, "Nobody")
