"""Personal data (GDPR): everything held on one person, and erasing a person while keeping the counts.

A person is a member's contact. Their activity participations are linked by `contact_id`, and
registrations made before they were a contact may carry their e-mail; both are exported and both are
anonymised on erasure. The rows themselves stay (member and activity kept), so the number of
participants in past reports does not change.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.change_recording.recorder import recording
from clustermanager.errors import NotFoundError, UserError, ValidationError
from clustermanager.i18n import N_, _
from clustermanager.io.atomic import atomic_write
from clustermanager.models import Activity, Contact, Member, Participation
from clustermanager.services import mailing_log
from clustermanager.services.history import entries as history_entries
from clustermanager.services.history import erasure as history_erasure

log = logging.getLogger(__name__)

ERASED_NAME = N_("[erased]")  # the placeholder shown where an erased person's name was


@dataclass(frozen=True)
class ParticipationRecord:
    activity: str
    kind: str
    starts_on: dt.date
    registered: bool
    attended: bool
    name_given: str | None
    email_given: str | None
    organisation: str | None
    linked_to_contact: bool  # False: a registration matched by e-mail only


@dataclass(frozen=True)
class MailingRecord:
    """A mailing written to the person (from the mailing log)."""

    written_at: dt.datetime
    template: str
    subject: str
    year: int | None
    selection: str | None
    without_consent: bool  # a legal notice sent although they gave no consent


@dataclass(frozen=True)
class PersonExport:
    exported_on: dt.date
    contact_id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    role: str | None
    is_main_contact: bool
    consent: bool
    consent_on: dt.date | None
    erased_on: dt.date | None
    member_id: int
    member_name: str
    recorded_since: dt.datetime
    last_changed: dt.datetime
    participations: tuple[ParticipationRecord, ...]
    history: tuple[history_entries.HistoryEntry, ...] = ()  # every recorded change of their data
    mailings: tuple[MailingRecord, ...] = ()  # every mailing written to them, newest first


@dataclass(frozen=True)
class ErasureResult:
    contact_id: int
    erased_on: dt.date
    participations_anonymised: int
    history_entries_erased: int = 0


def find_contact_id(session: Session, key: str) -> int:
    """A contact by id, e-mail or full name (for the command line); several matches are listed."""
    key = v.clean_text(key, "contact", required=True)
    if key.isdigit() and len(key) < 10:
        if session.get(Contact, int(key)) is None and not _in_history(session, int(key)):
            raise NotFoundError(_("Contact {id} does not exist.").format(id=key))
        return int(key)
    lowered = key.lower()
    query = select(Contact.id).where(or_(
        func.lower(Contact.email) == lowered,
        func.lower(Contact.first_name + " " + Contact.last_name) == lowered,
    ), Contact.erased_on.is_(None))
    found = list(session.scalars(query))
    if not found:
        raise NotFoundError(_("No contact matches {key!r}.").format(key=key))
    if len(found) > 1:
        raise ValidationError("contact", key, _("matches several contacts ({ids}): give the id").format(
            ids=", ".join(map(str, found))))
    return found[0]


def _load(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFoundError(_("Contact {id} does not exist.").format(id=contact_id))
    return contact


def _participations(session: Session, contact: Contact) -> list[Participation]:
    by_email = (func.lower(Participation.email) == contact.email.lower()) if contact.email else None
    condition = Participation.contact_id == contact.id if by_email is None else or_(
        Participation.contact_id == contact.id, by_email)
    return list(session.scalars(select(Participation).join(Activity).where(condition)
                                .order_by(Activity.starts_on, Participation.id)))


def export_person(session: Session, contact_id: int, *, today: dt.date | None = None) -> PersonExport:
    """Everything the database holds on one person."""
    contact = _load(session, contact_id)
    member = session.get(Member, contact.member_id)
    records = tuple(
        ParticipationRecord(p.activity.title, p.activity.kind, p.activity.starts_on, p.registered, p.attended,
                            p.name, p.email, p.organisation, p.contact_id == contact.id)
        for p in _participations(session, contact)
    )
    return PersonExport(
        exported_on=today or dt.date.today(), contact_id=contact.id, first_name=contact.first_name,
        last_name=contact.last_name, email=contact.email, phone=contact.phone, role=contact.role,
        is_main_contact=contact.is_main, consent=contact.consent, consent_on=contact.consent_on,
        erased_on=contact.erased_on, member_id=member.id, member_name=member.name,
        recorded_since=contact.created_at, last_changed=contact.updated_at, participations=records,
        history=tuple(history_entries.history(session, person_id=contact.id, limit=None)),
        mailings=tuple(MailingRecord(m.written_at, m.template, m.subject, m.year, m.selection, m.without_consent)
                       for m in mailing_log.contact_mailings(session, contact.id)),
    )


def erase_person(session: Session, contact_id: int, *, today: dt.date | None = None) -> ErasureResult:
    """Replace the person's name and details by a placeholder; keep their participations, anonymised."""
    if session.get(Contact, contact_id) is None and _in_history(session, contact_id):
        return _erase_deleted(session, contact_id, today)
    contact = _load(session, contact_id)
    if contact.erased_on is not None:
        raise ValidationError("contact", contact_id, _("was already erased on {date}").format(
            date=contact.erased_on.isoformat()))
    names, email = [contact.full_name, contact.email or ""], contact.email
    with recording(session, "erase", _("Erasure of contact {id}").format(id=contact.id), undoable=False):
        participations = _erase(session, contact, today)
    erased = history_erasure.erase_person(session, contact.id, names=names, email=email, placeholder=_(ERASED_NAME))
    log.info("contact %d erased; %d participations anonymised", contact.id, len(participations))
    return ErasureResult(contact.id, contact.erased_on, len(participations), erased)


