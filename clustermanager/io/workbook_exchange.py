"""The exchange workbook's format, and its export: one sheet per table, rows identified by their id.

The format is documented in docs/workbook-format.md. Columns are described once, in SHEETS; their types
come from the models, so a new model column only needs its name added here. Reading a workbook back
(preview, then import in one transaction) is `services.workbook_import`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Boolean, Date, Integer, String, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session

from clustermanager.errors import ValidationError
from clustermanager.i18n import N_, _
from clustermanager.io.excel_safety import add_sheet, discard_workbook, save_workbook
from clustermanager.io.mapping import as_text, to_bool, to_date, to_decimal
from clustermanager.io.workbook_versions import VERSION_COLUMN
from clustermanager.models import (
    Activity,
    Contact,
    FeeCall,
    Member,
    Participation,
    Payment,
    Project,
    ProjectPartner,
    ProjectStatusChange,
)
from clustermanager.models.types import FixedDecimal
from clustermanager.progress import OnProgress

FORMAT_VERSION = 1
ABOUT_SHEET = "about"


@dataclass(frozen=True)
class SheetSpec:
    name: str
    model: type
    columns: tuple[str, ...]  # model attributes after `id`, in sheet order
    description: str  # N_()
    member_column: str | None = None  # adds a read-only member name beside this id column
    where: Callable | None = None  # which rows are exported


SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec("members", Member, (
        "name", "kind", "size_class", "enterprise_number", "vat_number", "nace_code", "nace_version", "street",
        "postcode", "municipality", "province", "country", "website", "email", "fee_category", "joined_on",
        "left_on", "notes"), N_("Member organisations.")),
    SheetSpec("contacts", Contact, (
        "member_id", "first_name", "last_name", "email", "phone", "role", "is_main", "consent", "consent_on"),
        N_("People at member organisations (erased contacts are left out)."),
        member_column="member_id", where=lambda: Contact.erased_on.is_(None)),
    SheetSpec("fee_calls", FeeCall, (
        "member_id", "year", "category", "number", "amount", "vat_rate", "vat_amount", "issued_on", "due_on",
        "structured_communication", "status", "credited_amount", "reminded_on", "note"),
        N_("Membership fee calls (invoices); amounts exclude VAT, vat_rate is a percentage."),
        member_column="member_id"),
    SheetSpec("payments", Payment, (
        "fee_call_id", "paid_on", "amount", "source", "counterparty_name", "counterparty_iban", "communication",
        "structured_communication", "bank_reference", "note", "bank_account", "member_id", "part_of_id",
        "refunded_on"),
        N_("Money received; fee_call_id empty if unmatched; member_id set on a member's credit."),
        member_column="member_id"),
    SheetSpec("activities", Activity, (
        "kind", "title", "starts_on", "ends_on", "start_time", "location", "online", "international", "organiser",
        "description", "tags"), N_("Activities the cluster organises.")),
    SheetSpec("participants", Participation, (
        "activity_id", "contact_id", "member_id", "name", "organisation", "email", "registered", "attended"),
        N_("Who took part in which activity."), member_column="member_id"),
    SheetSpec("projects", Project, (
        "kind", "title", "status", "starts_on", "ends_on", "budget", "funding_source", "description", "results"),
        N_("Collaboration projects.")),
    SheetSpec("partners", ProjectPartner, ("project_id", "member_id", "role", "budget_share", "in_kind_hours"),
              N_("The members taking part in each project."), member_column="member_id"),
    SheetSpec("project_status", ProjectStatusChange, ("project_id", "status", "changed_on", "note"),
              N_("Each project's dated status changes; the latest is the project's status.")),
)
SHEET_BY_NAME = {s.name: s for s in SHEETS}
INFO_SUFFIX = " (info)"


@dataclass(frozen=True)
class ExportSummary:
    path: str
    rows: dict[str, int]


# ---------------------------------------------------------------------------------------------
# Column types, from the model


def column_of(spec: SheetSpec, name: str):
    return spec.model.__table__.c[name]


def kind_of(column) -> str:
    t = column.type
    if isinstance(t, FixedDecimal):
        return "decimal"
    if isinstance(t, SAEnum) and t.enum_class is not None:
        return "enum"
    if isinstance(t, Boolean):
        return "bool"
    if isinstance(t, Date):
        return "date"
    if isinstance(t, Integer):
        return "int"
    if isinstance(t, String):
        return "text"
    raise AssertionError(f"no exchange type for {column}")


def describe_column(spec: SheetSpec, name: str) -> str:
    column = column_of(spec, name)
    kind = kind_of(column)
    text = {"bool": _("TRUE/FALSE"), "date": _("date"), "int": _("whole number"), "text": _("text")}.get(kind, "")
    if kind == "decimal":
        text = _("number ({scale} decimals)").format(scale=column.type.scale)
    if kind == "enum":
        text = _("one of: {values}").format(values=", ".join(m.value for m in column.type.enum_class))
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column.table.name
        text = _("id of a row of {table}").format(table=target)
    required = not column.nullable and column.default is None and name != "id"
    return text + (_(", required") if required else "")


def to_cell(value):
    if isinstance(value, enum.Enum):
        return value.value
    return value


def from_cell(spec: SheetSpec, name: str, value):
    """A cell as the column's Python value; ValidationError names the column."""
    column = column_of(spec, name)
    kind = kind_of(column)
    if isinstance(value, str) and not value.strip():
        value = None
    if value is None:
        return "" if kind == "text" and not column.nullable and column.default is not None else None
    if kind == "decimal":
        amount = to_decimal(value, name, allow_negative=True)
        return amount.quantize(Decimal(1).scaleb(-column.type.scale))
    if kind == "date":
        return to_date(value, name)
    if kind == "bool":
        return to_bool(value, name)
    if kind == "int":
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        try:
            return int(str(value).strip()) if not isinstance(value, int) else value
        except ValueError:
            raise ValidationError(name, value, _("is not a whole number")) from None
    if kind == "enum":
        try:
            return column.type.enum_class(str(value).strip().lower())
        except ValueError:
            allowed = ", ".join(m.value for m in column.type.enum_class)
            raise ValidationError(name, value, _("must be one of: {allowed}").format(allowed=allowed)) from None
    text = value if isinstance(value, str) else as_text(value)
    length = getattr(column.type, "length", None)
    if length and len(text) > length:
        raise ValidationError(name, text[:40], _("is longer than {n} characters").format(n=length))
    return text


