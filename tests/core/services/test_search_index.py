"""The register's search index is right after every kind of write, the bulk ones that defer it
(models/search.deferred_index: imports, undo, the demo) and the single ones its triggers keep row by row.

Each check compares the whole `member_search` table (and on SQLite the contacts' full-text rows and the
members' full-text index) with what the members and contacts say, computed here in Python.
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert, select, text

from clustermanager.demo import generate_demo
from clustermanager.io.mapping import propose_mapping
from clustermanager.io.sheets import read_table
from clustermanager.io.workbook_exchange import export_workbook
from clustermanager.models import Contact, Member
from clustermanager.models.search import deferred_index
from clustermanager.services import members as m
from clustermanager.services import register_query as rq
from clustermanager.services.history import replay, trash
from clustermanager.services.member_import import import_members
from clustermanager.services.workbook_import import import_workbook
from tests.core.io.sheetgen import workbook

pytestmark = pytest.mark.postgres
FIELDS = ("enterprise_number", "vat_number", "municipality", "postcode")
COLUMNS = ("name_key", "kind", "size_key", "enterprise_key", "vat_key", "postcode_key", "municipality_key",
           "province_key", "country_key", "fee_key", "joined_on", "left_on", "left_key", "contacts", "contacts_key",
           "text")


def _value(v):
    return getattr(v, "value", v)


def expected(s) -> dict[int, dict]:
    """Each member's search row as the register needs it, from the members and contacts."""
    names: dict[int, list[str]] = {}
    for member_id, first, last in s.execute(select(Contact.member_id, Contact.first_name, Contact.last_name)
                                            .where(Contact.erased_on.is_(None))
                                            .order_by(Contact.member_id, Contact.is_main.desc(), Contact.id)):
        names.setdefault(member_id, []).append(f"{first} {last}".strip())
    rows = {}
    for r in s.execute(select(Member.__table__)).mappings():
        contacts = ", ".join(names.get(r["id"], []))
        own = [r["name"], *(r[f] for f in FIELDS if r[f])]
        rows[r["id"]] = {
            "name_key": r["name"].lower(), "kind": _value(r["kind"]), "size_key": _value(r["size_class"]) or "zz",
            "enterprise_key": r["enterprise_number"] or "", "vat_key": r["vat_number"] or "",
            "postcode_key": r["postcode"] or "", "municipality_key": (r["municipality"] or "").lower(),
            "province_key": r["province"] or "", "country_key": r["country"], "fee_key": r["fee_category"] or "",
            "joined_on": r["joined_on"], "left_on": r["left_on"], "left_key": r["left_on"] or dt.date(9999, 12, 31),
            "contacts": contacts, "contacts_key": contacts.lower(),
            "text": " ".join(own + ([contacts] if contacts else [])).lower(),
        }
    return rows


def actual(s) -> dict[int, dict]:
    rows = {}
    for r in s.execute(text(f"SELECT member_id, {', '.join(COLUMNS)} FROM member_search")).mappings():
        row = dict(r)
        for key in ("joined_on", "left_on", "left_key"):
            if isinstance(row[key], str):
                row[key] = dt.date.fromisoformat(row[key])
        rows[row.pop("member_id")] = row
    return rows


def assert_index_right(db) -> None:
    with db.session() as s:
        assert actual(s) == expected(s)
        assert s.execute(text("SELECT count(*) FROM member_search_defer")).scalar() == 0
        assert s.execute(text("SELECT count(*) FROM member_search_stale")).scalar() == 0
        if db.is_sqlite:
            people = {(cid, f"{first} {last}".strip().lower()) for cid, first, last in s.execute(
                select(Contact.id, Contact.first_name, Contact.last_name).where(Contact.erased_on.is_(None)))}
            assert {tuple(r) for r in s.execute(text("SELECT rowid, text FROM member_search_fts_contact"))} == people
            # the members' full-text index agrees with the search table it indexes
            s.execute(text("INSERT INTO member_search_fts (member_search_fts) VALUES ('integrity-check')"))
            assert s.execute(text("SELECT count(*) FROM member_search_stale_contact")).scalar() == 0


def ids_for(db, word: str) -> set[int]:
    with db.session() as s:
        return {r.id for r in rq.page(s, rq.RegisterFilter(text=word), rq.Sort(), 0, 1000)}


