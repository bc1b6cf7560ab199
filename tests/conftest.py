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
    return home


@pytest.fixture
def db(tmp_path) -> Database:
    """A fresh, migrated SQLite database file."""
    database = open_database(tmp_path / "test.cmdb")
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
