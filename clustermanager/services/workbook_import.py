"""Reading the exchange workbook back: a preview like a member import (each row new, update with its
changes, unchanged or error), then every valid row applied in the caller's one transaction.

Rows are never deleted by an import: a row removed from the sheet is simply not touched. The format
(SHEETS, the column types) is `io.workbook_exchange`; a sheet's rows also pass the service's own
validation of a whole row where there is one (VALIDATORS).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clustermanager.errors import FileFormatError, ValidationError
from clustermanager.i18n import _
from clustermanager.io.sheets import SheetTable, read_sheets
from clustermanager.io.workbook_exchange import SHEETS, SheetSpec, column_of, from_cell, id_from_cell
from clustermanager.io.workbook_versions import (
    NO_CHOICE,
    VERSION_COLUMN,
    ConflictChoice,
    database_versions,
    workbook_version,
)
from clustermanager.models import Contact, Member
from clustermanager.models.search import deferred_index
from clustermanager.progress import OnProgress
from clustermanager.services.member_import import FieldChange, RowOutcome, RowProblem, RowStatus
from clustermanager.services.members import ContactInput, MemberInput, validate_contact, validate_member
from clustermanager.services.project_status import complete_histories

_CHUNK = 500


def _validate_member(values: dict) -> dict:
    names = [f.name for f in fields(MemberInput)]
    return validate_member(MemberInput(**{k: values.get(k) for k in names}))


def _validate_contact(values: dict) -> dict:
    names = [f.name for f in fields(ContactInput) if f.name != "extra"]
    clean = validate_contact(ContactInput(**{k: values.get(k) for k in names if values.get(k) is not None}))
    return {**values, **clean}


VALIDATORS: dict[str, Callable[[dict], dict]] = {"members": _validate_member, "contacts": _validate_contact}


@dataclass(frozen=True)
class SheetPreview:
    sheet: str
    rows: tuple[RowOutcome, ...]

    def count(self, status: RowStatus) -> int:
        return sum(1 for r in self.rows if r.status is status)


@dataclass(frozen=True)
class WorkbookPreview:
    path: str
    sheets: tuple[SheetPreview, ...]
    applied: bool = False
    unversioned: tuple[str, ...] = ()  # sheets without a version column (an older export): no conflict check

    @property
    def conflicts(self) -> list[tuple[str, RowOutcome]]:
        return [(s.sheet, r) for s in self.sheets for r in s.rows if r.status is RowStatus.CONFLICT]

    def count(self, status: RowStatus) -> int:
        return sum(s.count(status) for s in self.sheets)

    @property
    def counts(self) -> dict[str, int]:
        return {s.value: self.count(s) for s in RowStatus}

    @property
    def errors(self) -> list[tuple[str, RowOutcome]]:
        return [(s.sheet, r) for s in self.sheets for r in s.rows if r.status is RowStatus.ERROR]


@dataclass
class _RowPlan:
    outcome: RowOutcome
    row_id: int | None = None
    values: dict | None = None
    version: int | None = None  # the database's version when planned: an update checks it is still that


def preview_workbook_import(session: Session, path: str | Path, *, progress: OnProgress | None = None,
                            choice: ConflictChoice = NO_CHOICE) -> WorkbookPreview:
    """What importing the workbook would change; changes nothing."""
    plans = _plan(session, Path(path), progress, choice)
    return _preview(path, plans, applied=False)


def import_workbook(session: Session, path: str | Path, *, dry_run: bool = False,
                    progress: OnProgress | None = None, choice: ConflictChoice = NO_CHOICE) -> WorkbookPreview:
    """Apply every valid row; rows with errors are refused and conflicts not written unless `choice` takes
    the workbook's values for them (both counted in the result)."""
    plans = _plan(session, Path(path), progress, choice)
    if not dry_run:
        _apply(session, plans)
    return _preview(path, plans, applied=not dry_run)


def _preview(path, plans: dict[str, list[_RowPlan]], *, applied: bool) -> WorkbookPreview:
    unversioned = tuple(name for name, rows in plans.items() if getattr(rows, "unversioned", False))
    return WorkbookPreview(str(path), tuple(SheetPreview(name, tuple(p.outcome for p in rows))
                                            for name, rows in plans.items()), applied, unversioned)


class _SheetPlans(list):
    unversioned = False


