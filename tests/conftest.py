"""Shared fixtures. Tests run offscreen and never touch the user's real data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402

import pytest  # noqa: E402

from clustermanager.db import Database, open_database  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Settings, logs and default databases go to a temporary folder, per test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CLUSTERMANAGER_HOME", str(home))
    _reset_logging()  # the log file lives in this test's home, not in the first test's that logged
    yield home
    _reset_logging()


def _reset_logging() -> None:
    import logging

    from clustermanager import logging_setup

    root = logging.getLogger("clustermanager")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    logging_setup._configured = False


@pytest.fixture
def db(tmp_path, db_backend, request) -> Database:
    """A fresh, migrated SQLite database file (and a fresh PostgreSQL schema for tests marked postgres)."""
    if db_backend == "postgres":
        yield request.getfixturevalue("pg_db")
        return
    database = open_database(tmp_path / "test.cmdb")
    yield database
    database.close()


POSTGRES_URL = os.environ.get("CLUSTERMANAGER_TEST_POSTGRES", "")


def pytest_generate_tests(metafunc):
    """Tests marked `postgres` that use `db` run twice: on SQLite and on the PostgreSQL test server."""
    if "db_backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker("postgres"):
        metafunc.parametrize("db_backend", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def db_backend(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def pg_url():
    """A URL to a fresh, empty schema on the test server (CLUSTERMANAGER_TEST_POSTGRES), dropped afterwards."""
    if not POSTGRES_URL:
        pytest.skip("CLUSTERMANAGER_TEST_POSTGRES is not set (.ci/postgres starts a server)")
    import uuid

    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    admin = create_engine(POSTGRES_URL)
    schema = f"test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    except OperationalError as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL test server unreachable: {exc.orig}")
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin.dispose()


@pytest.fixture
def pg_db(pg_url) -> Database:
    """A fresh, migrated database in its own PostgreSQL schema."""
    database = open_database(pg_url)
    yield database
    database.close()


@pytest.fixture
def session(db):
    """A session whose work is committed at the end of the test (like a user action)."""
    with db.session() as s:
        yield s


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory):
    """A demo cluster (120 members, fixed seed and year), built once per test run; copy before writing."""
    from clustermanager.demo import generate_demo

    path = tmp_path_factory.mktemp("demo") / "demo.cmdb"
    database = open_database(path)
    with database.session() as s:
        generate_demo(s, members=120, seed=7, year=2025)
    database.close()
    return path


@pytest.fixture
def demo_db(demo_db_path, tmp_path) -> Database:
    """A private copy of the demo database for a test that may change it."""
    from clustermanager.backup import backup_file

    copy = backup_file(demo_db_path, tmp_path / "demo-copy.cmdb")
    database = open_database(copy)
    yield database
    database.close()


@pytest.fixture
def today() -> dt.date:
    return dt.date(2025, 11, 15)
