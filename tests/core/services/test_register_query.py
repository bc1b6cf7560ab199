"""The paged register asks the database what the in-memory register computed: the same rows, in the
same order, for every column both ways, every filter and search word; the counts by query; and the
search index stays in step with edits, contacts, imports, undo, the trash and an erasure."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from clustermanager.demo import generate_demo
from clustermanager.models import MemberKind, SizeClass
from clustermanager.services import members as m
from clustermanager.services import register_query as rq
from clustermanager.services.register import register_rows

TODAY = dt.date.today()
# The sort keys the in-memory register used (ui/members/table_model.COLUMNS), ties kept in name order.
KEYS = {
    "name": lambda r: r.name.lower(),
    "kind": lambda r: r.kind.value,
    "size_class": lambda r: "zz" if r.size_class is None else r.size_class.value,
    "enterprise_number": lambda r: r.enterprise_number or "",
    "vat_number": lambda r: r.vat_number or "",
    "postcode": lambda r: r.postcode or "",
    "municipality": lambda r: (r.municipality or "").lower(),
    "province": lambda r: r.province or "",
    "country": lambda r: r.country,
    "fee_category": lambda r: r.fee_category or "",
    "joined_on": lambda r: r.joined_on,
    "left_on": lambda r: r.left_on or dt.date.max,
    "contact_names": lambda r: r.contact_names.lower(),
}


def oracle(rows, f: rq.RegisterFilter, sort: rq.Sort):
    """What the old proxy showed: by the column, ties by name, the filters, every word."""
    rows = sorted(rows, key=lambda r: (KEYS[sort.column](r), r.name.lower(), r.id))
    if sort.descending:  # the exact reverse, ties too (the old stable sort kept ties A to Z)
        rows.reverse()
    day = f.day or TODAY
    keep = [r for r in rows if (f.kind is None or r.kind == f.kind) and (f.size_class is None or r.size_class == f.size_class)
            and (f.status != "active" or r.is_active_on(day))
            and (f.status != "former" or (r.left_on is not None and r.left_on < day))]
    return [r for r in keep if all(w in r.search_text for w in f.words())]


@pytest.fixture
def register(db):
    with db.session() as s:
        generate_demo(s, members=60, year=2025)
        if db.engine.dialect.name == "postgresql":  # the demo writes its own ids; the next one is after them
            s.execute(text("SELECT setval(pg_get_serial_sequence('member', 'id'), (SELECT max(id) FROM member))"))
        for name in ("Élan Gent", "élan b", "a b", "ab", "100% Bio_Logisch", "Zulu"):
            m.create_member(s, m.MemberInput(name=name, kind="other", joined_on=dt.date(2024, 1, 1)))
    return db


def everything(s):
    return register_rows(s)


@pytest.mark.postgres
def test_every_column_sorts_as_before_both_ways(register):
    with register.session() as s:
        rows = everything(s)
        for column, descending in ((c, d) for c in KEYS for d in (False, True)):
            sort = rq.Sort(column, descending)
            f = rq.RegisterFilter()
            expected = oracle(rows, f, sort)
            got = rq.page(s, f, sort, 0, 1000)
            assert [r.id for r in got] == [r.id for r in expected], (column, descending)
            assert got == expected  # the same values, contact names and search text included
            last = rq.page(s, f, sort, len(expected) - 7, 50, total=len(expected))  # read from the end
            assert [r.id for r in last] == [r.id for r in expected[-7:]]


FILTERS = [
    rq.RegisterFilter(text="a"), rq.RegisterFilter(text="él"), rq.RegisterFilter(text="ÉLAN"),
    rq.RegisterFilter(text="elan"), rq.RegisterFilter(text="gent"), rq.RegisterFilter(text="100%"),
    rq.RegisterFilter(text="o_l"), rq.RegisterFilter(text='"x'), rq.RegisterFilter(text="nv an"),
    rq.RegisterFilter(text="zzzz"), rq.RegisterFilter(kind=MemberKind.COMPANY),
    rq.RegisterFilter(kind=MemberKind.COMPANY, size_class=SizeClass.MICRO),
    rq.RegisterFilter(status="active"), rq.RegisterFilter(status="former"),
    rq.RegisterFilter(status="active", day=dt.date(2023, 1, 1)), rq.RegisterFilter(text="be", status="active"),
]


@pytest.mark.postgres
def test_filters_and_search_words_keep_the_same_rows(register):
    with register.session() as s:
        rows = everything(s)
        for f in FILTERS:
            check_filter(s, rows, f)


@pytest.mark.parametrize("broad", [-1, 10**9])
def test_a_word_found_by_the_index_or_scanned_gives_the_same_rows(register, monkeypatch, broad):
    """SQLite looks a word of three letters or more up in the trigram index unless the index holds it
    for more than BROAD members and contacts; then it is scanned with LIKE. Forcing every word down
    one way and then the other must keep the rows, the order, the counts and a member's position."""
    monkeypatch.setattr(rq, "BROAD", broad)
    words = ["gen", "gent", "elan", "ÉLAN", "100%", "o_l", '"x', "nv an", "zzzz", "bio_logisch", "a b", "be"]
    with register.session() as s:
        rows = everything(s)
        for word in words:
            f = rq.RegisterFilter(text=word)
            indexed = rq.indexed_words(s, f)
            if register.engine.dialect.name == "sqlite":  # the way chosen is the one forced
                assert indexed == (frozenset() if broad < 0 else frozenset(w for w in f.words() if len(w) >= 3))
            check_filter(s, rows, f)
            check_filter(s, rows, rq.RegisterFilter(text=word, status="active"))
            expected = oracle(rows, f, rq.Sort("name", False))
            if expected:
                assert rq.count(s, f) == len(expected)
                assert rq.position(s, f, rq.Sort("name", False), expected[-1].id) == len(expected) - 1


