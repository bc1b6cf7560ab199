"""What an import says about each row of a sheet: new, update (with the fields that change), unchanged,
error (the problems, with the column in the sheet) or, for the exchange workbook, conflict. Shared by
the member import and the exchange workbook's import (`services.member_import`, `services.workbook_import`)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class RowStatus(enum.StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"
    CONFLICT = "conflict"  # exchange workbook: changed in the database since the export (old = database's)


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class RowProblem:
    field: str
    column: str | None  # the column letter in the sheet
    header: str | None
    value: object
    message: str

    def __str__(self) -> str:
        where = f"{self.column} ({self.header})" if self.column else self.field
        shown = f" {self.value!r}" if self.value not in (None, "") else ""
        return f"{where}:{shown} {self.message}" if where else self.message


@dataclass(frozen=True)
class RowOutcome:
    row: int  # the row number in the sheet
    status: RowStatus
    name: str | None
    member_id: int | None = None
    changes: tuple[FieldChange, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    workbook_version: int | None = None  # exchange workbook only: the row's version in the file
    database_version: int | None = None  # ... and in the database, when they differ (a conflict)

    @property
    def reason(self) -> str:
        return "; ".join(str(p) for p in self.problems)
