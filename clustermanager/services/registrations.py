"""Import a registration list into an activity: first a preview, then one transaction.

Each row of the list is matched to the contacts, in this order:
1. by e-mail (case-insensitive): one contact -> **matched**; several contacts -> **doubtful**;
2. by full name (accents, case and spacing ignored) and organisation (the member's name, legal form
   such as NV/BV/SA ignored): one contact -> **matched**, unless the row's e-mail differs from the
   contact's -> **doubtful**; several -> **doubtful**; a name that matches while the row gives no
   organisation -> **doubtful**;
3. otherwise **new**: when the organisation is a member's name the person becomes a **new contact of
   that member** (without consent to be contacted: the registration only shows they came), so the
   member's participation counts for reach; otherwise an **outside participant**.

Doubtful rows are skipped unless the preview is resolved (a chosen contact, "outside" or "skip").
Rows repeated in the file are skipped. A person already on the activity's list is updated (registered,
and attended if the list says so), never added twice.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import _
from clustermanager.io.registrations import RegistrationRow
from clustermanager.models import Activity, Contact, Member, Participation
from clustermanager.services import activities as act
from clustermanager.services import members
from clustermanager.services.history.actions import records_action

LEGAL_FORMS = {"nv", "bv", "bvba", "cv", "cvba", "vzw", "sa", "srl", "sprl", "scrl", "asbl", "gmbh", "ag",
               "ltd", "inc", "llc", "plc", "sas", "sarl", "vof", "comm", "commv", "ivzw", "aisbl", "ev", "sc", "scs"}
# The same legal form under its Dutch, French and pre-2019 names (the 2019 Companies Code renamed BVBA to
# BV and CVBA to CV); "Havenboei BV" and "Havenboei NV" are two companies, "Havenboei" may be either.
SAME_FORM = {"sa": "nv", "bvba": "bv", "srl": "bv", "sprl": "bv", "cvba": "cv", "sc": "cv", "scrl": "cv",
             "asbl": "vzw", "aisbl": "ivzw", "commv": "comm", "scs": "comm"}
CHUNK = 500


class MatchStatus(enum.StrEnum):
    MATCHED = "matched"
    NEW = "new"
    DOUBTFUL = "doubtful"
    SKIPPED = "skipped"  # repeated in the file


class Action(enum.StrEnum):
    CONTACT = "contact"  # a participation of an existing contact
    NEW_CONTACT = "new_contact"  # a new contact of the member named as organisation
    OUTSIDE = "outside"  # an outside participant
    SKIP = "skip"


@dataclass(frozen=True)
class Candidate:
    contact_id: int
    member_id: int
    name: str
    member_name: str
    email: str | None


@dataclass(frozen=True)
class PreviewLine:
    row: int
    name: str
    email: str | None
    organisation: str | None
    attended: bool
    status: MatchStatus
    action: Action
    reason: str
    contact_id: int | None = None  # the contact it will be linked to (action CONTACT)
    member_id: int | None = None  # the member of that contact, or of the new contact
    member_name: str | None = None
    candidates: tuple[Candidate, ...] = ()
    already_listed: bool = False
    first_name: str | None = None
    last_name: str | None = None
    member_choices: tuple[tuple[int, str], ...] = ()  # members a doubtful organisation may be (id, name)


@dataclass(frozen=True)
class RegistrationPreview:
    activity_id: int | None
    source: str | None
    lines: tuple[PreviewLine, ...]

    def with_status(self, status: MatchStatus) -> tuple[PreviewLine, ...]:
        return tuple(line for line in self.lines if line.status is status)

    @property
    def matched(self) -> tuple[PreviewLine, ...]:
        return self.with_status(MatchStatus.MATCHED)

    @property
    def new(self) -> tuple[PreviewLine, ...]:
        return self.with_status(MatchStatus.NEW)

    @property
    def doubtful(self) -> tuple[PreviewLine, ...]:
        return self.with_status(MatchStatus.DOUBTFUL)

    def counts(self) -> dict[str, int]:
        return {s.value: len(self.with_status(s)) for s in MatchStatus}

    def resolve(self, row: int, choice: int | Action | str) -> RegistrationPreview:
        """A copy with one row decided: a contact id from the candidates, "member:ID" (a new contact of one of
        the members the organisation may be), or "outside" / "skip"."""
        lines = []
        for line in self.lines:
            if line.row == row:
                line = _resolved(line, choice)
            lines.append(line)
        return replace(self, lines=tuple(lines))


@dataclass(frozen=True)
class ImportResult:
    activity_id: int
    added: int  # new participations
    updated: int  # people already on the list
    new_contacts: int
    outside: int  # of the added, people from outside
    skipped: int  # doubtful rows left undecided and rows repeated in the file


def _resolved(line: PreviewLine, choice: int | Action | str) -> PreviewLine:
    if isinstance(choice, int):
        chosen = next((c for c in line.candidates if c.contact_id == choice), None)
        if chosen is None:
            raise ValidationError("contact", choice, _("row {row}: is not one of the candidates").format(row=line.row))
        return replace(line, action=Action.CONTACT, contact_id=chosen.contact_id, member_id=chosen.member_id,
                       member_name=chosen.member_name, reason=_("chosen by you"))
    if isinstance(choice, str) and choice.startswith("member:"):
        member = next((m for m in line.member_choices if str(m[0]) == choice[7:]), None)
        if member is None:
            raise ValidationError("member", choice, _("row {row}: is not one of the possible members").format(
                row=line.row))
        return replace(line, action=Action.NEW_CONTACT, contact_id=None, member_id=member[0], member_name=member[1],
                       reason=_("chosen by you"))
    action = Action(choice)
    if action is Action.CONTACT:
        raise ValidationError("action", choice, _("choose one of the candidate contacts"))
    if action is Action.NEW_CONTACT and line.member_id is None:
        raise ValidationError("action", choice, _("row {row}: the organisation is not a member").format(row=line.row))
    keep_member = action is Action.NEW_CONTACT
    return replace(line, action=action, contact_id=None, member_id=line.member_id if keep_member else None,
                   member_name=line.member_name if keep_member else None, reason=_("chosen by you"))


# ---------------------------------------------------------------------------------------------
# Matching


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=65536)
def person_name_key(text: str | None) -> str:
    """'  Hélène  LEFÈVRE ' -> 'helene lefevre' (names repeat across a list and the contacts: cached)."""
    plain = text or ""
    if not plain.isascii():
        plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return " ".join(_NOT_ALNUM.sub(" ", plain.lower()).split())


@functools.lru_cache(maxsize=65536)
def organisation_key(text: str | None) -> str:
    """'Alpha N.V.' and 'ALPHA' -> 'alpha': the name without legal form, accents and punctuation."""
    return " ".join(w for w in person_name_key((text or "").replace(".", "")).split() if w not in LEGAL_FORMS)


@functools.lru_cache(maxsize=65536)
def legal_form(text: str | None) -> str | None:
    """'Havenboei B.V.B.A.' -> 'bv', 'Havenboei SA' -> 'nv'; None when the name carries no legal form."""
    words = person_name_key((text or "").replace(".", "")).split()
    form = next((w for w in reversed(words) if w in LEGAL_FORMS), None)
    return SAME_FORM.get(form, form) if form else None


def same_organisation(a: str | None, b: str | None) -> bool:
    """The same name, and the same legal form where both give one."""
    if organisation_key(a) != organisation_key(b):
        return False
    fa, fb = legal_form(a), legal_form(b)
    return fa is None or fb is None or fa == fb


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _name_parts(r: RegistrationRow) -> tuple[set[str], set[str]]:
    """Possible first and last names of a row: 'Jan Van den Bossche' may be Jan / Van den Bossche."""
    if r.first_name and r.last_name:
        return {r.first_name.lower()}, {r.last_name.lower()}
    words = r.name.lower().split()
    return ({" ".join(words[:i]) for i in range(1, len(words))} or set(words),
            {" ".join(words[i:]) for i in range(1, len(words))} or set(words))


def _candidate_contacts(session: Session, rows: Sequence[RegistrationRow]) -> list[Candidate]:
    """Only the contacts that could match: the same e-mail, or the same first and last name."""
    columns = (Contact.id, Contact.member_id, Contact.first_name, Contact.last_name, Member.name, Contact.email)
    base = select(*columns).join(Member, Member.id == Contact.member_id).where(Contact.erased_on.is_(None))
    queries = [base.where(func.lower(Contact.email).in_(chunk))
               for chunk in _chunks(sorted({r.email for r in rows if r.email}))]
    firsts, lasts = set(), set()
    for r in rows:
        first, last = _name_parts(r)
        firsts |= first
        lasts |= last
    for first_chunk in _chunks(sorted(firsts)):
        for last_chunk in _chunks(sorted(lasts)):
            queries.append(base.where(func.lower(Contact.first_name).in_(first_chunk),
                                      func.lower(Contact.last_name).in_(last_chunk)))
    found: dict[int, Candidate] = {}
    for query in queries:
        for cid, mid, first, last, member_name, email in session.execute(query):
            found[cid] = Candidate(cid, mid, f"{first} {last}".strip(), member_name, email)
    return list(found.values())


def _member_index(session: Session, rows: Sequence[RegistrationRow]) -> dict[str, list[tuple[int, str]]]:
    wanted = {organisation_key(r.organisation) for r in rows if r.organisation} - {""}
    if not wanted:
        return {}
    words = {w for key in wanted for w in key.split()}
    index: dict[str, list[tuple[int, str]]] = {}
    for mid, name in session.execute(select(Member.id, Member.name).order_by(Member.id)):
        low = name.lower()
        # cheap test first: 100,000 names are not all normalised for a list of 50 organisations
        if low.isascii() and words.isdisjoint(_NOT_ALNUM.split(low)):
            continue
        key = organisation_key(name)
        if key in wanted:
            index.setdefault(key, []).append((mid, name))
    return index


def members_for(organisation: str | None, member_index: Mapping[str, list[tuple[int, str]]]) -> list[tuple[int, str]]:
    """The members a row's organisation may be: the same legal form first; without a form on either side
    every member of that name (two of them: the user decides)."""
    found = member_index.get(organisation_key(organisation), [])
    form = legal_form(organisation)
    if form is None:
        return list(found)
    exact = [m for m in found if legal_form(m[1]) == form]
    return exact or [m for m in found if legal_form(m[1]) is None]


def preview_registrations(session: Session, activity_id: int | None, rows: Sequence[RegistrationRow], *,
                          source: str | None = None, attended: bool = False) -> RegistrationPreview:
    """Match every row; nothing is written. `attended` marks rows without an attendance column attended."""
    listed: set[int] = set()
    listed_outside: set[str] = set()
    if activity_id is not None:
        if session.get(Activity, activity_id) is None:
            raise NotFoundError(_("Activity {id} does not exist.").format(id=activity_id))
        for cid, email in session.execute(select(Participation.contact_id, Participation.email)
                                          .where(Participation.activity_id == activity_id)):
            if cid is not None:
                listed.add(cid)
            elif email:
                listed_outside.add(email.lower())
    candidates = _candidate_contacts(session, rows)
    by_email: dict[str, list[Candidate]] = {}
    by_name: dict[str, list[Candidate]] = {}
    for c in candidates:
        if c.email:
            by_email.setdefault(c.email.lower(), []).append(c)
        by_name.setdefault(person_name_key(c.name), []).append(c)
    member_index = _member_index(session, rows)
    lines, seen = [], set()
    for r in rows:
        key = r.email or f"{person_name_key(r.name)}|{organisation_key(r.organisation)}"
        line = _match(r, by_email, by_name, member_index, attended if r.attended is None else r.attended)
        if key in seen:
            line = replace(line, status=MatchStatus.SKIPPED, action=Action.SKIP,
                           reason=_("repeats an earlier row of the file"))
        seen.add(key)
        already = (line.contact_id in listed) if line.contact_id else bool(
            line.action is Action.OUTSIDE and r.email and r.email in listed_outside)
        lines.append(replace(line, already_listed=already))
    return RegistrationPreview(activity_id, source, tuple(lines))


def _match(r: RegistrationRow, by_email, by_name, member_index, attended: bool) -> PreviewLine:
    base = {"row": r.row, "name": r.name, "email": r.email, "organisation": r.organisation, "attended": attended,
            "first_name": r.first_name, "last_name": r.last_name}

    def matched(c: Candidate, reason: str) -> PreviewLine:
        return PreviewLine(**base, status=MatchStatus.MATCHED, action=Action.CONTACT, reason=reason,
                           contact_id=c.contact_id, member_id=c.member_id, member_name=c.member_name)

    def doubtful(found: list[Candidate], reason: str) -> PreviewLine:
        return PreviewLine(**base, status=MatchStatus.DOUBTFUL, action=Action.SKIP, reason=reason,
                           candidates=tuple(found))

    if r.email and r.email in by_email:
        found = by_email[r.email]
        if len(found) == 1:
            return matched(found[0], _("same e-mail as {name} ({member})").format(
                name=found[0].name, member=found[0].member_name))
        return doubtful(found, _("{n} contacts share this e-mail").format(n=len(found)))
    same_name = by_name.get(person_name_key(r.name), [])
    org = organisation_key(r.organisation)
    if same_name and not org:
        return doubtful(same_name, _("same name as a contact, but no organisation given"))
    same_org = [c for c in same_name if same_organisation(c.member_name, r.organisation)]
    if len(same_org) > 1:
        return doubtful(same_org, _("{n} contacts of this member have this name").format(n=len(same_org)))
    if same_org:
        c = same_org[0]
        if r.email and c.email and r.email != c.email.lower():
            return doubtful(same_org, _("same name and member as {name}, but the e-mail differs ({email})").format(
                name=c.name, email=c.email))
        return matched(c, _("same name and member"))
    possible = members_for(r.organisation, member_index)
    if len(possible) > 1:
        return PreviewLine(**base, status=MatchStatus.DOUBTFUL, action=Action.SKIP, reason=_(
            "{organisation} may be {names}: choose the member, or add the person from outside").format(
            organisation=r.organisation, names=" / ".join(name for _mid, name in possible)),
            member_choices=tuple(possible))
    if same_name and not same_org and any(organisation_key(c.member_name) == org for c in same_name):
        other = next(c for c in same_name if organisation_key(c.member_name) == org)
        return doubtful([other], _("same name as {name} of {member}, but the legal form differs ({organisation})")
                        .format(name=other.name, member=other.member_name, organisation=r.organisation))
    if possible:
        mid, member_name = possible[0]
        return PreviewLine(**base, status=MatchStatus.NEW, action=Action.NEW_CONTACT, member_id=mid,
                           member_name=member_name, reason=_("new contact of member {member}").format(
                               member=member_name))
    return PreviewLine(**base, status=MatchStatus.NEW, action=Action.OUTSIDE,
                       reason=_("not a member's contact: added as a participant from outside"))


# ---------------------------------------------------------------------------------------------
# Applying


@records_action("import", lambda r: _("Import of a participant list"))
def apply_registrations(session: Session, preview: RegistrationPreview, *, activity_id: int | None = None,
                        decisions: Mapping[int, int | Action | str] | None = None) -> ImportResult:
    """Write the previewed rows (in the caller's one transaction: an error leaves nothing saved)."""
    for row, choice in (decisions or {}).items():
        preview = preview.resolve(row, choice)
    activity_id = activity_id if activity_id is not None else preview.activity_id
    if activity_id is None:
        raise ValidationError("activity", None, _("choose the activity the list belongs to"))
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFoundError(_("Activity {id} does not exist.").format(id=activity_id))
    existing = {p.contact_id: p for p in activity.participations if p.contact_id is not None}
    outside = {_outside_key(p.email, p.name, p.organisation): p for p in activity.participations
               if p.contact_id is None}
    added = updated = new_contacts = outsiders = skipped = 0
    for line in preview.lines:
        if line.action is Action.SKIP:
            skipped += 1
            continue
        if line.action is Action.NEW_CONTACT:
            line = replace(line, contact_id=_new_contact(session, line))
            new_contacts += 1
        key = _outside_key(line.email, line.name, line.organisation)
        if line.action is Action.OUTSIDE and key in outside:
            _mark(outside[key], line)
            updated += 1
        elif line.action is Action.OUTSIDE:
            p = act.add_outside_participant(session, activity_id, act.OutsidePerson(
                line.name, line.organisation, line.email), registered=True, attended=line.attended)
            outside[key] = session.get(Participation, p.id)
            added += 1
            outsiders += 1
        elif line.contact_id in existing:
            _mark(existing[line.contact_id], line)
            updated += 1
        else:
            p = act.add_contact_participant(session, activity_id, line.contact_id, registered=True,
                                            attended=line.attended)
            existing[line.contact_id] = session.get(Participation, p.id)
            added += 1
    session.flush()
    return ImportResult(activity_id, added, updated, new_contacts, outsiders, skipped)


def _outside_key(email: str | None, name: str | None, organisation: str | None) -> str:
    """How an outside person is recognised on one list: e-mail, else name and organisation."""
    if email:
        return email.lower()
    return f"{(name or '').lower()}|{(organisation or '').lower()}"


def _mark(p: Participation, line: PreviewLine) -> None:
    p.registered = True
    p.attended = p.attended or line.attended


def _new_contact(session: Session, line: PreviewLine) -> int:
    first, last = line.first_name, line.last_name
    if not first and not last:
        first, _sep, last = line.name.partition(" ")
    try:
        contact = members.add_contact(session, line.member_id, members.ContactInput(
            first_name=first or "", last_name=last or "", email=line.email))
    except ValidationError as exc:
        raise ValidationError(exc.field, exc.value, _("row {row}: {message}").format(
            row=line.row, message=exc.problems[0].message)) from exc
    return contact.id