@pytest.mark.parametrize("walk", [2, 9, 40, 10**6])
@pytest.mark.parametrize("few", [0, 10**6])
def test_a_first_page_walked_along_the_sort_or_found_first_gives_the_same_rows(register, monkeypatch, walk, few):
    """SQLite, a filtered register (a kind, a size, a status, words scanned): the first page at either end is walked along the sort's index at most
    WALK rows (then found the other way if it is not complete), or the matches are found first and sorted
    (fewer than FEW; in name order within the search text's index), or the sort's index is walked to the
    end. Every way gives the oracle's rows."""
    monkeypatch.setattr(rq, "WALK", walk)
    monkeypatch.setattr(rq, "FEW", few)
    monkeypatch.setattr(rq, "_walk_is_likely_short", lambda *_args: True)
    words = ["a", "e", "él", "be", "nv", "zz", "o_", "b"]
    filters = [rq.RegisterFilter(text=w, status=st) for w in words for st in ("all", "active")] + [
        rq.RegisterFilter(kind=MemberKind.COMPANY), rq.RegisterFilter(kind=MemberKind.OTHER, status="active"),
        rq.RegisterFilter(size_class=SizeClass.MICRO), rq.RegisterFilter(status="former"),
        rq.RegisterFilter(status="former", kind=MemberKind.COMPANY), rq.RegisterFilter(text="gent", kind=MemberKind.COMPANY),
        rq.RegisterFilter(text="e", status="former", size_class=SizeClass.SMALL)]
    sorts = (rq.Sort("name"), rq.Sort("name", True), rq.Sort("municipality", True), rq.Sort("joined_on"),
             rq.Sort("left_on"), rq.Sort("left_on", True), rq.Sort("size_class"), rq.Sort("kind", True))
    with register.session() as s:
        rows = everything(s)
        for f, sort in ((f, so) for f in filters for so in sorts):
            word, status = f.text, f.status
            expected = [r.id for r in oracle(rows, f, sort)]
            total = rq.count(s, f)
            assert total == len(expected), (word, status)
            for limit in (1, 5, 200):
                first = rq.page(s, f, sort, 0, limit, total=total)
                assert [r.id for r in first] == expected[:limit], (word, status, sort, limit)
                start = max(0, total - limit)
                last = rq.page(s, f, sort, start, limit, total=total)  # read from the other end
                assert [r.id for r in last] == expected[start:], (word, status, sort, limit)
                middle = rq.page(s, f, sort, 3, limit, total=total)  # a page further in: never walked
                assert [r.id for r in middle] == expected[3:3 + limit], (word, status, sort, limit)


