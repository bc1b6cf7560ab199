"""The register's search table: derived from the members and their contacts, written only by the
database's triggers (migration 0020_member_search), so it is no model of its own.

`member_search`: per member a never-NULL sort key for each column of the register (each with an index
that ends in the name key and the id, so every order is an index scan), the filter columns, the contact
names as the register shows them and the lower-case search text. `member_search_fts` (SQLite only): an
FTS5 trigram index over that text; on PostgreSQL a GIN index with pg_trgm's operator class over the
text column, when the server allows the extension (`add_trigram_index`). Neither is user data: not in
`Base.metadata`, so the history, the exchange workbook and the schema comparison leave them out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Column, Connection, Date, Integer, MetaData, Table, Text, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

DERIVED = MetaData()

member_search = Table(
    "member_search", DERIVED,
    Column("member_id", Integer, primary_key=True),
    *(Column(name, Text, nullable=False) for name in (
        "name_key", "kind", "size_key", "enterprise_key", "vat_key", "postcode_key", "municipality_key",
        "province_key", "country_key", "fee_key")),
    Column("joined_on", Date, nullable=False),
    Column("left_on", Date),
    Column("left_key", Date, nullable=False),
    Column("contacts", Text, nullable=False),
    Column("contacts_key", Text, nullable=False),
    Column("text", Text, nullable=False),
)

# The register's column keys (ui/members/table_model.COLUMNS) and the key each sorts by.
SORT_KEYS = {
    "name": "name_key", "kind": "kind", "size_class": "size_key", "enterprise_number": "enterprise_key",
    "vat_number": "vat_key", "postcode": "postcode_key", "municipality": "municipality_key",
    "province": "province_key", "country": "country_key", "fee_category": "fee_key", "joined_on": "joined_on",
    "left_on": "left_key", "contact_names": "contacts_key",
}


def is_derived_table(name: str | None) -> bool:
    """The search table, its bulk-write bookkeeping (member_search_defer, _stale, _stale_contact) and
    FTS5's own shadow tables (member_search_fts_data, ..._idx, ...)."""
    return bool(name) and name.startswith("member_search")


_DEPTH = "member_search_deferred"


@contextmanager
def deferred_index(session: Session) -> Iterator[None]:
    """Write many members and contacts, then bring their search rows up to date in one go.

    While the block runs the database's triggers only note which members and contacts changed
    (migration 0021_search_bulk_writes); at its end the session is flushed and the noted members'
    search rows are refilled set-based. Nested blocks are one. If the block fails and the session can
    no longer write, nothing is refilled: the rollback the caller must do takes the deferral back too.
    """
    if session.info.get(_DEPTH):
        session.info[_DEPTH] += 1
        try:
            yield
        finally:
            session.info[_DEPTH] -= 1
        return
    session.flush()  # what is pending now was written before: the row-by-row triggers keep it
    session.connection().execute(text("INSERT INTO member_search_defer (flag) VALUES (1)"))
    session.info[_DEPTH] = 1
    failed = True
    try:
        yield
        session.flush()
        failed = False
    finally:
        session.info.pop(_DEPTH, None)
        try:
            session.connection().execute(text("DELETE FROM member_search_defer"))  # a trigger refills
        except SQLAlchemyError:
            if not failed:
                raise


def models_only(name, type_, _parent_names) -> bool:
    """An Alembic `include_name`: compare (or autogenerate) the models' tables, not the search tables."""
    return not (type_ == "table" and is_derived_table(name))


# --- PostgreSQL: the trigram index (migration 0022_search_trigram) -------------------------------------

TRIGRAM_INDEX = "ix_member_search_text_trgm"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrigramState:
    """PostgreSQL: is pg_trgm installed in this database (in which schema), is the index there?"""

    extension_schema: str | None
    indexed: bool


def trigram_state(connection: Connection) -> TrigramState:
    row = connection.execute(text(
        "SELECT (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'), EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() "
        "AND indexname = :index)"), {"index": TRIGRAM_INDEX}).one()
    return TrigramState(row[0], bool(row[1]))


def add_trigram_index(connection: Connection, *, create_extension: bool) -> bool:
    """Index `member_search.text` for LIKE '%word%' with pg_trgm's GIN operator class; True if it is there.

    `create_extension`: first `CREATE EXTENSION IF NOT EXISTS pg_trgm` (a trusted extension: a
    database owner may, a shared server's administrator may have forbidden it). Into `public` when we
    may write there, so one copy serves every schema of the database; else into our own schema. A
    refusal is no error: it is logged, and the register searches the same words without the index
    (LIKE over the column). The operator class is named with the extension's schema, and LIKE itself
    is built in, so the index serves a connection whatever its search_path.
    """
    try:
        with connection.begin_nested():  # a refusal must not abort the caller's transaction (a migration)
            state = trigram_state(connection)
            if state.indexed:
                return True
            if state.extension_schema is None and create_extension:
                public = connection.execute(text(
                    "SELECT has_schema_privilege(n.oid, 'CREATE') FROM pg_namespace n WHERE n.nspname = 'public'"
                )).scalar()
                connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm" + (" SCHEMA public" if public else ""))
                state = trigram_state(connection)
            if state.extension_schema is None:
                return False
            schema = connection.dialect.identifier_preparer.quote_identifier(state.extension_schema)
            connection.exec_driver_sql(
                f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON member_search USING gin (text {schema}.gin_trgm_ops)")
    except DBAPIError as exc:
        _log.warning("The member register searches without a trigram index: %s (docs/data-safety.md, "
                     "'A team shares a PostgreSQL database', says how an administrator enables pg_trgm)",
                     str(exc.orig).strip().splitlines()[0])
        return False
    return True
