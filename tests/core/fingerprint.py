"""Test helper: a digest of every row of every table, to prove that bad input or a crash changed nothing."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from clustermanager.db import Database
from clustermanager.models import Base


def fingerprint(db: Database) -> dict[str, str]:
    """{table: sha256 of its rows in id order} (row counts included, so an empty table differs from none)."""
    out = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            digest = hashlib.sha256()
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            for row in rows:
                digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
            out[table.name] = f"{len(rows)}:{digest.hexdigest()[:16]}"
    return out
