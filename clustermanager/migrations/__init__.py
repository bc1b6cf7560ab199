"""Alembic migrations, applied when a database is opened. Revisions live in `versions/`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from clustermanager.errors import DatabaseError
from clustermanager.i18n import _

if TYPE_CHECKING:
    from clustermanager.db import BeforeMigrate, Database


def alembic_config(db: Database | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "clustermanager:migrations")
    if db is not None:
        cfg.set_main_option("sqlalchemy.url", db.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, *, before_migrate: BeforeMigrate | None = None) -> None:
    head = head_revision()
    current = current_revision(db)
    if current == head:
        return
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseError(
            _("The database {name} was made by a newer ClusterManager (schema {rev}); update the app.").format(
                name=db.display_name, rev=current
            )
        )
    if current is not None and before_migrate is not None:
        before_migrate(db, current, head)
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def known_revisions() -> set[str]:
    """Every schema revision this version of the app knows (a newer database has one that is not here)."""
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
