"""Import members (and contacts on the same rows) from a sheet: a preview first, then all valid rows
in one transaction.

Existing members are matched by enterprise number, then VAT number, then exact name (ignoring case).
Everything is looked up set-based (a few queries for the whole sheet), so 10,000 rows take seconds.
Each row gets a status: new, update (with the fields that change), unchanged, or error (the reason,
with the row and column in the sheet). Validation is `services.members.validate_member` and
`validate_contact`, the same as the forms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from clustermanager.bulk_work import no_cyclic_gc
from clustermanager.errors import FileFormatError, ValidationError
from clustermanager.i18n import _, ngettext
from clustermanager.io.mapping import FIELD_BY_KEY, Mapping, check_mapping, normalise_value
from clustermanager.io.sheets import SheetTable
from clustermanager.models import Contact, Member, MemberKind
from clustermanager.models.search import deferred_index
from clustermanager.progress import OnProgress, stop_if_cancelled
from clustermanager.services.history.actions import records_action
from clustermanager.services.import_rows import FieldChange, RowOutcome, RowProblem, RowStatus
from clustermanager.services.members import ContactInput, MemberInput, validate_contact, validate_member

MEMBER_FIELDS = tuple(f.name for f in fields(MemberInput))
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone", "role", "consent", "language")
_CHUNK = 500


@dataclass(frozen=True)
class ImportPreview:
    path: str
    sheet: str
    header_row: int
    headers: tuple[str, ...]
    mapping: Mapping
    rows: tuple[RowOutcome, ...]

    def count(self, status: RowStatus) -> int:
        return sum(1 for r in self.rows if r.status is status)

    @property
    def counts(self) -> dict[str, int]:
        return {s.value: self.count(s) for s in RowStatus if s is not RowStatus.CONFLICT}  # no versions here

    @property
    def errors(self) -> tuple[RowOutcome, ...]:
        return tuple(r for r in self.rows if r.status is RowStatus.ERROR)


@dataclass(frozen=True)
class ImportResult:
    preview: ImportPreview
    applied: bool
    created: int
    updated: int
    unchanged: int
    refused: int
    contacts_added: int
    contacts_updated: int


@dataclass(frozen=True)
class ImportDefaults:
    """Values for new members when the sheet has no column for them."""

    kind: MemberKind = MemberKind.COMPANY
    joined_on: dt.date | None = None  # None: today
    country: str = "BE"


@dataclass
class _Plan:
    """What one row will do; internal to one preview or import."""

    outcome: RowOutcome
    member_id: int | None = None
    member_values: dict | None = None
    member_key: str | None = None  # the in-file identity, for rows that add a contact to an earlier row
    contact: dict | None = None
    contact_id: int | None = None
    new_member: bool = False
    contact_changed: bool = False
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Entry points


def preview_member_import(session: Session, table: SheetTable, mapping: Mapping, *,
                          defaults: ImportDefaults | None = None, progress: OnProgress | None = None,
                          cancelled: Callable[[], bool] | None = None) -> ImportPreview:
    """What importing `table` with `mapping` would do; changes nothing."""
    return _preview(_plan(session, table, mapping, defaults, progress, cancelled), table, mapping)


@records_action("import", lambda r: ngettext("Import of {n} member", "Import of {n} members",
                                        r.created + r.updated).format(n=r.created + r.updated))
def import_members(session: Session, table: SheetTable, mapping: Mapping, *, dry_run: bool = False,
                   defaults: ImportDefaults | None = None, progress: OnProgress | None = None,
                   cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Plan again (the data may have changed since the preview), then write every valid row.

    Rows with an error are left out and counted as refused; the caller's session is one transaction.
    """
    plans = _plan(session, table, mapping, defaults, progress, cancelled)
    preview = _preview(plans, table, mapping)
    added, updated_contacts = planned_contacts(plans)  # a dry run counts the contacts it would write
    if not dry_run:
        if progress:
            progress(70, _("Saving"))
        with deferred_index(session), no_cyclic_gc():  # the search index refilled once, set-based
            added, updated_contacts = _apply(session, plans)
        if progress:
            progress(100, _("Done"))
    return ImportResult(
        preview=preview, applied=not dry_run, created=preview.count(RowStatus.NEW) - _contact_only(plans, True),
        updated=preview.count(RowStatus.UPDATE) - _contact_only(plans, False),
        unchanged=preview.count(RowStatus.UNCHANGED), refused=preview.count(RowStatus.ERROR),
        contacts_added=added, contacts_updated=updated_contacts,
    )