# ---------------------------------------------------------------------------------------------
# Export


def export_workbook(session: Session, path: str | Path, *, progress: OnProgress | None = None) -> ExportSummary:
    """Every sheet of SHEETS plus an `about` sheet describing them; written atomically."""
    wb = Workbook(write_only=True)
    counts: dict[str, int] = {}
    names = dict(session.execute(select(Member.id, Member.name)).all())
    try:
        _about_sheet(wb)
        for i, spec in enumerate(SHEETS):
            if progress:
                progress(5 + 85 * i // len(SHEETS), _("Writing {sheet}").format(sheet=spec.name))
            headers, rows = _sheet_rows(session, spec, names)
            counts[spec.name] = len(rows)
            add_sheet(wb, spec.name, headers, rows, widths=[8] + [18] * (len(headers) - 1))
    except BaseException:  # cancelled or failed: nothing is written
        discard_workbook(wb)
        raise
    save_workbook(wb, path)
    if progress:
        progress(100, _("Done"))
    return ExportSummary(str(path), counts)


def _sheet_rows(session: Session, spec: SheetSpec, names: dict[int, str]) -> tuple[list[str], list[list]]:
    headers = ["id", *spec.columns]
    query = select(spec.model.__table__.c.id, *[column_of(spec, c) for c in spec.columns]).order_by(
        spec.model.__table__.c.id)
    if spec.where is not None:
        query = query.where(spec.where())
    query = query.add_columns(spec.model.__table__.c.version)
    headers.append(VERSION_COLUMN)
    rows = [[to_cell(v) for v in row] for row in session.execute(query)]
    if spec.member_column:
        at = headers.index(spec.member_column)
        headers.insert(at + 1, "member" + INFO_SUFFIX)
        for row in rows:
            row.insert(at + 1, names.get(row[at]))
    return headers, rows


def _about_sheet(wb: Workbook) -> None:
    rows: list[list] = [
        [_("ClusterManager exchange workbook, format {v}").format(v=FORMAT_VERSION), ""],
        [_("Edit the sheets and import the workbook again: rows are matched by their id; a row without an id "
           "is new; rows you delete are left alone in the application; columns ending in (info) are ignored."),
         ""],
        [_("exported"), dt.date.today()],
        ["", ""],
    ]
    for spec in SHEETS:
        rows.append([spec.name, _(spec.description)])
        rows.append(["  id", _("the row's identifier; leave empty for a new row")])
        rows.extend([f"  {c}", describe_column(spec, c)] for c in spec.columns)
        rows.append([f"  {VERSION_COLUMN}", _("the row's version at the export; leave it as it is (a row changed "
                                              "in the application since then is shown as a conflict)")])
    add_sheet(wb, ABOUT_SHEET, [_("sheet / column"), _("meaning")], rows, widths=[28, 100])


def id_from_cell(value) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    if not text.isdigit():
        raise ValidationError("id", value, _("is not a whole number"))
    return int(text)
