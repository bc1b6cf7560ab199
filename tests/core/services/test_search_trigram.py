"""PostgreSQL: the register's search words go through pg_trgm's GIN index (migration 0022) and find
exactly what they found without it, for words of one, two, three and more letters, accents and case;
a server that refuses the extension still migrates, searches the same way without the index, says
so once in the log and in `check`, and gets the index once an administrator has created pg_trgm."""

from __future__ import annotations

import logging
import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from clustermanager.db import open_database
from clustermanager.models.search import TRIGRAM_INDEX, TrigramState, trigram_state
from clustermanager.services import members as m
from clustermanager.services import register_query as rq
from clustermanager.services.integrity import run_checks
from clustermanager.services.register import register_rows
from tests.core.services.test_register_query import check_filter, oracle

WORDS = ["a", "é", "el", "ÉL", "b ", "ab", "a b", "gen", "GENT", "élan", "elan", "100%", "o_l", "0417", "bv",
         "nv an", "zzz", '"x', "be", "o'b", "a\\b", "/", "lo/g"]


def ids(s, word):
    return [r.id for r in rq.page(s, rq.RegisterFilter(text=word), rq.Sort(), 0, 1000)]


def plan(s, word) -> str:
    query = rq.select(rq.S.member_id).where(*rq.conditions(rq.RegisterFilter(text=word), rq.dt.date.today(), True))
    compiled = query.compile(s.get_bind(), compile_kwargs={"literal_binds": True})
    return "\n".join(s.execute(text(f"EXPLAIN {compiled}")).scalars())


def test_every_word_finds_the_same_members_through_the_index_as_by_scanning(pg_db):
    with pg_db.session() as s:
        state = trigram_state(s.connection())
        if state.extension_schema is None:
            pytest.skip("the test server has no pg_trgm (postgresql-contrib)")
        assert state.indexed
    with pg_db.session() as s:
        from clustermanager.demo import generate_demo

        generate_demo(s, members=60, year=2025)
        s.execute(text("SELECT setval(pg_get_serial_sequence('member', 'id'), (SELECT max(id) FROM member))"))
        for name in ("Élan Gent", "élan b", "a b", "ab", "100% Bio_Logisch", "Zulu", "O'Brien bv", "a\\b lo/g"):
            m.create_member(s, m.MemberInput(name=name, kind="other", joined_on=rq.dt.date(2024, 1, 1)))
    with pg_db.session() as s:
        rows = register_rows(s)
        s.execute(text("ANALYZE member_search"))
        scanned = {w: ids(s, w) for w in WORDS}
        assert "Seq Scan" in plan(s, "gent")  # 66 rows: the planner reads the table
        # Now only bitmap scans are allowed: the trigram index answers every word (one or two letters
        # give it no trigram, so it hands over every row and PostgreSQL checks them with the LIKE).
        s.execute(text("SET LOCAL enable_seqscan = off"))
        s.execute(text("SET LOCAL enable_indexscan = off"))
        assert TRIGRAM_INDEX in plan(s, "gent") and TRIGRAM_INDEX in plan(s, "el")
        for word in WORDS:
            expected = [r.id for r in oracle(rows, rq.RegisterFilter(text=word), rq.Sort())]
            assert ids(s, word) == scanned[word] == expected, word
            check_filter(s, rows, rq.RegisterFilter(text=word, status="active"))
        assert ids(s, "gent") and ids(s, "a") and ids(s, "100%") and ids(s, "o'b") and ids(s, "a\\b") and not ids(s, "zzz")


def test_the_word_is_written_into_the_statement_so_each_word_gets_its_own_plan():
    """A bound word would let PostgreSQL settle on one generic plan for all words after a few searches
    (psycopg prepares repeated statements): that plan sent "e" through the trigram index, 6x slower."""
    from sqlalchemy.dialects.postgresql import psycopg

    query = rq.select(rq.S.member_id).where(rq.postgres_contains("o'b_1%"))
    compiled = query.compile(dialect=psycopg.dialect(), compile_kwargs={"render_postcompile": True})
    assert not compiled.params
    assert "LIKE '%%o''b/_1/%%%%' ESCAPE '/'" in str(compiled)


@pytest.fixture
def refusing_server():
    """A database whose owner is a role that may not create extensions (as on a shared server)."""
    admin_url = os.environ.get("CLUSTERMANAGER_TEST_POSTGRES", "")
    if not admin_url:
        pytest.skip("CLUSTERMANAGER_TEST_POSTGRES is not set")
    suffix = uuid.uuid4().hex[:10]
    role, database = f"cm_plain_{suffix}", f"cm_noext_{suffix}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN")
        conn.exec_driver_sql(f"CREATE DATABASE {database}")
        conn.exec_driver_sql(f"REVOKE CREATE ON DATABASE {database} FROM PUBLIC")
    there = make_url(admin_url).set(database=database)
    here = create_engine(there, isolation_level="AUTOCOMMIT")
    with here.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA app AUTHORIZATION {role}")
    app_url = there.set(username=role).update_query_dict({"options": "-csearch_path=app"})
    yield app_url.render_as_string(hide_password=False), here
    here.dispose()
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE {database} WITH (FORCE)")
        conn.exec_driver_sql(f"DROP ROLE {role}")
    admin.dispose()


def test_a_server_that_refuses_pg_trgm_still_migrates_and_searches(refusing_server):
    url, as_administrator = refusing_server
    logged = []
    handler = logging.Handler()
    handler.emit = lambda record: logged.append(record.getMessage())
    logger = logging.getLogger("clustermanager.models.search")
    logger.addHandler(handler)
    try:
        db = open_database(url)
        try:
            with db.session() as s:
                assert trigram_state(s.connection()) == TrigramState(None, False)
                member = m.create_member(s, m.MemberInput(name="Gentse Haven NV", kind="company",
                                                          joined_on=rq.dt.date(2024, 1, 1)))
                m.create_member(s, m.MemberInput(name="Brugge", kind="other", joined_on=rq.dt.date(2024, 1, 1)))
            with db.session() as s:
                assert ids(s, "gent") == ids(s, "GENTSE") == ids(s, "ts") == [member.id]
            report = run_checks(db)
            assert report.ok
            (said,) = [f.message for f in report.findings if f.check == "search_index"]
            assert "CREATE EXTENSION pg_trgm" in said
        finally:
            db.close()
        assert len([line for line in logged if "without a trigram index" in line]) == 1
        assert any("permission denied" in line for line in logged)

        with as_administrator.connect() as conn:  # the administrator enables it; the next opening indexes
            conn.exec_driver_sql("CREATE EXTENSION pg_trgm")
        again = open_database(url)
        try:
            with again.session() as s:
                assert trigram_state(s.connection()).indexed
                assert ids(s, "gent") == [member.id]
            (said,) = [f.message for f in run_checks(again).findings if f.check == "search_index"]
            assert "in place" in said
        finally:
            again.close()
        assert len([line for line in logged if "without a trigram index" in line]) == 1
    finally:
        logger.removeHandler(handler)
