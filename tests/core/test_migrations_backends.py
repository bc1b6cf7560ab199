"""The migrations on SQLite and PostgreSQL: they build the schema the models describe, and `check` passes."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from clustermanager import migrations
from clustermanager.db import open_database
from clustermanager.models import Base
from clustermanager.models.search import models_only
from clustermanager.services.integrity import run_checks

pytestmark = pytest.mark.postgres


def test_migrated_schema_matches_the_models(db):
    assert migrations.current_revision(db) == migrations.head_revision()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "include_name": models_only}), Base.metadata)
    assert diff == []


def test_reopening_is_a_no_op_and_check_passes(db):
    again = open_database(db.url.render_as_string(hide_password=False))
    try:
        assert migrations.current_revision(again) == migrations.head_revision()
        report = run_checks(again)
        assert report.ok, [f.message for f in report.findings if not f.ok]
    finally:
        again.close()
