"""Members and their contacts: create, update, end a membership, search, list on a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import _, ngettext
from clustermanager.models import (
    Contact,
    FeeCall,
    InKindContribution,
    Member,
    MemberKind,
    Participation,
    ProjectPartner,
    SizeClass,
)
from clustermanager.services.conflicts import conflict_error, version_guard
from clustermanager.services.history.actions import moves_to_trash
from clustermanager.services.member_input import (  # noqa: F401 (importable from here, as callers do)
    ContactInput,
    MemberInput,
    validate_contact,
    validate_member,
)

# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class ContactData:
    id: int
    member_id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    role: str | None
    is_main: bool
    consent: bool
    consent_on: dt.date | None
    version: int
    language: str | None = None  # nl, fr or en: the language of mailings to this person

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class MemberRow:
    """One line of the member register: enough to show, sort and filter 100,000 of them fast."""

    id: int
    name: str
    kind: MemberKind
    size_class: SizeClass | None
    enterprise_number: str | None
    vat_number: str | None
    postcode: str | None
    municipality: str | None
    province: str | None
    country: str
    fee_category: str | None
    joined_on: dt.date
    left_on: dt.date | None
    contact_names: str = ""
    search_text: str = ""  # lower-case haystack for the filter box

    def is_active_on(self, day: dt.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on >= day)

    @property
    def is_sme(self) -> bool:
        return self.kind is MemberKind.COMPANY and self.size_class is not None and self.size_class.is_sme


@dataclass(frozen=True)
class MemberDetail:
    id: int
    name: str
    kind: MemberKind
    size_class: SizeClass | None
    enterprise_number: str | None
    vat_number: str | None
    nace_code: str | None
    nace_version: str | None
    street: str | None
    postcode: str | None
    municipality: str | None
    province: str | None
    country: str
    website: str | None
    email: str | None
    fee_category: str | None
    notes: str | None
    joined_on: dt.date
    left_on: dt.date | None
    version: int
    contacts: tuple[ContactData, ...] = ()
    peppol_id: str | None = None  # stored override of where e-invoices go: `invoicing.einvoice_address`
    einvoice_opt_out: bool = False

    def to_input(self) -> MemberInput:
        names = {f.name for f in fields(MemberInput)}
        return MemberInput(**{k: getattr(self, k) for k in names})


def _check_unique(session: Session, values: dict, member_id: int | None) -> None:
    checks = (
        ("enterprise_number", Member.enterprise_number, values.get("enterprise_number")),
        ("vat_number", Member.vat_number, values.get("vat_number")),
    )
    for field_name, column, value in checks:
        if not value:
            continue
        query = select(Member.name).where(column == value)
        if member_id is not None:
            query = query.where(Member.id != member_id)
        other = session.scalar(query)
        if other is not None:
            raise ValidationError(field_name, value, _("already belongs to member {name}").format(name=other))
    query = select(Member.id).where(func.lower(Member.name) == values["name"].lower())
    if member_id is not None:
        query = query.where(Member.id != member_id)
    if session.scalar(query) is not None:
        raise ValidationError("name", values["name"], _("another member already has this name"))


# ---------------------------------------------------------------------------------------------
# Conversions


def _contact_data(c: Contact) -> ContactData:
    return ContactData(c.id, c.member_id, c.first_name, c.last_name, c.email, c.phone, c.role,
                       c.is_main, c.consent, c.consent_on, c.version, c.language)


def member_detail(m: Member) -> MemberDetail:
    return MemberDetail(
        id=m.id, name=m.name, kind=m.kind, size_class=m.size_class, enterprise_number=m.enterprise_number,
        vat_number=m.vat_number, nace_code=m.nace_code, nace_version=m.nace_version, street=m.street,
        postcode=m.postcode, municipality=m.municipality, province=m.province, country=m.country,
        website=m.website, email=m.email, fee_category=m.fee_category, notes=m.notes,
        joined_on=m.joined_on, left_on=m.left_on, version=m.version,
        contacts=tuple(_contact_data(c) for c in m.contacts if c.erased_on is None),
        peppol_id=m.peppol_id, einvoice_opt_out=m.einvoice_opt_out,
    )


def _load(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise NotFoundError(_("Member {id} does not exist.").format(id=member_id))
    return member


# ---------------------------------------------------------------------------------------------
# Use cases: members


def create_member(session: Session, data: MemberInput) -> MemberDetail:
    values = validate_member(data)
    _check_unique(session, values, None)
    member = Member(**values)
    session.add(member)
    session.flush()
    return member_detail(member)


def update_member(session: Session, member_id: int, data: MemberInput, *, expected_version: int | None = None
                  ) -> MemberDetail:
    """Save a changed member; `expected_version` is the version the form was loaded with."""
    member = _load(session, member_id)
    if expected_version is not None and member.version != expected_version:
        raise conflict_error(member.name, member_detail(member), data)
    values = validate_member(data)
    _check_unique(session, values, member_id)
    name = member.name
    for key, value in values.items():
        setattr(member, key, value)
    with version_guard(session, Member, member_id, name=name, mine=data, describe=member_detail):
        session.flush()
    return member_detail(member)


def end_membership(session: Session, member_id: int, left_on: dt.date) -> MemberDetail:
    """A member leaves: history is kept, the member no longer counts after `left_on`."""
    member = _load(session, member_id)
    left_on = v.date_in_range(left_on, "left_on", required=True)
    if left_on < member.joined_on:
        raise ValidationError("left_on", left_on.isoformat(),
                              _("lies before the joining date {date}").format(date=member.joined_on.isoformat()))
    member.left_on = left_on
    session.flush()
    return member_detail(member)


def get_member(session: Session, member_id: int) -> MemberDetail:
    return member_detail(_load(session, member_id))


def find_member_id(session: Session, key: str) -> int:
    """A member by id, enterprise number (any form) or exact name, for the command line."""
    key = v.clean_text(key, "member", required=True)
    if key.isdigit() and len(key) < 9 and session.get(Member, int(key)) is not None:
        return int(key)
    try:
        number = v.enterprise_number(key)
    except ValidationError:
        number = None
    if number:
        found = session.scalar(select(Member.id).where(Member.enterprise_number == number))
        if found is not None:
            return found
    found = session.scalar(select(Member.id).where(func.lower(Member.name) == key.lower()))
    if found is None:
        raise NotFoundError(_("No member matches {key!r}.").format(key=key))
    return found


USAGE_TEXTS = {  # the counts of member_usage() in a sentence, in the user's language
    "fee_calls": lambda n: ngettext("{n} fee call", "{n} fee calls", n),
    "participations": lambda n: ngettext("{n} participation", "{n} participations", n),
    "project_partnerships": lambda n: ngettext("{n} project partnership", "{n} project partnerships", n),
    "in_kind_contributions": lambda n: ngettext("{n} in-kind contribution", "{n} in-kind contributions", n),
}


def member_usage(session: Session, member_id: int) -> dict[str, int]:
    """What would be lost by deleting a member: fee calls, participations, project partnerships."""
    counts = {}
    for label, model in (("fee_calls", FeeCall), ("participations", Participation),
                         ("project_partnerships", ProjectPartner), ("in_kind_contributions", InKindContribution)):
        counts[label] = session.scalar(select(func.count()).select_from(model).where(model.member_id == member_id))
    return counts


@moves_to_trash("member")
def delete_member(session: Session, member_id: int) -> None:
    """Only for a member entered by mistake: refused when history would be lost (end it instead)."""
    member = _load(session, member_id)
    usage = {k: n for k, n in member_usage(session, member_id).items() if n}
    if usage:
        what = ", ".join(USAGE_TEXTS[k](n).format(n=n) for k, n in usage.items())
        raise ValidationError("member", member.name,
                              _("cannot be deleted: it has {what}; end the membership instead").format(what=what))
    session.delete(member)
    session.flush()


def active_on_clause(day: dt.date):
    return and_(Member.joined_on <= day, or_(Member.left_on.is_(None), Member.left_on >= day))


def active_during_clause(start: dt.date, end: dt.date):
    """Members whose period overlaps [start, end]."""
    return and_(Member.joined_on <= end, or_(Member.left_on.is_(None), Member.left_on >= start))


def members_on(session: Session, day: dt.date) -> list[MemberRow]:
    return list_members(session, active_on=day)


def count_members_on(session: Session, day: dt.date) -> int:
    return session.scalar(select(func.count()).select_from(Member).where(active_on_clause(day)))


def list_members(
    session: Session,
    *,
    active_on: dt.date | None = None,
    search: str | None = None,
    kind: MemberKind | None = None,
    size_class: SizeClass | None = None,
    former_only: bool = False,
) -> list[MemberRow]:
    """The register as rows, with contact names, in two set-based queries (no per-row loading)."""
    query: Select = select(
        Member.id, Member.name, Member.kind, Member.size_class, Member.enterprise_number, Member.vat_number,
        Member.postcode, Member.municipality, Member.province, Member.country, Member.fee_category,
        Member.joined_on, Member.left_on,
    ).order_by(Member.name)
    if active_on is not None:
        query = query.where(active_on_clause(active_on))
    if former_only:
        query = query.where(Member.left_on.is_not(None), Member.left_on < dt.date.today())
    if kind is not None:
        query = query.where(Member.kind == kind)
    if size_class is not None:
        query = query.where(Member.size_class == size_class)
    search = v.clean_text(search, "search")
    if search:
        like = v.like_pattern(search)
        digits = "".join(ch for ch in search if ch.isdigit())
        conditions = [
            func.lower(Member.name).like(like, escape="\\"),
            func.lower(Member.municipality).like(like, escape="\\"),
            exists().where(Contact.member_id == Member.id, Contact.erased_on.is_(None),
                           func.lower(Contact.first_name + " " + Contact.last_name).like(like, escape="\\")),
        ]
        if len(digits) >= 3:
            conditions.append(Member.enterprise_number.like(f"%{digits}%"))
        query = query.where(or_(*conditions))
    rows = session.execute(query).all()
    names = _contact_names(session, [r.id for r in rows] if len(rows) < 500 else None)
    result = []
    for r in rows:
        contacts = names.get(r.id, "")
        haystack = " ".join(filter(None, (r.name, r.enterprise_number, r.vat_number, r.municipality,
                                          r.postcode, contacts))).lower()
        result.append(MemberRow(*r, contact_names=contacts, search_text=haystack))
    return result


def _contact_names(session: Session, member_ids: list[int] | None) -> dict[int, str]:
    query = select(Contact.member_id, Contact.first_name, Contact.last_name).where(Contact.erased_on.is_(None))
    if member_ids is not None:
        if not member_ids:
            return {}
        query = query.where(Contact.member_id.in_(member_ids))
    names: dict[int, list[str]] = {}
    for member_id, first, last in session.execute(query.order_by(Contact.member_id, Contact.is_main.desc())):
        names.setdefault(member_id, []).append(f"{first} {last}".strip())
    return {k: ", ".join(v) for k, v in names.items()}


# ---------------------------------------------------------------------------------------------
# Use cases: contacts


def add_contact(session: Session, member_id: int, data: ContactInput) -> ContactData:
    member = _load(session, member_id)
    values = validate_contact(data)
    if values["is_main"]:
        for other in member.contacts:
            other.is_main = False
    contact = Contact(**values)
    member.contacts.append(contact)
    session.flush()
    return _contact_data(contact)


def update_contact(session: Session, contact_id: int, data: ContactInput, *, expected_version: int | None = None
                   ) -> ContactData:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.erased_on is not None:
        raise NotFoundError(_("Contact {id} does not exist.").format(id=contact_id))
    if expected_version is not None and contact.version != expected_version:
        raise conflict_error(contact.full_name, _contact_data(contact), data)
    values = validate_contact(data)
    name = contact.full_name
    for key, value in values.items():
        setattr(contact, key, value)
    if values["is_main"]:
        for other in contact.member.contacts:
            if other is not contact:
                other.is_main = False
    with version_guard(session, Contact, contact_id, name=name, mine=data, describe=_contact_data):
        session.flush()
    return _contact_data(contact)


def remove_contact(session: Session, contact_id: int) -> None:
    """Remove a contact; their participations stay (counted) but lose the link to the person."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFoundError(_("Contact {id} does not exist.").format(id=contact_id))
    session.delete(contact)
    session.flush()


def list_contacts(session: Session, member_id: int) -> list[ContactData]:
    query = select(Contact).where(Contact.member_id == member_id, Contact.erased_on.is_(None)).order_by(
        Contact.is_main.desc(), Contact.last_name, Contact.first_name)
    return [_contact_data(c) for c in session.scalars(query)]
