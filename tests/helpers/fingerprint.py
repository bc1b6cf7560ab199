"""Test helper: a digest of every row of every table, to prove that bad input or a crash changed nothing."""

from __future__ import annotations

import hashlib

from clustermanager.db import Database
from clustermanager.models import Base


def fingerprint(db: Database) -> dict[str, str]:
    """{table: sha256 of its rows in id order} (row counts included, so an empty table differs from none)."""
    out = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            digest = hashlib.sha256()
            rows = conn.exec_driver_sql(f'SELECT * FROM "{table.name}" ORDER BY id').fetchall()
            for row in rows:
                digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
            out[table.name] = f"{len(rows)}:{digest.hexdigest()[:16]}"
    return out


def quick_fingerprint(db: Database) -> tuple:
    """One query: per table its count, highest id, sum of versions and latest update.

    Every ORM insert, update or delete moves one of these (each UPDATE bumps `version` and
    `updated_at`), so it detects what a service could have changed, at a fraction of the cost.
    """
    parts = [f'SELECT \'{t.name}\', count(*), max(id), sum(version), max(updated_at) FROM "{t.name}"'
             for t in Base.metadata.sorted_tables]
    with db.engine.connect() as conn:
        return tuple(tuple(r) for r in conn.exec_driver_sql(" UNION ALL ".join(parts)).fetchall())