def _in_history(session: Session, contact_id: int) -> bool:
    return bool(history_entries.history(session, person_id=contact_id, limit=1))


def _erase_deleted(session: Session, contact_id: int, today: dt.date | None) -> ErasureResult:
    """A person deleted with their member (in the trash, or in the history only): their values there."""
    entries = history_entries.history(session, person_id=contact_id, limit=None)
    names = [f"{c.old or ''}" for e in entries for c in e.changes if c.field in ("first_name", "last_name", "email")]
    names += [e.record for e in entries]
    email = next((c.old or c.new for e in entries for c in e.changes if c.field == "email" and (c.old or c.new)), None)
    erased = history_erasure.erase_person(session, contact_id, names=names, email=email, placeholder=_(ERASED_NAME))
    return ErasureResult(contact_id, today or dt.date.today(), 0, erased)


def _erase(session: Session, contact: Contact, today: dt.date | None) -> list[Participation]:
    participations = _participations(session, contact)
    for p in participations:
        p.name = None
        p.email = None
        if p.contact_id is None:  # matched by e-mail: now linked to the erased contact so it stays counted
            p.contact_id = contact.id
    contact.first_name = ""
    contact.last_name = _(ERASED_NAME)
    contact.email = contact.phone = contact.role = None
    contact.is_main = contact.consent = False
    contact.consent_on = None
    contact.erased_on = today or dt.date.today()
    session.flush()
    return participations


# ---------------------------------------------------------------------------------------------
# Files for the person (written atomically)