def preview_contacts(preview: ImportPreview) -> tuple[int, int]:
    """(contacts the import would add, contacts it would update), read from the preview's rows."""
    rows = [r for r in preview.rows if r.status is not RowStatus.ERROR]
    return (sum(1 for r in rows for c in r.changes if c.field == "contact"),
            sum(1 for r in rows if any(c.field.startswith("contact.") for c in r.changes)))


def planned_contacts(plans: list[_Plan]) -> tuple[int, int]:
    """(contacts to add, contacts to update) of the valid rows."""
    valid = [p for p in plans if p.outcome.status is not RowStatus.ERROR]
    return (sum(1 for p in valid if p.contact and p.contact_id is None), sum(1 for p in valid if p.contact_changed))


def _contact_only(plans: list[_Plan], new: bool) -> int:
    """Rows that only add a contact to a member of an earlier row are not members of their own."""
    status = RowStatus.NEW if new else RowStatus.UPDATE
    return sum(1 for p in plans if p.outcome.status is status and p.extra.get("contact_only"))


def _preview(plans: list[_Plan], table: SheetTable, mapping: Mapping) -> ImportPreview:
    return ImportPreview(table.path, table.sheet, table.header_row, table.headers, tuple(mapping),
                         tuple(p.outcome for p in plans))


# ---------------------------------------------------------------------------------------------
# Planning


class _Existing:
    """The members and contacts the sheet may refer to, loaded in a few set-based queries."""

    def __init__(self, session: Session):
        self.by_number: dict[str, int] = {}
        self.by_vat: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        for mid, name, number, vat in session.execute(
                select(Member.id, Member.name, Member.enterprise_number, Member.vat_number)):
            if number:
                self.by_number[number] = mid
            if vat:
                self.by_vat[vat] = mid
            self.by_name[name.casefold()] = mid
        self.session = session
        self.values: dict[int, dict] = {}
        self.contacts: dict[int, list[dict]] = {}

    def load(self, ids: set[int]) -> None:
        columns = [getattr(Member, name) for name in MEMBER_FIELDS]
        id_list = sorted(ids)
        for start in range(0, len(id_list), _CHUNK):
            chunk = id_list[start:start + _CHUNK]
            for row in self.session.execute(select(Member.id, *columns).where(Member.id.in_(chunk))):
                self.values[row[0]] = dict(zip(MEMBER_FIELDS, row[1:], strict=True))
            query = select(Contact.id, Contact.member_id, *[getattr(Contact, c) for c in CONTACT_FIELDS]).where(
                Contact.member_id.in_(chunk), Contact.erased_on.is_(None))
            for row in self.session.execute(query):
                self.contacts.setdefault(row[1], []).append({"id": row[0], **dict(zip(CONTACT_FIELDS, row[2:],
                                                                                          strict=True))})


def _plan(session: Session, table: SheetTable, mapping: Mapping, defaults: ImportDefaults | None,
          progress: OnProgress | None, cancelled: Callable[[], bool] | None) -> list[_Plan]:
    with no_cyclic_gc():
        return _plan_rows(session, table, mapping, defaults, progress, cancelled)


