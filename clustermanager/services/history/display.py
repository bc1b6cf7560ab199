"""What a stored history value says to people: an enum's code ("small") as its label ("Small").

The history keeps values as they were stored (codes, ids), and `--json` gives them so; the window and
the command line's text show an enum-typed column's value by its translated label, found from the
column's type in the models, so a new enum column is covered without registering it.
"""

from __future__ import annotations

import enum

from sqlalchemy import Enum as SAEnum

from clustermanager.i18n import _
from clustermanager.models.base import Base


def enum_of(table: str, field: str) -> type[enum.Enum] | None:
    """The Python enum stored in `table.field`, or None for any other column (or an unknown one)."""
    columns = Base.metadata.tables.get(table)
    column = columns.c.get(field) if columns is not None else None
    if column is None or not isinstance(column.type, SAEnum):
        return None
    return column.type.enum_class


def shown_value(table: str, field: str, value):
    """`value` as people read it: an enum code as its label in the current language; else unchanged."""
    kind = enum_of(table, field) if isinstance(value, str) and value else None
    if kind is None:
        return value
    try:
        member = kind(value)
    except ValueError:  # a code from an older version of the app: shown as stored
        return value
    label = getattr(member, "label", None)
    return _(label) if isinstance(label, str) else value