def test_a_member_import_and_its_undo(db, tmp_path):
    with db.session() as s:
        old = m.create_member(s, m.MemberInput(name="Acme NV", kind="company", joined_on=dt.date(2020, 1, 1),
                                               enterprise_number="0417497106", municipality="Gent"))
        m.add_contact(s, old.id, m.ContactInput(first_name="Lies", last_name="Claes", is_main=True))
    path = workbook(tmp_path / "leden.xlsx", [
        ["Naam", "Ondernemingsnummer", "Type", "Lid sinds", "Gemeente", "Voornaam", "Achternaam"],
        ["Acme NV", "0417.497.106", "Bedrijf", "2020-01-01", "Brugge", "Jan", "Peeterszoon"],  # moves, one more
        ["Stad Gent", "0207.451.227", "Overheid", "2020-06-30", "Gent", None, None],
        ["Quartzite BV", None, "Bedrijf", "2021-03-15", "Veurne", "Griet", "Vanmarcke"],
        ["Quartzite BV", None, "Bedrijf", "2021-03-15", "Veurne", "Bart", "Desmet"],
    ])
    table = read_table(path)
    with db.session() as s:
        result = import_members(s, table, propose_mapping(table.headers))
    assert result.created == 2 and result.updated == 1 and result.contacts_added == 3
    assert_index_right(db)
    assert ids_for(db, "brugge") == ids_for(db, "peeterszoon") == {old.id} and ids_for(db, "gent") != set()
    assert len(ids_for(db, "vanmarcke")) == 1 and ids_for(db, "vanmarcke") == ids_for(db, "desmet")
    with db.session() as s:
        replay.undo(s)
    assert_index_right(db)
    assert ids_for(db, "brugge") == ids_for(db, "vanmarcke") == set() and ids_for(db, "gent") == {old.id}
    with db.session() as s:
        replay.redo(s)
    assert_index_right(db)
    assert len(ids_for(db, "desmet")) == 1


def test_a_delete_the_trash_and_a_contact_renamed(db):
    with db.session() as s:
        member = m.create_member(s, m.MemberInput(name="Basalt NV", kind="company", joined_on=dt.date(2024, 1, 1)))
        first = m.add_contact(s, member.id, m.ContactInput(first_name="An", last_name="Smets", is_main=True))
        m.add_contact(s, member.id, m.ContactInput(first_name="Wim", last_name="Baert"))
        other = m.create_member(s, m.MemberInput(name="Gneiss BV", kind="company", joined_on=dt.date(2024, 1, 1)))
    assert_index_right(db)
    with db.session() as s:
        m.update_contact(s, first.id, m.ContactInput(first_name="An", last_name="Verhulst"))
    assert_index_right(db)
    assert ids_for(db, "verhulst") == {member.id} and ids_for(db, "smets") == set()
    with db.session() as s:
        m.delete_member(s, member.id)
    assert_index_right(db)
    assert ids_for(db, "basalt") == ids_for(db, "baert") == set() and ids_for(db, "gneiss") == {other.id}
    with db.session() as s:
        (item,) = [i for i in trash.list_trash(s) if i.table == "member"]
        trash.restore(s, item.id)
    assert_index_right(db)
    assert ids_for(db, "baert") == {member.id}


def test_the_demo_and_a_workbook_import(db, tmp_path):
    with db.session() as s:
        generate_demo(s, members=40, year=2025)
    assert_index_right(db)
    path = tmp_path / "all.xlsx"
    with db.session() as s:
        export_workbook(s, path)
    wb = load_workbook(path)
    members, contacts = wb["members"], wb["contacts"]
    head, chead = [c.value for c in members[1]], [c.value for c in contacts[1]]
    members.cell(row=2, column=head.index("name") + 1, value="Obsidiaan Werken NV")
    contacts.cell(row=2, column=chead.index("last_name") + 1, value="Vandevelde")
    wb.save(path)
    with db.session() as s:
        import_workbook(s, path)
    assert_index_right(db)
    assert len(ids_for(db, "obsidiaan")) == 1 and ids_for(db, "vandevelde")


def test_a_deferral_that_fails_leaves_nothing_behind_and_nested_ones_are_one(db):
    with db.session() as s:
        with pytest.raises(RuntimeError), deferred_index(s):
            s.execute(insert(Member.__table__), [{"name": "Ghost NV", "kind": "company", "country": "BE",
                                                  "joined_on": dt.date(2024, 1, 1), "version": 1}])
            raise RuntimeError("the import stops")
        s.rollback()
    assert_index_right(db)
    with db.session() as s, deferred_index(s):
        with deferred_index(s):
            m.create_member(s, m.MemberInput(name="Inner NV", kind="company", joined_on=dt.date(2024, 1, 1)))
        assert s.execute(text("SELECT count(*) FROM member_search_defer")).scalar() == 1  # still deferred
        m.create_member(s, m.MemberInput(name="Outer NV", kind="company", joined_on=dt.date(2024, 1, 1)))
    assert_index_right(db)
    assert len(ids_for(db, "inner")) == len(ids_for(db, "outer")) == 1


def test_on_postgresql_a_deferral_left_open_ends_at_commit(db):
    if db.is_sqlite:
        pytest.skip("SQLite has no commit-time triggers: deferred_index always ends its deferral")
    with db.session() as s:
        s.execute(text("INSERT INTO member_search_defer (flag) VALUES (1)"))
        m.create_member(s, m.MemberInput(name="Forgotten NV", kind="company", joined_on=dt.date(2024, 1, 1)))
        assert s.execute(text("SELECT count(*) FROM member_search")).scalar() == 0  # only noted so far
    assert_index_right(db)
    assert len(ids_for(db, "forgotten")) == 1
