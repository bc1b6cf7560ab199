"""Import a target sheet in the agency's layout: one row per indicator, one column per year.

The header row names the columns: the indicator (its key, its label in English, Dutch or French, or a
custom indicator's name), one column per year (`2024`), optionally a column for the whole funding
period (`period`, `total`, `funding period`, `periode`, `période`) and a `source` column (support
agreement, clusterpact, action plan). An empty cell sets nothing. Every row is checked before anything
is written: one bad row (an unknown indicator, a value that is not a number) stops the import with its
row and column named, and nothing changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from clustermanager.errors import FileFormatError, NotFoundError, ValidationError
from clustermanager.i18n import _, translator
from clustermanager.io.sheets import HEADER_SCAN_ROWS, SheetTable, is_empty, read_table
from clustermanager.models import TargetSource
from clustermanager.reports.indicators.catalogue import BUILTIN
from clustermanager.reports.indicators.store import (
    check_year,
    custom_indicators,
    known_kind,
    parse_value,
    set_target,
    source_of,
)

PERIOD_HEADERS = {"period", "total", "funding period", "periode", "période", "financieringsperiode",
                  "période de financement", "whole period"}
SOURCE_HEADERS = {"source", "bron"}
YEAR = re.compile(r"^\s*(\d{4})(?:\.0)?\s*$")


@dataclass(frozen=True)
class PlannedTarget:
    row: int
    key: str
    year: int | None
    value: object
    source: TargetSource


@dataclass(frozen=True)
class TargetImport:
    path: str
    rows: int  # indicator rows read
    targets: int  # targets written (or, with dry_run, that would be)


def _names(session: Session) -> dict[str, str]:
    """Lower-cased key, label (en, nl, fr) or custom name -> key."""
    out: dict[str, str] = {}
    for ind in BUILTIN:
        out[ind.key] = ind.key
        for lang in ("en", "nl", "fr"):
            out.setdefault(translator(lang)(ind.label).strip().lower(), ind.key)
    for row in custom_indicators(session):
        out[row.key] = row.key
        out.setdefault(row.name.strip().lower(), row.key)
    return out


def _layout(table: SheetTable) -> tuple[dict[int, int | None], int | None] | None:
    """Column index -> year (None: the whole period), and the source column; None without a year column."""
    columns: dict[int, int | None] = {}
    source = None
    for i, header in enumerate(table.headers):
        text = header.strip().lower()
        match = YEAR.match(text)
        if i > 0 and match:
            columns[i] = int(match[1])
        elif i > 0 and text in PERIOD_HEADERS:
            columns[i] = None
        elif i > 0 and text in SOURCE_HEADERS:
            source = i
    return (columns, source) if any(y is not None for y in columns.values()) else None


def read_target_sheet(path: str | Path, sheet: str | None = None) -> tuple[SheetTable, dict, int | None]:
    table = read_table(path, sheet)
    layout = _layout(table)
    row = 1
    while layout is None and row <= HEADER_SCAN_ROWS:
        try:
            table = read_table(path, sheet, header_row=row)
            layout = _layout(table)
        except FileFormatError:
            pass
        row += 1
    if layout is None:
        raise FileFormatError(_("No column for a year (such as 2025) in the header row: the agency's layout has "
                                "one row per indicator and one column per year."), path=str(path))
    return table, *layout


def plan_targets(session: Session, path: str | Path, sheet: str | None = None) -> list[PlannedTarget]:
    table, columns, source_col = read_target_sheet(path, sheet)
    names = _names(session)
    planned: list[PlannedTarget] = []

    def refuse(row: int, col: int, message: str):
        return FileFormatError(message, path=str(path), sheet=table.sheet, row=row,
                               column=f"{table.column_letter(col)} ({table.headers[col]})")

    for line in table.rows:
        name = line.values[0]
        if is_empty(name):
            if any(not is_empty(line.values[c]) for c in columns):
                raise refuse(line.number, 0, _("a target without an indicator name"))
            continue
        key = names.get(str(name).strip().lower())
        if key is None:
            raise refuse(line.number, 0, _("unknown indicator {name!r}: use a key from `indicators list`").format(
                name=str(name)))
        try:
            src = source_of(line.values[source_col]) if source_col is not None else TargetSource.SUPPORT_AGREEMENT
        except ValidationError as exc:
            raise refuse(line.number, source_col, exc.problems[0].message) from None
        kind = known_kind(session, key)
        for col, year in columns.items():
            value = line.values[col]
            if is_empty(value):
                continue
            try:
                parse_value(value, "value", kind)
                if year is not None:
                    check_year(year)
            except (ValidationError, NotFoundError) as exc:
                message = exc.problems[0].message if isinstance(exc, ValidationError) else str(exc)
                raise refuse(line.number, col, f"{message} ({value!r})") from None
            planned.append(PlannedTarget(line.number, key, year, value, src))
    return planned


def import_targets(session: Session, path: str | Path, *, sheet: str | None = None,
                   dry_run: bool = False) -> TargetImport:
    """Plan every row first; write only when all are valid (in the caller's transaction)."""
    planned = plan_targets(session, path, sheet)
    if not dry_run:
        for p in planned:
            set_target(session, p.key, p.year, p.value, p.source)
    return TargetImport(str(path), len({p.row for p in planned}), len(planned))
