"""The register's search table: derived from the members and their contacts, written only by the
database's triggers (migration 0020_member_search), so it is no model of its own.

`member_search`: per member a never-NULL sort key for each column of the register (each with an index
that ends in the name key and the id, so every order is an index scan), the filter columns, the contact
names as the register shows them and the lower-case search text. `member_search_fts` (SQLite only): an
FTS5 trigram index over that text. Neither is user data: not in `Base.metadata`, so the history, the
exchange workbook and the schema comparison leave them out.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, MetaData, Table, Text

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
    """The search table and FTS5's own shadow tables (member_search_fts_data, ..._idx, ...)."""
    return bool(name) and (name == "member_search" or name.startswith("member_search_fts"))


def models_only(name, type_, _parent_names) -> bool:
    """An Alembic `include_name`: compare (or autogenerate) the models' tables, not the search tables."""
    return not (type_ == "table" and is_derived_table(name))
