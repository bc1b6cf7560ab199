"""The member services on SQLite and, when a test server is given, on PostgreSQL (marker `postgres`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from clustermanager.errors import ConflictError, NotFoundError, ValidationError
from clustermanager.models import FeeCall, Member
from clustermanager.services import cluster
from clustermanager.services import members as svc

pytestmark = pytest.mark.postgres


def _member(session, name="Acme NV", **kw) -> svc.MemberDetail:
    data = svc.MemberInput(name=name, kind=kw.pop("kind", "company"), joined_on=kw.pop("joined_on", dt.date(2020, 1, 1)),
                           **kw)
    return svc.create_member(session, data)


def test_create_list_search_and_end(db):
    with db.session() as s:
        a = _member(s, "Acme NV", enterprise_number="0417.497.106", municipality="Gent", size_class="small")
        _member(s, "Beta BV", joined_on=dt.date(2023, 6, 1))
        svc.add_contact(s, a.id, svc.ContactInput(first_name="Anna", last_name="Peeters", is_main=True))
    with db.session() as s:
        assert [m.name for m in svc.list_members(s, search="peeters")] == ["Acme NV"]
        assert [m.name for m in svc.list_members(s, search="0417")] == ["Acme NV"]
        assert svc.count_members_on(s, dt.date(2022, 1, 1)) == 1
        svc.end_membership(s, a.id, dt.date(2024, 12, 31))
    with db.session() as s:
        assert svc.count_members_on(s, dt.date(2025, 1, 1)) == 1
        assert svc.find_member_id(s, "0417497106") == a.id
        assert svc.get_member(s, a.id).contacts[0].full_name == "Anna Peeters"


def test_duplicates_and_bad_periods_are_refused(db):
    with db.session() as s:
        _member(s, "Acme NV", enterprise_number="0417497106")
    with pytest.raises(ValidationError, match="name"), db.session() as s:
        _member(s, "ACME nv")
    with pytest.raises(ValidationError, match="Enterprise number"), db.session() as s:
        _member(s, "Other NV", enterprise_number="BE 0417.497.106")
    with pytest.raises(ValidationError, match="Member until"), db.session() as s:
        _member(s, "Late NV", left_on=dt.date(2019, 1, 1))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 1


def test_update_with_expected_version_and_delete(db):
    with db.session() as s:
        m = _member(s)
    with db.session() as s:
        updated = svc.update_member(s, m.id, dataclasses.replace(m.to_input(), municipality="Leuven"),
                                    expected_version=m.version)
    assert updated.version == m.version + 1
    with pytest.raises(ConflictError), db.session() as s:
        svc.update_member(s, m.id, dataclasses.replace(m.to_input(), municipality="Brugge"), expected_version=m.version)
    with db.session() as s:
        svc.delete_member(s, m.id)
    with pytest.raises(NotFoundError), db.session() as s:
        svc.get_member(s, m.id)


def test_money_is_exact_on_every_backend(db):
    """FixedDecimal: cents on SQLite, NUMERIC on PostgreSQL; sums in SQL are exact Decimals."""
    with db.session() as s:
        m = _member(s)
        cluster.set_year(s, 2025, Decimal("1234567.89"), Decimal("0.10"))
        for i in range(10):
            s.add(FeeCall(member_id=m.id, year=2025, amount=Decimal("0.10"), vat_amount=Decimal("0.01"),
                          structured_communication=f"{i:010d}{(i % 97) or 97:02d}", issued_on=dt.date(2025, 1, 1),
                          due_on=dt.date(2025, 2, 1)))
    with db.session() as s:
        assert cluster.list_years(s)[0].budget == Decimal("1234567.89")
        total = s.scalar(select(func.sum(FeeCall.amount)))
        assert total == Decimal("1.00") and isinstance(total, Decimal)
        assert s.scalar(select(func.count()).select_from(FeeCall).where(FeeCall.amount > Decimal("0.09"))) == 10


def test_two_sessions_edit_the_same_member(db):
    """The second save gets a ConflictError with both values; the first one's change stays."""
    with db.session() as s:
        m = _member(s, municipality="Aalst")
    mine, theirs = db.sessions(), db.sessions()
    try:
        loaded_mine = svc.get_member(mine, m.id)
        loaded_theirs = svc.get_member(theirs, m.id)
        svc.update_member(theirs, m.id, dataclasses.replace(loaded_theirs.to_input(), municipality="Gent"),
                          expected_version=loaded_theirs.version)
        theirs.commit()
        with pytest.raises(ConflictError) as info:
            svc.update_member(mine, m.id, dataclasses.replace(loaded_mine.to_input(), municipality="Brugge"),
                              expected_version=loaded_mine.version)
        mine.rollback()
    finally:
        mine.close()
        theirs.close()
    assert info.value.theirs.municipality == "Gent" and info.value.mine.municipality == "Brugge"
    assert "'Gent'" in str(info.value) and "'Brugge'" in str(info.value)
    with db.session() as s:
        assert svc.get_member(s, m.id).municipality == "Gent"


def test_stale_write_without_expected_version_is_never_silent(db):
    """A session still holding the record (a long task, a caller without expected_version) cannot
    overwrite a colleague's change: the UPDATE checks the version, StaleDataError becomes ConflictError."""
    with db.session() as s:
        m = _member(s, municipality="Aalst")
    mine = db.sessions()
    try:
        held = mine.get(Member, m.id)  # kept in this session's identity map at version 1
        held_version = held.version
        loaded = svc.get_member(mine, m.id)
        with db.session() as other:
            svc.update_member(other, m.id, dataclasses.replace(loaded.to_input(), municipality="Gent"))
        with pytest.raises(ConflictError) as info:
            svc.update_member(mine, m.id, dataclasses.replace(loaded.to_input(), municipality="Brugge"))
        mine.rollback()
    finally:
        mine.close()
    assert held_version == 1 and info.value.theirs.municipality == "Gent"
    assert info.value.mine.municipality == "Brugge"
    with db.session() as s:
        assert svc.get_member(s, m.id).municipality == "Gent"


def test_contact_conflict(db):
    with db.session() as s:
        m = _member(s)
        c = svc.add_contact(s, m.id, svc.ContactInput(first_name="Jan", last_name="Smet"))
    with db.session() as s:
        svc.update_contact(s, c.id, svc.ContactInput(first_name="Jan", last_name="Smets"), expected_version=c.version)
    with pytest.raises(ConflictError, match="Smets"), db.session() as s:
        svc.update_contact(s, c.id, svc.ContactInput(first_name="Jan", last_name="De Smet"),
                           expected_version=c.version)


def test_any_stale_update_becomes_a_conflict(db):
    """Services without their own guard: Database.session() still turns a stale UPDATE into ConflictError."""
    with db.session() as s:
        cluster.set_year(s, 2025, Decimal("1000.00"), Decimal("500.00"))
    from clustermanager.models import ClusterYear

    with pytest.raises(ConflictError, match="Someone else changed"), db.session() as mine:
        row = mine.scalar(select(ClusterYear))
        with db.session() as theirs:
            theirs.scalar(select(ClusterYear)).budget = Decimal("2000.00")
        row.budget = Decimal("3000.00")
    with db.session() as s:
        assert cluster.list_years(s)[0].budget == Decimal("2000.00")