def _plan_rows(session, table, mapping, defaults, progress, cancelled) -> list[_Plan]:
    check_mapping(table.headers, mapping)
    if not table.rows:  # a header alone is a file cut short or the wrong sheet, not "0 members"
        raise FileFormatError(_("The sheet has a header but no members under it."), path=table.path,
                              sheet=table.sheet, row=table.header_row)
    defaults = defaults or ImportDefaults()
    existing = _Existing(session)
    columns = {key: i for i, key in enumerate(mapping) if key}
    cache: dict = {}
    parsed = [_parse_row(table, row, columns, cache) for row in table.rows]
    existing.load({mid for values, _p in parsed if (mid := _match(existing, values)[0]) is not None})

    plans: list[_Plan] = []
    first_by_key: dict[str, _Plan] = {}
    name_rows: dict[str, int] = {}
    number_rows: dict[str, int] = {}
    new_contacts: dict[str, list[dict]] = {}  # contacts planned per in-file member key
    total = max(len(parsed), 1)
    for index, (row, (values, problems)) in enumerate(zip(table.rows, parsed, strict=True)):
        stop_if_cancelled(cancelled)
        if progress and index % 1000 == 0:
            progress(10 + 60 * index // total, _("Checking row {n} of {total}").format(n=index + 1, total=total))
        plan = _plan_row(table, row.number, values, problems, columns, existing, defaults, first_by_key,
                         name_rows, number_rows, new_contacts)
        plans.append(plan)
    return plans


def _normalised(key: str, raw, cache: dict):
    """normalise_value, remembered per sheet: types, sizes, towns and dates repeat on many rows."""
    token = (key, type(raw), raw)
    try:
        found = cache[token]
    except KeyError:
        try:
            found = normalise_value(FIELD_BY_KEY[key], raw)
        except ValidationError as exc:
            found = exc
        cache[token] = found
    if isinstance(found, ValidationError):
        raise found
    return found


def _parse_row(table: SheetTable, row, columns: dict[str, int], cache: dict) -> tuple[dict, list[RowProblem]]:
    values: dict = {}
    problems: list[RowProblem] = []
    for key, i in columns.items():
        raw = row.values[i]
        try:
            values[key] = _normalised(key, raw, cache)
        except ValidationError as exc:
            problems.extend(_problem(table, columns, p.field, raw, p.message, key) for p in exc.problems)
    vat = values.pop("vat_number", None)
    if vat and vat.startswith("BE"):  # a Belgian VAT number is the enterprise number
        number = vat[2:]
        if values.get("enterprise_number") not in (None, number):
            problems.append(_problem(table, columns, "vat_number", vat, _("differs from the enterprise number")))
        values["enterprise_number"] = number
    elif vat:
        values["vat_number"] = vat
    full = values.pop("contact_name", None)
    if full and not values.get("contact_first_name") and not values.get("contact_last_name"):
        first, _sep, last = full.partition(" ")
        values["contact_first_name"], values["contact_last_name"] = (first, last) if last else ("", first)
    return values, problems


def _problem(table: SheetTable, columns: dict[str, int], field_name: str, value, message: str,
             key: str | None = None) -> RowProblem:
    """Point at the sheet's column for a field (a contact field is mapped as contact_<field>)."""
    index = columns.get(key or field_name)
    if index is None:
        index = columns.get(f"contact_{field_name}")
    if index is None and field_name == "enterprise_number":
        index = columns.get("vat_number")
    if index is None:
        return RowProblem(field_name, None, None, value, message)
    return RowProblem(field_name, table.column_letter(index), table.headers[index], value, message)


def _match(existing: _Existing, values: dict) -> tuple[int | None, str | None]:
    """The existing member a row refers to, and how it was found."""
    number, vat, name = values.get("enterprise_number"), values.get("vat_number"), values.get("name")
    if number and number in existing.by_number:
        return existing.by_number[number], "enterprise_number"
    if vat and vat in existing.by_vat:
        return existing.by_vat[vat], "vat_number"
    if name and name.casefold() in existing.by_name:
        return existing.by_name[name.casefold()], "name"
    return None, None


# contact_<field> -> field, for every contact field a column can be mapped to (looked up twice a row)
_CONTACT_KEYS = {key: key[len("contact_"):] for key in FIELD_BY_KEY if key.startswith("contact_")}


def _member_part(values: dict) -> dict:
    return {k: val for k, val in values.items() if k not in _CONTACT_KEYS}


def _contact_part(values: dict) -> dict | None:
    keys = _CONTACT_KEYS
    part = {keys[k]: val for k, val in values.items() if val is not None and k in keys}
    return part or None


def _plan_row(table, number, values, problems, columns, existing: _Existing, defaults: ImportDefaults,
              first_by_key, name_rows, number_rows, new_contacts) -> _Plan:
    name = values.get("name")

    def error(extra: list[RowProblem] | None = None) -> _Plan:
        return _Plan(RowOutcome(number, RowStatus.ERROR, name, problems=tuple(problems + (extra or []))))

    if problems:
        return error()
    key = values.get("enterprise_number") or values.get("vat_number") or (name.casefold() if name else None)
    if key is None:
        return error([_problem(table, columns, "name", None, _("the row has neither a name nor an enterprise number"))])

    earlier = first_by_key.get(key)
    if earlier is not None:
        return _repeat_row(table, number, values, columns, earlier, existing, new_contacts, key)

    member_id, found_by = _match(existing, values)
    old = existing.values.get(member_id) if member_id else None
    if old and found_by == "name" and values.get("enterprise_number") and old["enterprise_number"] and \
            old["enterprise_number"] != values["enterprise_number"]:
        return error([_problem(table, columns, "name", name, _(
            "belongs to an existing member with another enterprise number ({number})").format(
            number=old["enterprise_number"]))])
    member_values = dict(old) if old else {"kind": defaults.kind, "country": defaults.country,
                                           "joined_on": defaults.joined_on or dt.date.today()}
    member_values.update({k: val for k, val in _member_part(values).items() if val is not None})
    try:
        given = {k: member_values[k] for k in MEMBER_FIELDS if k in member_values}
        clean = validate_member(MemberInput(**{"name": None, "kind": None, "joined_on": None, **given}))
    except ValidationError as exc:
        return error([_problem(table, columns, p.field, p.value, p.message) for p in exc.problems])

    clash = _unique_clash(table, columns, clean, member_id, existing, name_rows, number_rows)
    if clash:
        return error([clash])
    for k in ("enterprise_number", "vat_number"):
        if clean.get(k):
            number_rows[clean[k]] = number
    name_rows[clean["name"].casefold()] = number

    changes = [] if old is None else [FieldChange(k, old.get(k), val) for k, val in clean.items() if old.get(k) != val]
    plan = _Plan(RowOutcome(number, RowStatus.NEW, clean["name"]), member_id=member_id, member_values=clean,
                 member_key=key, new_member=old is None)
    plan.extra["people"] = [(number, c) for c in [_contact_part(values)] if c]
    contact_problem = _plan_contact(table, columns, plan, values, existing, new_contacts, key, changes)
    if contact_problem:
        return error([contact_problem])
    status = RowStatus.NEW if old is None else (RowStatus.UPDATE if changes else RowStatus.UNCHANGED)
    plan.outcome = RowOutcome(number, status, clean["name"], member_id, tuple(changes))
    first_by_key[key] = plan
    return plan


def _unique_clash(table, columns, clean, member_id, existing: _Existing, name_rows, number_rows):
    """Another member (in the database or on an earlier row) already has this number or name."""
    for k, lookup in (("enterprise_number", existing.by_number), ("vat_number", existing.by_vat)):
        value = clean.get(k)
        if value and lookup.get(value, member_id) != member_id:
            return _problem(table, columns, k, value, _("already belongs to another member"))
        if value and value in number_rows:
            return _problem(table, columns, k, value, _("is also on row {row}").format(row=number_rows[value]))
    folded = clean["name"].casefold()
    if existing.by_name.get(folded, member_id) != member_id:
        return _problem(table, columns, "name", clean["name"], _("another member already has this name"))
    if folded in name_rows:
        return _problem(table, columns, "name", clean["name"], _("is also on row {row} with another enterprise number")
                        .format(row=name_rows[folded]))
    return None


def _repeat_row(table, number, values, columns, earlier: _Plan, existing: _Existing, new_contacts, key) -> _Plan:
    """A second row for the same member: one more contact, or a duplicate, or a contradiction."""
    name = earlier.outcome.name
    first = earlier.outcome.row
    member_now = {k: val for k, val in _member_part(values).items() if val is not None}
    differing = sorted(k for k, val in member_now.items() if earlier.member_values.get(k) != val)
    if differing:
        return _Plan(RowOutcome(number, RowStatus.ERROR, name, problems=(_problem(
            table, columns, differing[0], member_now[differing[0]],
            _("row {row} has the same member with other values ({fields})").format(
                row=first, fields=", ".join(differing))),)))
    contact = _contact_part(values)
    people = earlier.extra.setdefault("people", [])
    same = first if contact is None else next((row for row, c in people if _same_person(c, contact)), None)
    if same is not None:
        return _Plan(RowOutcome(number, RowStatus.ERROR, name, problems=(RowProblem(
            "", None, None, None, _("duplicate of row {row}").format(row=same)),)))
    people.append((number, contact))
    plan = _Plan(RowOutcome(number, RowStatus.NEW, name), member_id=earlier.member_id, member_key=key,
                 extra={"contact_only": True})
    changes: list[FieldChange] = []
    problem = _plan_contact(table, columns, plan, values, existing, new_contacts, key, changes)
    if problem:
        return _Plan(RowOutcome(number, RowStatus.ERROR, name, problems=(problem,)))
    status = RowStatus.NEW if earlier.new_member else (RowStatus.UPDATE if changes else RowStatus.UNCHANGED)
    plan.outcome = RowOutcome(number, status, name, earlier.member_id, tuple(changes))
    return plan


def _same_person(a: dict, b: dict) -> bool:
    if a.get("email") and b.get("email"):
        return a["email"] == b["email"]
    full = lambda c: f"{c.get('first_name') or ''} {c.get('last_name') or ''}".strip().casefold()  # noqa: E731
    return bool(full(a)) and full(a) == full(b)


def _plan_contact(table, columns, plan: _Plan, values, existing, new_contacts, key, changes) -> RowProblem | None:
    contact = _contact_part(values)
    if contact is None:
        return None
    try:
        clean = validate_contact(ContactInput(**contact))
    except ValidationError as exc:
        p = exc.problems[0]
        return _problem(table, columns, p.field, p.value, p.message, f"contact_{p.field}")
    known = existing.contacts.get(plan.member_id, []) if plan.member_id else []
    match = next((c for c in known if _same_person(c, clean)), None)
    label = f"{clean['first_name']} {clean['last_name']}".strip()
    if match is None:
        if any(_same_person(c, clean) for c in new_contacts.get(key, [])):
            return None
        plan.contact = clean
        new_contacts.setdefault(key, []).append(clean)
        clean["is_main"] = not known and not new_contacts[key][:-1]
        changes.append(FieldChange("contact", None, label))  # the preview names every contact it adds
        return None
    given = {k: clean[k] for k in contact if k in clean}
    diff = {k: val for k, val in given.items() if match.get(k) != val}
    if diff:
        plan.contact, plan.contact_id, plan.contact_changed = diff, match["id"], True
        changes.extend(FieldChange(f"contact.{k}", match.get(k), val) for k, val in diff.items())
    return None


# ---------------------------------------------------------------------------------------------
# Writing


def _apply(session: Session, plans: list[_Plan]) -> tuple[int, int]:
    """New members in one multi-row INSERT, changed ones through the ORM (version checks), then contacts."""
    new = [p for p in plans if p.outcome.status is RowStatus.NEW and p.new_member]
    if new:
        # One executemany, then the new ids by name (unique among members): RETURNING would go row by row.
        before = session.scalar(select(func.max(Member.id))) or 0
        session.execute(insert(Member.__table__), [dict(p.member_values) for p in new])
        ids = {name.casefold(): mid for mid, name in session.execute(
            select(Member.id, Member.name).where(Member.id > before))}
        for plan in new:
            plan.member_id = ids[plan.member_values["name"].casefold()]
    id_by_key = {p.member_key: p.member_id for p in plans if p.member_id and p.member_key}
    changed = {p.member_id: p for p in plans if p.outcome.status is RowStatus.UPDATE and not p.new_member
               and p.member_values and any(not c.field.startswith("contact") for c in p.outcome.changes)}
    ids = sorted(changed)
    for start in range(0, len(ids), _CHUNK):
        for member in session.scalars(select(Member).where(Member.id.in_(ids[start:start + _CHUNK]))):
            for k, val in changed[member.id].member_values.items():
                if getattr(member, k) != val:
                    setattr(member, k, val)
    contacts = []
    for p in plans:
        if p.contact and p.contact_id is None and p.outcome.status is not RowStatus.ERROR:
            contacts.append({"member_id": p.member_id or id_by_key[p.member_key], **p.contact})
    if contacts:
        session.execute(insert(Contact.__table__), contacts)
    updates = {p.contact_id: p.contact for p in plans if p.contact_changed}
    if updates:
        for contact in session.scalars(select(Contact).where(Contact.id.in_(list(updates)))):
            for k, val in updates[contact.id].items():
                setattr(contact, k, val)
    session.flush()
    return len(contacts), len(updates)


# ---------------------------------------------------------------------------------------------
# Error report


def write_error_report(preview: ImportPreview, table: SheetTable, path: str | Path) -> int:
    """The refused rows with their original values and a reason column, to fix in Excel and import again.

    Returns the number of rows written. The file is written atomically.
    """
    from clustermanager.io.excel_safety import write_table

    by_row = {r.number: r for r in table.rows}
    rows = [[*by_row[o.row].values, o.reason, o.row] for o in preview.errors]
    headers = [*table.headers, _("Reason"), _("Row in {sheet}").format(sheet=table.sheet)]
    write_table(path, _("Refused rows"), headers, rows)
    return len(rows)
