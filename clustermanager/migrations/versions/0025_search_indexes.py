"""member search: the name key in the search text's index, and indexes for a filter sorted by a column it shapes

Revision ID: 0025_search_indexes
Revises: 0024_search_text_scan
Create Date: 2026-12-02

SQLite: a short word found in fewer than a few thousand members is looked for on every member first,
then its matches are sorted (services/register_query.py, `FEW`). In name order (the register's own)
the index of 0024 gave the members but not their names: each match was looked up in the wide table to
sort it (8,000 matches: 25-35 ms). With the name key in the index, the page is found, sorted and cut
in the index alone (13 ms).

Both backends: a kind shapes the size (government and knowledge institutions have none) and both
shape the fee category, so small members sorted by fee category are not spread along that order but
bunched in a few categories: walking the fee index read 60,000 rows, finding the 26,000 small members
and sorting them 50-90 ms. An index on the filter's column, then the sort's, gives such a page as one
range read.
"""
from alembic import op

revision = '0025_search_indexes'
down_revision = '0024_search_text_scan'
branch_labels = None
depends_on = None

TEXT_INDEX = "ix_member_search_text"
# (filter column, sort column): the pairs where one shapes the other.
PAIRS = (("kind", "size_key"), ("kind", "fee_key"), ("size_key", "kind"), ("size_key", "fee_key"))


def pair_index(filter_column: str, sort_column: str) -> str:
    return f"ix_member_search_{filter_column}_{sort_column}"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP INDEX IF EXISTS {TEXT_INDEX}")
        op.execute(f"CREATE INDEX {TEXT_INDEX} ON member_search (text, joined_on, left_on, kind, size_key, name_key)")
    for filter_column, sort_column in PAIRS:
        op.execute(f"CREATE INDEX {pair_index(filter_column, sort_column)} ON member_search "
                   f"({filter_column}, {sort_column}, name_key, member_id)")


def downgrade() -> None:
    for filter_column, sort_column in PAIRS:
        op.execute(f"DROP INDEX IF EXISTS {pair_index(filter_column, sort_column)}")
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP INDEX IF EXISTS {TEXT_INDEX}")
        op.execute(f"CREATE INDEX {TEXT_INDEX} ON member_search (text, joined_on, left_on, kind, size_key)")