@pytest.mark.postgres
@pytest.mark.parametrize("guess", [0, 10**9])
@pytest.mark.parametrize("few", [3, 10**6])
def test_the_first_page_of_a_new_filter_is_counted_and_paged_either_way(register, monkeypatch, guess, few):
    """`first_page` gives `count()` and the first page: a short word guessed to find few members is
    listed in one pass (and counted and paged the usual way when the list holds FEW or more: the guess
    was wrong); any other filter, sort or backend is counted, then paged."""
    monkeypatch.setattr(rq, "_guessed_count", lambda *_args: guess)
    monkeypatch.setattr(rq, "FEW", few)
    filters = [rq.RegisterFilter(text=w, status=st, kind=k) for w in ("a", "e", "él", "b", "zz", "o_", "nv an", "gent")
               for st in ("all", "active") for k in (None, MemberKind.COMPANY)]
    with register.session() as s:
        rows = everything(s)
        for f in filters:
            for sort in (rq.Sort("name"), rq.Sort("name", True), rq.Sort("municipality")):
                expected = [r.id for r in oracle(rows, f, sort)]
                for limit in (1, 4, 200):
                    total, first = rq.first_page(s, f, sort, limit)
                    assert (total, [r.id for r in first]) == (len(expected), expected[:limit]), (f, sort, limit)


def test_a_guess_of_how_many_a_word_finds_is_near_the_count(db):
    with db.session() as s:
        generate_demo(s, members=3_000, year=2025)
    with db.session() as s:
        for word in ("a", "e", "nv", "ge", "zz"):
            f = rq.RegisterFilter(text=word)
            guess, exact = rq._guessed_count(s, f, TODAY, rq.indexed_words(s, f)), rq.count(s, f)
            assert abs(guess - exact) <= max(0.25 * exact, 60), (word, guess, exact)


def test_a_short_word_in_name_order_is_paged_in_the_search_texts_index_alone(register, monkeypatch):
    """SQLite: the matches of a short word found in few members are sorted by name and cut without
    reading the wide search table (migration 0025 put the name key in the search text's index)."""
    if register.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL searches through pg_trgm")
    from sqlalchemy import event

    monkeypatch.setattr(rq, "_walk_is_likely_short", lambda *_args: False)  # 66 members: it would be

    with register.session() as s:
        f = rq.RegisterFilter(text="b", status="active")
        total = rq.count(s, f)
        statements = []
        listener = lambda _c, _cur, statement, params, _ctx, _many: statements.append((statement, params))  # noqa: E731
        event.listen(s.connection(), "before_cursor_execute", listener)
        try:
            rq.page(s, f, rq.Sort("name"), 0, 200, total=total)
        finally:
            event.remove(s.connection(), "before_cursor_execute", listener)
        statement, params = next((st, p) for st, p in statements if "LIMIT" in st)
        plan = " ".join(str(step[-1]) for step in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement,
                                                                               params).all())
        assert "SCAN member_search USING COVERING INDEX ix_member_search_text" in plan, plan
        assert "PRIMARY KEY" not in plan, plan  # no match looked up in the table to sort it


def test_a_page_past_the_matches_asks_nothing(register):
    with register.session() as s:
        statements = []
        from sqlalchemy import event

        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(s.connection(), "before_cursor_execute", listener)
        try:
            assert rq.page(s, rq.RegisterFilter(text="zzzz"), rq.Sort(), 0, 200, total=0) == []
        finally:
            event.remove(s.connection(), "before_cursor_execute", listener)
        assert statements == []


def check_filter(s, rows, f):
    sort = rq.Sort("municipality", True)
    expected = oracle(rows, f, sort)
    assert [r.id for r in rq.page(s, f, sort, 0, 1000)] == [r.id for r in expected]
    counts = rq.summary(s, f)
    active = [r for r in expected if r.is_active_on(TODAY)]
    companies = [r for r in active if r.kind is MemberKind.COMPANY]
    assert counts == rq.Counts(len(expected), len(rows), len(active),
                               sum(r.is_sme for r in companies) / len(companies) if companies else None)


