"""member search on PostgreSQL: a trigram index (pg_trgm, GIN) for the register's search words

Revision ID: 0022_search_trigram
Revises: 0021_search_bulk_writes
Create Date: 2026-12-02

The register looks for each search word with `text LIKE '%word%'` over `member_search.text` (0020). On
SQLite an FTS5 trigram index answers that; on PostgreSQL it was a scan of every member's row. pg_trgm's
GIN operator class makes the same LIKE an index lookup for words of three characters or more (shorter
words give no trigram: the planner scans, as before), with the same rows: the index only narrows the
candidates, PostgreSQL checks each with the LIKE itself. No query changes.

pg_trgm is a trusted extension (PostgreSQL 13 and later): a database owner may create it. A shared
server may refuse: then this migration still succeeds, logs why once, and the register searches
without the index; `clustermanager check` says so, and once an administrator has created the extension
the next opening of the database builds the index (`migrations.upgrade`, docs/data-safety.md).
SQLite: nothing to do.
"""
from alembic import op

from clustermanager.models.search import TRIGRAM_INDEX, add_trigram_index

revision = '0022_search_trigram'
down_revision = '0021_search_bulk_writes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        add_trigram_index(bind, create_extension=True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":  # the extension stays: other schemas may use it
        op.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