def _jsonable(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def write_export(export: PersonExport, path: str | Path) -> Path:
    """JSON, readable text or a workbook, chosen by the file's extension (.json, .txt, .xlsx)."""
    path = Path(path)
    suffix = path.suffix.lower()
    writers = {".json": _write_json, ".txt": _write_text, ".xlsx": _write_xlsx}
    if suffix not in writers:
        raise ValidationError("out", str(path), _("must end in .json, .txt or .xlsx"))
    try:
        with atomic_write(path) as tmp:
            writers[suffix](export, tmp)
    except (OSError, ValueError) as exc:  # no such folder, a name too long, a NUL in it
        raise UserError(_("Cannot write {path}: {reason}").format(path=path, reason=exc)) from exc
    return path


def _write_json(export: PersonExport, tmp: Path) -> None:
    tmp.write_text(json.dumps(asdict(export), default=_jsonable, ensure_ascii=False, indent=2), encoding="utf-8")


def _person_lines(export: PersonExport) -> list[tuple[str, object]]:
    return [
        (_("Name"), f"{export.first_name} {export.last_name}".strip()), (_("E-mail"), export.email),
        (_("Phone"), export.phone), (_("Role"), export.role), (_("Organisation"), export.member_name),
        (_("Main contact"), _("yes") if export.is_main_contact else _("no")),
        (_("Consent"), export.consent_on.isoformat() if export.consent and export.consent_on else _("no")),
        (_("Recorded since"), export.recorded_since.date().isoformat()),
        (_("Last changed"), export.last_changed.date().isoformat()),
        (_("Erased on"), export.erased_on.isoformat() if export.erased_on else ""),
    ]


def _write_text(export: PersonExport, tmp: Path) -> None:
    lines = [_("Personal data held by ClusterManager, exported on {date}").format(date=export.exported_on), ""]
    lines += [f"{label}: {value or ''}" for label, value in _person_lines(export)]
    lines += ["", _("Activities ({n})").format(n=len(export.participations))]
    for p in export.participations:
        status = _("attended") if p.attended else (_("registered") if p.registered else "")
        lines.append(f"  {p.starts_on.isoformat()}  {p.activity}  ({status})")
    lines += ["", _("Mailings received ({n})").format(n=len(export.mailings))]
    for m in export.mailings:
        note = "  (" + _("legal notice, without consent") + ")" if m.without_consent else ""
        lines.append(f"  {m.written_at:%Y-%m-%d %H:%M}  {m.template}  {m.subject}{note}")
    lines += ["", _("History of this data ({n} changes)").format(n=len(export.history))]
    for h in export.history:
        changes = "; ".join(f"{c.field}: {c.old!r} -> {c.new!r}" for c in h.changes)
        lines.append(f"  {h.at:%Y-%m-%d %H:%M}  {h.user}  {h.action}  {h.record_kind} {h.record}  {changes}")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_xlsx(export: PersonExport, tmp: Path) -> None:
    """Through the formula-safe writer: a name such as `=HYPERLINK(...)` stays text."""
    from openpyxl import Workbook

    from clustermanager.io.excel_safety import add_sheet

    book = Workbook(write_only=True)
    add_sheet(book, _("Person"), [_("Field"), _("Value")],
              [[label, "" if value is None else str(value)] for label, value in _person_lines(export)],
              widths=[20, 50])
    add_sheet(book, _("Activities"),
              [_("Date"), _("Activity"), _("Kind"), _("Registered"), _("Attended"), _("Organisation")],
              [[p.starts_on, p.activity, p.kind, p.registered, p.attended, p.organisation or ""]
               for p in export.participations])
    add_sheet(book, _("Mailings"), [_("When"), _("Template"), _("Subject"), _("Year"), _("Selection"),
                                     _("Without consent")],
              [[m.written_at, m.template, m.subject, m.year, m.selection or "", m.without_consent]
               for m in export.mailings])
    add_sheet(book, _("History"),
              [_("When"), _("User"), _("Action"), _("Record"), _("Field"), _("Old value"), _("New value")],
              [[h.at, h.user, h.action, f"{h.record_kind} {h.record}", c.field if c else h.op,
                "" if c is None or c.old is None else str(c.old), "" if c is None or c.new is None else str(c.new)]
               for h in export.history for c in (h.changes or (None,))])
    book.save(tmp)
