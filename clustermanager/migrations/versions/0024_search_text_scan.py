"""member search on SQLite: a covering index over the search text and the counts' columns

Revision ID: 0024_search_text_scan
Revises: 0023_history_partial_indexes
Create Date: 2026-12-02

A search word of one or two letters (no trigram for FTS5), or one the trigram index finds in thousands
of members, is checked with `text LIKE '%word%'` on every member (services/register_query.py,
`indexed_words`). Reading `text` from `member_search` meant reading every page of its wide rows
(30-40 ms on 100,000 members); this index holds only the text and what the status bar counts
(joined_on, left_on, kind, size_key), a third of the pages: the count and the counts of a short word
read it alone (13-20 ms). PostgreSQL: nothing (pg_trgm, 0022, serves its searches).
"""
from alembic import op

revision = '0024_search_text_scan'
down_revision = '0023_history_partial_indexes'
branch_labels = None
depends_on = None

INDEX = "ix_member_search_text"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"CREATE INDEX {INDEX} ON member_search (text, joined_on, left_on, kind, size_key)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP INDEX IF EXISTS {INDEX}")