def _plan(session: Session, path: Path, progress: OnProgress | None,
          choice: ConflictChoice = NO_CHOICE) -> dict[str, list[_RowPlan]]:
    tables = read_sheets(path, [s.name for s in SHEETS])
    if not tables:
        raise FileFormatError(_("This workbook has none of the sheets {names}; export one to see the format.")
                              .format(names=", ".join(s.name for s in SHEETS)), path=str(path))
    ids = {s.model.__table__.name: set(session.scalars(select(s.model.__table__.c.id))) for s in SHEETS}
    plans: dict[str, list[_RowPlan]] = {}
    for i, spec in enumerate(SHEETS):
        if spec.name not in tables:
            continue
        if progress:
            progress(5 + 60 * i // len(SHEETS), _("Checking {sheet}").format(sheet=spec.name))
        plans[spec.name] = _plan_sheet(session, spec, tables[spec.name], ids, choice)
    return plans


@dataclass
class _SheetState:
    """What checking one sheet needs across its rows."""

    spec: SheetSpec
    table: SheetTable
    positions: dict[str, int]
    existing: dict[int, dict]
    ids: dict[str, set[int]]
    unique: _Unique | None
    seen_ids: dict[int, int]
    versions: dict[int, int] | None  # the database's row versions; None when the sheet has no version column
    choice: ConflictChoice


def _plan_sheet(session: Session, spec: SheetSpec, table: SheetTable, ids: dict[str, set[int]],
                choice: ConflictChoice) -> list[_RowPlan]:
    positions = {h.strip(): i for i, h in enumerate(table.headers) if isinstance(h, str)}
    if "id" not in positions:
        raise FileFormatError(_("The sheet has no id column."), path=table.path, sheet=table.sheet, row=1)
    existing = _existing(session, spec)
    versions = database_versions(session, spec.model) if VERSION_COLUMN in positions else None
    state = _SheetState(spec, table, positions, existing, ids, _Unique(existing) if spec.model is Member else None,
                        {}, versions, choice)
    plans = _SheetPlans(_plan_row(state, row) for row in table.rows)
    plans.unversioned = versions is None
    return plans


def _plan_row(state: _SheetState, row) -> _RowPlan:
    spec, positions = state.spec, state.positions
    problems: list[RowProblem] = []

    def problem(name, value, message):
        index = positions.get(name)
        letter = state.table.column_letter(index) if index is not None else None
        problems.append(RowProblem(name, letter, name if letter else None, value, message))

    row_id = _row_id(state, row, problem)
    version = None
    if state.versions is not None and row_id is not None:
        try:
            version = workbook_version(row.values[positions[VERSION_COLUMN]])
        except ValidationError as exc:
            problem(VERSION_COLUMN, exc.problems[0].value, exc.problems[0].message)
    parsed = {}
    for name in (c for c in spec.columns if c in positions):
        try:
            parsed[name] = from_cell(spec, name, row.values[positions[name]])
        except ValidationError as exc:
            for p in exc.problems:
                problem(name, p.value, p.message)
    old = state.existing.get(row_id) if row_id is not None else None
    values = {**(old or {}), **parsed}
    if not problems:
        _check_references(spec, values, state.ids, problem)
        _check_required(spec, values, problem)
    validate = VALIDATORS.get(spec.name)
    if not problems and validate is not None:
        try:
            values = {**values, **validate(values)}
        except ValidationError as exc:
            for p in exc.problems:
                problem(p.field, p.value, p.message)
    if not problems and state.unique is not None:
        clash = state.unique.check(values, row_id, row.number)
        if clash:
            problem(*clash)
    label = _label(spec, values)
    if problems:
        return _RowPlan(RowOutcome(row.number, RowStatus.ERROR, label, row_id, problems=tuple(problems)))
    values = {k: values.get(k) for k in spec.columns}
    _fill_defaults(spec, values, old)
    if old is None:
        return _RowPlan(RowOutcome(row.number, RowStatus.NEW, label), None, values)
    changes = tuple(FieldChange(k, old.get(k), values[k]) for k in spec.columns if old.get(k) != values[k])
    status = RowStatus.UPDATE if changes else RowStatus.UNCHANGED
    in_db = state.versions.get(row_id) if state.versions is not None else None
    if changes and version is not None and in_db != version:  # a colleague changed the row since the export
        taken = state.choice.takes_workbook(spec.name, row_id, in_db)
        return _RowPlan(RowOutcome(row.number, RowStatus.UPDATE if taken else RowStatus.CONFLICT, label, row_id,
                                   changes, workbook_version=version, database_version=in_db), row_id, values, in_db)
    return _RowPlan(RowOutcome(row.number, status, label, row_id, changes, workbook_version=version), row_id, values,
                    in_db)


def _row_id(state: _SheetState, row, problem) -> int | None:
    """The row's id: empty for a new row, else an id that exists and is on no earlier row."""
    raw = row.values[state.positions["id"]]
    if raw in (None, ""):
        return None
    try:
        row_id = id_from_cell(raw)
    except ValidationError:
        problem("id", raw, _("is not an id (a whole number); leave it empty for a new row"))
        return None
    if row_id not in state.existing:
        problem("id", row_id, _("does not exist in the database; leave it empty for a new row"))
    elif row_id in state.seen_ids:
        problem("id", row_id, _("is also on row {row}").format(row=state.seen_ids[row_id]))
    else:
        state.seen_ids[row_id] = row.number
    return row_id


def _fill_defaults(spec: SheetSpec, values: dict, old: dict | None) -> None:
    """An empty cell in a column that cannot be empty keeps the old value, or takes the default."""
    for name in spec.columns:
        column = column_of(spec, name)
        if values[name] is None and not column.nullable and column.default is not None:
            default = column.default.arg if column.default.is_scalar else None
            values[name] = old.get(name) if old else default


def _existing(session: Session, spec: SheetSpec) -> dict[int, dict]:
    table = spec.model.__table__
    query = select(table.c.id, *[table.c[c] for c in spec.columns])
    return {row[0]: dict(zip(spec.columns, row[1:], strict=True)) for row in session.execute(query)}


def _check_references(spec: SheetSpec, values: dict, ids: dict[str, set[int]], problem) -> None:
    for name in spec.columns:
        column = column_of(spec, name)
        value = values.get(name)
        if value is None or not column.foreign_keys:
            continue
        target = next(iter(column.foreign_keys)).column.table.name
        if value not in ids[target]:
            problem(name, value, _("refers to {table} {id}, which does not exist").format(table=target, id=value))


def _check_required(spec: SheetSpec, values: dict, problem) -> None:
    for name in spec.columns:
        column = column_of(spec, name)
        if values.get(name) is None and not column.nullable and column.default is None:
            problem(name, None, _("is required"))


def _label(spec: SheetSpec, values: dict) -> str | None:
    if spec.model is Contact:
        return f"{values.get('first_name') or ''} {values.get('last_name') or ''}".strip() or None
    for key in ("name", "title", "number", "counterparty_name"):
        if values.get(key):
            return str(values[key])
    return None


class _Unique:
    """Enterprise number, VAT number and name are unique among members (in the file and the database)."""

    def __init__(self, existing: dict[int, dict]):
        self.owners: dict[tuple[str, str], int | str] = {}
        for member_id, values in existing.items():
            for key in self._keys(values):
                self.owners[key] = member_id

    @staticmethod
    def _keys(values: dict):
        for name in ("enterprise_number", "vat_number"):
            if values.get(name):
                yield name, values[name]
        if values.get("name"):
            yield "name", values["name"].casefold()

    def check(self, values: dict, member_id: int | None, row: int):
        for key in self._keys(values):
            owner = self.owners.get(key)
            if owner is not None and owner != member_id:
                where = _("row {row}").format(row=owner[1:]) if isinstance(owner, str) else _(
                    "member {id}").format(id=owner)
                return key[0], values[key[0]], _("already belongs to {where}").format(where=where)
        for key in self._keys(values):  # this row claims them now, so a later row is told
            self.owners[key] = member_id if member_id is not None else f"r{row}"
        return None


def _apply(session: Session, plans: dict[str, list[_RowPlan]]) -> None:
    """Inserts in one multi-row statement per sheet; updates through the ORM (with version checks)."""
    try:
        with deferred_index(session):  # the search index refilled once, after every sheet
            for spec in SHEETS:
                rows = plans.get(spec.name, [])
                new = [p.values for p in rows if p.outcome.status is RowStatus.NEW]
                if new:
                    session.execute(insert(spec.model), new)
                changed = {p.row_id: p for p in rows if p.outcome.status is RowStatus.UPDATE}
                ids = sorted(changed)
                for start in range(0, len(ids), _CHUNK):
                    for obj in session.scalars(select(spec.model).where(spec.model.id.in_(ids[start:start + _CHUNK]))):
                        if changed[obj.id].version not in (None, obj.version):
                            raise FileFormatError(_("{sheet} {id} was changed by someone else during the import; "
                                                    "nothing was imported. Preview the workbook again.").format(
                                sheet=spec.name, id=obj.id))
                        for change in changed[obj.id].outcome.changes:
                            setattr(obj, change.field, change.new)
                session.flush()
            complete_histories(session)
    except IntegrityError as exc:
        raise FileFormatError(_("The database refused the changes ({error}); nothing was imported.").format(
            error=str(exc.orig).split("\n")[0])) from exc
