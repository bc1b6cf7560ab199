"""Selections of contacts: saved under a name, evaluated afresh each time, and the consent rule.

`evaluate(session, criteria)` gives the contacts that match (erased people never do).
`audience(...)` is what a mailing may use: contacts without an e-mail address are left out, and so
are contacts without consent to be contacted, unless the mailing is a legal notice (an invoice, a
reminder) and the user says so; the result says how many were left out and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import ConflictError, NotFoundError, ValidationError
from clustermanager.i18n import _, current_language, ngettext
from clustermanager.models import (
    Activity,
    Contact,
    FeeCall,
    Mailing,
    MailingRecipient,
    Member,
    MemberKind,
    Participation,
    Project,
    ProjectPartner,
    SavedSelection,
    SizeClass,
)
from clustermanager.services import fees
from clustermanager.services.members import active_on_clause
from clustermanager.services.selection_criteria import Criteria, criteria_from_dict, describe


@dataclass(frozen=True)
class Recipient:
    contact_id: int
    member_id: int
    first_name: str
    last_name: str
    email: str | None
    language: str  # the contact's language, or the default when they have none
    organisation: str
    role: str | None
    is_main: bool
    consent: bool
    member_kind: MemberKind
    size_class: SizeClass | None
    province: str | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class Audience:
    """Who a mailing reaches, and who it leaves out (with the reason)."""

    recipients: tuple[Recipient, ...]
    without_consent: tuple[Recipient, ...]  # left out, or included because of a legal notice
    without_email: tuple[Recipient, ...]
    legal_notice: bool = False

    def explanation(self) -> str:
        """One sentence for the screen and the command line: how many were left out, and why."""
        parts = [ngettext("{n} contact will receive it", "{n} contacts will receive it",
                          len(self.recipients)).format(n=len(self.recipients))]
        if self.without_consent and self.legal_notice:
            parts.append(ngettext(
                "{n} of them without consent to be contacted: this is a legal notice, and the draft says so",
                "{n} of them without consent to be contacted: this is a legal notice, and the drafts say so",
                len(self.without_consent)).format(n=len(self.without_consent)))
        elif self.without_consent:
            parts.append(ngettext("{n} left out: no consent to be contacted",
                                  "{n} left out: no consent to be contacted",
                                  len(self.without_consent)).format(n=len(self.without_consent)))
        if self.without_email:
            parts.append(ngettext("{n} left out: no e-mail address", "{n} left out: no e-mail address",
                                  len(self.without_email)).format(n=len(self.without_email)))
        return "; ".join(parts) + "."


@dataclass(frozen=True)
class SelectionData:
    id: int
    name: str
    description: str | None
    criteria: Criteria
    version: int

    @property
    def criteria_text(self) -> list[str]:
        return describe(self.criteria)


# ---------------------------------------------------------------------------------------------
# Evaluating


def _query(c: Criteria, today: dt.date):
    query = (select(Contact, Member.name, Member.kind, Member.size_class, Member.province)
             .join(Member, Member.id == Contact.member_id)
             .where(Contact.erased_on.is_(None))
             .order_by(func.lower(Member.name), func.lower(Contact.last_name), func.lower(Contact.first_name),
                       Contact.id))
    if not c.include_former_members:
        query = query.where(active_on_clause(today))
    if c.kinds:
        query = query.where(Member.kind.in_([MemberKind(k) for k in c.kinds]))
    if c.sizes:
        query = query.where(Member.size_class.in_([SizeClass(s) for s in c.sizes]))
    if c.provinces:
        query = query.where(func.lower(Member.province).in_([p.lower() for p in c.provinces]))
    if c.main_contact_only:
        query = query.where(Contact.is_main.is_(True))
    if c.roles:
        query = query.where(or_(*(func.lower(Contact.role).like(v.like_pattern(r), escape="\\") for r in c.roles)))
    if c.attended_from or c.attended_to or c.activity_kinds:
        attended = (select(Participation.id).join(Activity, Activity.id == Participation.activity_id)
                    .where(Participation.contact_id == Contact.id, Participation.attended.is_(True)))
        if c.attended_from:
            attended = attended.where(Activity.starts_on >= c.attended_from)
        if c.attended_to:
            attended = attended.where(Activity.starts_on <= c.attended_to)
        if c.activity_kinds:
            attended = attended.where(Activity.kind.in_(c.activity_kinds))
        query = query.where(exists(attended))
    if c.project_partners or c.project_statuses:
        partner = select(ProjectPartner.id).where(ProjectPartner.member_id == Member.id)
        if c.project_statuses:
            partner = partner.join(Project, Project.id == ProjectPartner.project_id).where(
                Project.status.in_(c.project_statuses))
        query = query.where(exists(partner))
    if c.received_template:
        got = (select(MailingRecipient.id).join(Mailing, Mailing.id == MailingRecipient.mailing_id)
               .where(MailingRecipient.contact_id == Contact.id, Mailing.template == c.received_template))
        if c.received_year:
            got = got.where(or_(Mailing.year == c.received_year, Mailing.year.is_(None)
                                & (func.extract("year", Mailing.written_at) == c.received_year)))
        query = query.where(~exists(got) if c.not_received else exists(got))
    return query


def _fee_members(session: Session, c: Criteria, today: dt.date) -> set[int] | None:
    if not c.fee_statuses:
        return None
    calls = fees.list_calls(session, year=c.fee_year, today=today)
    wanted = set(c.fee_statuses)
    matched = {r.member_id for r in calls if r.status.value in wanted}
    if "none" in wanted:
        called = set(session.scalars(select(FeeCall.member_id).where(FeeCall.year == c.fee_year)))
        matched |= set(session.scalars(select(Member.id))) - called
    return matched


def evaluate(session: Session, criteria: Criteria, *, today: dt.date | None = None,
             default_language: str | None = None) -> list[Recipient]:
    """The contacts matching the criteria today, sorted by organisation and name."""
    today = today or dt.date.today()
    default = (default_language or current_language() or "nl")[:2]
    fee_members = _fee_members(session, criteria, today)
    out = []
    for contact, member_name, kind, size, province in session.execute(_query(criteria, today)):
        if fee_members is not None and contact.member_id not in fee_members:
            continue
        language = contact.language or default
        if criteria.languages and language not in criteria.languages:
            continue
        out.append(Recipient(contact.id, contact.member_id, contact.first_name, contact.last_name, contact.email,
                             language, member_name, contact.role, contact.is_main, contact.consent, kind, size,
                             province))
    return out


def split_audience(people: list[Recipient], *, legal_notice: bool = False) -> Audience:
    """The consent rule: no consent, no mailing; a legal notice (invoice, reminder) may override it."""
    with_email = [p for p in people if p.email]
    without_email = tuple(p for p in people if not p.email)
    without_consent = tuple(p for p in with_email if not p.consent)
    recipients = tuple(with_email if legal_notice else (p for p in with_email if p.consent))
    return Audience(recipients, without_consent, without_email, legal_notice)


def audience(session: Session, criteria: Criteria, *, legal_notice: bool = False, today: dt.date | None = None,
             default_language: str | None = None) -> Audience:
    return split_audience(evaluate(session, criteria, today=today, default_language=default_language),
                          legal_notice=legal_notice)


# ---------------------------------------------------------------------------------------------
# Saved selections


def _data(row: SavedSelection) -> SelectionData:
    return SelectionData(row.id, row.name, row.description, Criteria.from_json(row.criteria), row.version)


def list_selections(session: Session) -> list[SelectionData]:
    return [_data(r) for r in session.scalars(select(SavedSelection).order_by(func.lower(SavedSelection.name)))]


def _find(session: Session, key: str | int) -> SavedSelection:
    text = str(key).strip()
    row = session.scalar(select(SavedSelection).where(func.lower(SavedSelection.name) == text.lower()))
    if row is None and text.isdigit():
        row = session.get(SavedSelection, int(text))
    if row is None:
        names = ", ".join(s.name for s in list_selections(session)) or _("none yet")
        raise NotFoundError(_("There is no selection {name} (saved selections: {names}).").format(
            name=text, names=names))
    return row


def get_selection(session: Session, key: str | int) -> SelectionData:
    """A saved selection by name (any case) or id."""
    return _data(_find(session, key))


def save_selection(session: Session, name: str, criteria: Criteria | dict, *, description: str | None = None,
                   selection_id: int | None = None, expected_version: int | None = None) -> SelectionData:
    """Save new criteria under a name, or replace those of `selection_id`."""
    name = v.clean_text(name, "name", max_length=100)
    if not name:
        raise ValidationError("name", name, _("a selection needs a name"))
    description = v.clean_text(description, "description", max_length=300)
    if isinstance(criteria, dict):
        criteria = criteria_from_dict(criteria)
    same = session.scalar(select(SavedSelection).where(func.lower(SavedSelection.name) == name.lower()))
    if same is not None and same.id != selection_id:
        raise ValidationError("name", name, _("another selection already has this name"))
    if selection_id is None:
        row = SavedSelection(name=name)
        session.add(row)
    else:
        row = session.get(SavedSelection, selection_id)
        if row is None:
            raise NotFoundError(_("Selection {id} does not exist.").format(id=selection_id))
        if expected_version is not None and row.version != expected_version:
            raise ConflictError(_("Someone else changed the selection {name} since you opened it.").format(
                name=row.name), theirs=_data(row), mine=criteria)
        row.name = name
    row.description = description
    row.criteria = criteria.to_json()
    session.flush()
    return _data(row)


def rename_selection(session: Session, key: str | int, new_name: str) -> SelectionData:
    """Give a saved selection another name (its criteria stay)."""
    row = _find(session, key)
    return save_selection(session, new_name, Criteria.from_json(row.criteria), description=row.description,
                          selection_id=row.id)


def delete_selection(session: Session, key: str | int) -> None:
    session.delete(_find(session, key))
    session.flush()
