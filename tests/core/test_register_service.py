"""The fast register loader returns exactly what list_members returns."""

from __future__ import annotations

import datetime as dt

from clustermanager.services import members as m
from clustermanager.services.register import register_rows


def test_same_rows_as_list_members(demo_db):
    with demo_db.session() as s:
        fast = sorted(register_rows(s), key=lambda r: r.id)
        reference = sorted(m.list_members(s), key=lambda r: r.id)
    assert len(fast) == 120
    assert fast == reference
    assert any(r.contact_names for r in fast) and any(r.left_on for r in fast)
    assert all(isinstance(r.joined_on, dt.date) for r in fast)


def test_first_page_is_in_name_order(demo_db):
    with demo_db.session() as s:
        page = register_rows(s, limit=10)
        everyone = m.list_members(s)
    assert [r.id for r in page] == [r.id for r in everyone[:10]]


def test_main_contact_comes_first(session):
    member = m.create_member(session, m.MemberInput(name="Acme", kind="company", joined_on=dt.date(2024, 1, 1)))
    m.add_contact(session, member.id, m.ContactInput(first_name="Zoe", last_name="Other"))
    m.add_contact(session, member.id, m.ContactInput(first_name="Ann", last_name="Main", is_main=True))
    (row,) = register_rows(session)
    assert row.contact_names == "Ann Main, Zoe Other"
    assert "ann main" in row.search_text
