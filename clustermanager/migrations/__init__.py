"""Alembic migrations, applied when a database is opened. Revisions live in `versions/`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

from clustermanager.errors import DatabaseError
from clustermanager.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

    from clustermanager.db import BeforeMigrate, Database

VERSIONS = Path(__file__).parent / "versions"
# `revision = "x"` and `down_revision = "y"` (or None) at the start of a line of a version file.
_REVISION_LINE = re.compile(r"""^(down_revision|revision)\s*(?::[^=\n]*)?=\s*(?:None|['"]([^'"]+)['"])\s*$""",
                            re.MULTILINE)


def _plain_head() -> str | None:
    """The single head revision read from the version files without importing Alembic (a third of a
    second at every start); None when a file does not have the plain form (then Alembic decides)."""
    revisions, parents = set(), set()
    for path in VERSIONS.glob("[!_]*.py"):
        found = dict((key, value or None) for key, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found or "down_revision" not in found:
            return None
        revisions.add(found["revision"])
        parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _plain_current(db: Database) -> str | None:
    try:
        with db.engine.connect() as conn:
            versions = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
    except DBAPIError:  # a new database: no version table yet
        return None
    return versions[0] if len(versions) == 1 else None


def alembic_config(db: Database | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "clustermanager:migrations")
    if db is not None:
        cfg.set_main_option("sqlalchemy.url", db.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, *, before_migrate: BeforeMigrate | None = None) -> None:
    _to_head(db, before_migrate)
    if not db.is_sqlite:
        _trigram_index(db)


def _trigram_index(db: Database) -> None:
    """PostgreSQL: a database migrated while the server refused pg_trgm gets its search index at the
    first opening after an administrator created the extension (one catalog query otherwise)."""
    from clustermanager.models.search import add_trigram_index, trigram_state

    with db.engine.begin() as conn:
        state = trigram_state(conn)
        if state.extension_schema is not None and not state.indexed:
            add_trigram_index(conn, create_extension=False)


def _to_head(db: Database, before_migrate: BeforeMigrate | None) -> None:
    plain_head = _plain_head()
    if plain_head is not None and _plain_current(db) == plain_head:
        return  # up to date: the common case, decided without loading Alembic
    from alembic import command
    from alembic.script import ScriptDirectory

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
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
