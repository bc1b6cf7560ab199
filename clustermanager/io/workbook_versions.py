"""Row versions in the exchange workbook: a row changed in the database since the export is a conflict.

Every table has a `version` column that SQLAlchemy raises on each UPDATE. The export writes it as the
last column of each sheet; on import a row whose version differs from the database's would overwrite
a colleague's change, so it is a CONFLICT (with both values of each differing field) and is written
only when the user takes the workbook's values for it (`Resolutions`). Workbooks exported before the
column existed are still read, but their conflicts cannot be detected (the preview says which sheets).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager.errors import ValidationError
from clustermanager.i18n import _

VERSION_COLUMN = "version"

# (sheet, row id) -> the database version the user saw when choosing the workbook's values, or None
# for "whatever the database holds now" (the command line's --take-workbook SHEET:ID).
Resolutions = Mapping[tuple[str, int], int | None]
TAKE_ALL = "all"


@dataclass(frozen=True)
class ConflictChoice:
    """Which conflicts are resolved by taking the workbook's values; the rest are not written."""

    rows: Resolutions | None = None
    take_all: bool = False

    def takes_workbook(self, sheet: str, row_id: int, database_version: int) -> bool:
        if self.take_all:
            return True
        if not self.rows or (sheet, row_id) not in self.rows:
            return False
        seen = self.rows[(sheet, row_id)]
        return seen is None or seen == database_version  # changed again since the user decided: ask again


NO_CHOICE = ConflictChoice()


def database_versions(session: Session, model) -> dict[int, int]:
    table = model.__table__
    return dict(session.execute(select(table.c.id, table.c.version)).all())


def workbook_version(raw) -> int | None:
    """The version cell of a row: empty (a new row, or an old workbook) or a whole number."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0:
        return raw
    text = str(raw).strip()
    if text.isascii() and text.isdigit() and int(text) > 0:
        return int(text)
    raise ValidationError(VERSION_COLUMN, raw, _("is not a row version (a whole number from the export); "
                                                 "leave it as it was exported"))


def parse_take_workbook(values: list[str] | None) -> ConflictChoice:
    """`--take-workbook SHEET:ID` (repeatable) or `--take-workbook all`."""
    rows: dict[tuple[str, int], int | None] = {}
    for value in values or []:
        if value.strip().lower() == TAKE_ALL:
            return ConflictChoice(take_all=True)
        sheet, sep, row_id = value.partition(":")
        if not sep or not row_id.strip().isdigit():
            raise ValidationError("--take-workbook", value, _("must be SHEET:ID (for example members:12) or all"))
        rows[(sheet.strip(), int(row_id))] = None
    return ConflictChoice(rows=rows)