@pytest.mark.postgres
def test_words_by_contact_and_number_and_the_position_of_a_member(register):
    with register.session() as s:
        rows = everything(s)
        with_contact = next(r for r in rows if r.contact_names)
        person = with_contact.contact_names.split(",")[0].split()[-1]
        found = rq.page(s, rq.RegisterFilter(text=person), rq.Sort(), 0, 1000)
        assert with_contact.id in {r.id for r in found}
        numbered = next(r for r in rows if r.enterprise_number)
        dotted = f"{numbered.enterprise_number[:4]}.{numbered.enterprise_number[4:7]}.{numbered.enterprise_number[7:]}"
        assert [r.id for r in rq.page(s, rq.RegisterFilter(text=dotted), rq.Sort(), 0, 10)] == [numbered.id]
        sort = rq.Sort("joined_on", True)
        expected = oracle(rows, rq.RegisterFilter(), sort)
        assert rq.position(s, rq.RegisterFilter(), sort, expected[17].id) == 17
        assert rq.position(s, rq.RegisterFilter(kind=MemberKind.OTHER), sort,
                           next(r.id for r in rows if r.kind is MemberKind.COMPANY)) is None


def ids_for(db, word: str) -> set[int]:
    with db.session() as s:
        return {r.id for r in rq.page(s, rq.RegisterFilter(text=word), rq.Sort(), 0, 1000)}


@pytest.mark.postgres
def test_the_index_follows_edits_contacts_undo_and_the_trash(db):
    from clustermanager.services.history import replay, trash

    with db.session() as s:
        member = m.create_member(s, m.MemberInput(name="Quartzite NV", kind="company", joined_on=dt.date(2024, 1, 1)))
    assert ids_for(db, "quartz") == {member.id}
    with db.session() as s:
        detail = m.get_member(s, member.id)
        m.update_member(s, member.id, m.MemberInput(**{**detail.to_input().__dict__, "name": "Basalt NV",
                                                       "municipality": "Veurne"}))
    assert ids_for(db, "quartz") == set() and ids_for(db, "basalt") == ids_for(db, "veurne") == {member.id}
    with db.session() as s:
        contact = m.add_contact(s, member.id, m.ContactInput(first_name="Griet", last_name="Vanmarcke"))
    assert ids_for(db, "vanmarcke") == {member.id}
    with db.session() as s:
        replay.undo(s)  # takes the contact back
    assert ids_for(db, "vanmarcke") == set()
    with db.session() as s:
        replay.undo(s)  # and the rename
    assert ids_for(db, "quartz") == {member.id} and ids_for(db, "basalt") == set()
    with db.session() as s:
        m.delete_member(s, member.id)
    assert ids_for(db, "quartz") == set()
    with db.session() as s:
        (item,) = [i for i in trash.list_trash(s) if i.table == "member"]
        trash.restore(s, item.id)
    assert ids_for(db, "quartz") == {member.id}
    del contact


@pytest.mark.postgres
def test_the_index_follows_an_import_and_forgets_an_erased_person(db, tmp_path):
    from clustermanager.io.mapping import propose_mapping
    from clustermanager.io.sheets import read_table
    from clustermanager.services import privacy
    from clustermanager.services.member_import import import_members
    from clustermanager.services.privacy_files import compact
    from tests.core.io.sheetgen import workbook

    path = workbook(tmp_path / "leden.xlsx", [
        ["Naam", "Ondernemingsnummer", "Type", "Grootte", "Lid sinds", "Voornaam", "Achternaam"],
        ["Acme NV", "0417.497.106", "Bedrijf", "Klein", "2021-03-15", "Jan", "Peeterszoon"],
        ["Stad Gent", "0207.451.227", "Overheid", None, "2020-06-30", None, None],
    ])
    table = read_table(path)
    with db.session() as s:
        import_members(s, table, propose_mapping(table.headers))
    (acme,) = ids_for(db, "acme")
    assert ids_for(db, "peeterszoon") == {acme} and ids_for(db, "0417497106") == {acme}
    with db.session() as s:
        (row,) = rq.page(s, rq.RegisterFilter(text="acme"), rq.Sort(), 0, 10)
        assert row.contact_names == "Jan Peeterszoon"
        privacy.erase_person(s, privacy.find_contact_id(s, "Jan Peeterszoon"))
    assert ids_for(db, "peeterszoon") == set() and ids_for(db, "acme") == {acme}
    if compact(db):  # the file no longer holds the name (the search table's old row, the index rebuilt)
        db.close()
        assert b"peeterszoon" not in db.path.read_bytes().lower()
