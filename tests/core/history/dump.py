"""A full dump of the data tables, for "undo leaves the database as it was"."""

from __future__ import annotations

from clustermanager.db import Database
from clustermanager.models import Base

HISTORY_TABLES = {"change_action", "change_record"}
# Versions only go up (an undone edit gets a new one, so a form open elsewhere sees it moved on), and
# updated_at with it: both are left out; everything else, ids and created_at included, must be equal.
MOVING = {"version", "updated_at"}


def dump(db: Database) -> dict[str, list[tuple]]:
    out = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in HISTORY_TABLES:
                continue
            columns = [c for c in table.columns if c.name not in MOVING]
            rows = conn.execute(table.select().with_only_columns(*columns).order_by(table.c.id)).all()
            out[table.name] = [tuple(r) for r in rows]
    return out
