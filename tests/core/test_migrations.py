"""The migrations build exactly the schema the models describe, on open, and know their state."""

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from clustermanager import migrations
from clustermanager.db import open_database, table_names
from clustermanager.errors import DatabaseError
from clustermanager.models import Base
from clustermanager.models.search import models_only  # the search tables are written by triggers, not models


def test_models_and_migrations_agree(db):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": models_only})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_open_applies_migrations_to_head(db):
    assert migrations.current_revision(db) == migrations.head_revision()
    assert set(Base.metadata.tables) <= table_names(db)


def test_reopening_is_a_no_op(tmp_path):
    path = tmp_path / "twice.cmdb"
    open_database(path).close()
    again = open_database(path)
    assert migrations.current_revision(again) == migrations.head_revision()
    again.close()


def test_a_database_from_a_newer_app_is_refused(tmp_path):
    path = tmp_path / "newer.cmdb"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zz_future'")
    with pytest.raises(DatabaseError, match="newer ClusterManager"):
        open_database(path)


def test_sqlite_pragmas_are_on(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(tmp_path / "nowhere" / "x.cmdb")


def test_unsupported_url_is_refused():
    with pytest.raises(DatabaseError, match="Unsupported database"):
        open_database("mysql://localhost/x")
