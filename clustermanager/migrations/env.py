"""Alembic environment: runs on the caller's connection (see clustermanager.migrations.upgrade)."""

from alembic import context
from sqlalchemy import create_engine

from clustermanager.models import Base
from clustermanager.models.search import models_only
from clustermanager.models.types import FixedDecimal

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # the alembic command line
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as connection:
            _migrate(connection)
    else:
        _migrate(connection)


def _render_item(kind, obj, autogen_context):
    """Write our exact-decimal type into migration scripts as itself, not as its Numeric impl."""
    if kind == "type" and isinstance(obj, FixedDecimal):
        autogen_context.imports.add("from clustermanager.models.types import FixedDecimal")
        return f"FixedDecimal({obj.precision}, {obj.scale})"
    return False


def _migrate(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds the table
        compare_type=True,
        render_item=_render_item,
        include_name=models_only,  # the search tables are the triggers' (models/search.py)
    )
    with context.begin_transaction():
        context.run_migrations()


run()
