"""Activities the cluster organises and the people who registered for and attended them.

Kinds are the built-in `models.ACTIVITY_KINDS` plus the cluster's own, kept in the setting
"activity_kinds" (a mapping code -> label). A participant is either a member's contact (the member is
taken from the contact, so it cannot disagree) or someone from outside (name, organisation, e-mail).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, fields

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from clustermanager import validation as v
from clustermanager.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from clustermanager.i18n import _
from clustermanager.models import ACTIVITY_KINDS, Activity, Contact, Member, Participation
from clustermanager.services import cluster
from clustermanager.services.history.actions import moves_to_trash
from clustermanager.services.input_checks import checked

KINDS_SETTING = "activity_kinds"
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.hu]([0-5]\d)$")

# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class ParticipantData:
    id: int
    activity_id: int
    contact_id: int | None
    member_id: int | None
    member_name: str | None
    name: str  # the contact's name for a member's person, else the name as registered
    organisation: str | None  # the member's name for a member's person
    email: str | None
    registered: bool
    attended: bool

    @property
    def is_outside(self) -> bool:
        return self.member_id is None


@dataclass(frozen=True)
class ActivityRow:
    """One line of the activities table; the counts come from one aggregate query."""

    id: int
    kind: str
    kind_label: str
    title: str
    starts_on: dt.date
    ends_on: dt.date | None
    location: str | None
    online: bool
    international: bool
    organiser: str | None
    tags: str | None
    registered: int
    attended: int
    member_organisations: int  # distinct members with someone who attended
    search_text: str = ""


@dataclass(frozen=True)
class ActivityInput:
    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    start_time: str | None = None
    location: str | None = None
    online: bool = False
    international: bool = False
    organiser: str | None = None
    description: str | None = None
    tags: str | None = None


@dataclass(frozen=True)
class ActivityDetail:
    id: int
    kind: str
    kind_label: str
    title: str
    starts_on: dt.date
    ends_on: dt.date | None
    start_time: str | None
    location: str | None
    online: bool
    international: bool
    organiser: str | None
    description: str | None
    tags: str | None
    version: int
    participants: tuple[ParticipantData, ...] = ()

    def to_input(self) -> ActivityInput:
        return ActivityInput(**{f.name: getattr(self, f.name) for f in fields(ActivityInput)})


# ---------------------------------------------------------------------------------------------
# Kinds


def activity_kinds(session: Session) -> dict[str, str]:
    """Code -> translated label: the built-in kinds, then the cluster's own in the order added."""
    kinds = {code: _(label) for code, label in ACTIVITY_KINDS.items()}
    extra = cluster.get_setting(session, KINDS_SETTING, {}) or {}
    if isinstance(extra, list):  # tolerate a plain list of labels written by hand
        extra = {kind_code(label): label for label in extra}
    for code, label in extra.items():
        kinds.setdefault(code, label)
    return kinds


def kind_code(label: str) -> str:
    """'Hackathon & demo day' -> 'hackathon_demo_day': a stable code from a label."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[:40]


def add_activity_kind(session: Session, label: str) -> str:
    """Add a kind of the cluster's own (preferences); returns its code. Existing labels are refused."""
    label = v.clean_text(label, "kind", required=True, max_length=100)
    code = kind_code(label)
    if not code:
        raise ValidationError("kind", label, _("needs at least one letter or digit"))
    kinds = activity_kinds(session)
    if code in kinds or label.lower() in (k.lower() for k in kinds.values()):
        raise ValidationError("kind", label, _("already exists"))
    extra = dict(cluster.get_setting(session, KINDS_SETTING, {}) or {})
    extra[code] = label
    cluster.set_setting(session, KINDS_SETTING, extra)
    return code


def remove_activity_kind(session: Session, code: str) -> None:
    """Remove a kind of the cluster's own; refused while activities use it or for a built-in kind."""
    if code in ACTIVITY_KINDS:
        raise ValidationError("kind", code, _("is built in and cannot be removed"))
    used = session.scalar(select(func.count()).select_from(Activity).where(Activity.kind == code))
    if used:
        raise ValidationError("kind", code, _("is used by {n} activities").format(n=used))
    extra = dict(cluster.get_setting(session, KINDS_SETTING, {}) or {})
    if extra.pop(code, None) is None:
        raise NotFoundError(_("There is no activity kind {code!r}.").format(code=code))
    cluster.set_setting(session, KINDS_SETTING, extra)


# ---------------------------------------------------------------------------------------------
# Validation and conversions


def validate_activity(session: Session, data: ActivityInput) -> dict:
    problems: list[FieldProblem] = []
    kinds = activity_kinds(session)
    kind = (data.kind or "").strip()
    if kind not in kinds:  # a label typed in a sheet or on the command line is fine too
        kind = next((code for code, label in kinds.items() if label.lower() == kind.lower()), kind)
    if kind not in kinds:
        problems.append(FieldProblem("kind", data.kind, _("must be one of: {allowed}").format(
            allowed=", ".join(kinds))))
    out = {
        "kind": kind,
        "title": checked(problems, v.clean_text, data.title, "title", required=True),
        "starts_on": checked(problems, v.date_in_range, data.starts_on, "starts_on", required=True),
        "ends_on": checked(problems, v.date_in_range, data.ends_on, "ends_on"),
        "location": checked(problems, v.clean_text, data.location, "location"),
        "organiser": checked(problems, v.clean_text, data.organiser, "organiser"),
        "description": checked(problems, v.clean_text, data.description, "description", max_length=20000),
        "tags": _tags(problems, data.tags),
        "online": bool(data.online),
        "international": bool(data.international),
        "start_time": None,
    }
    if out["starts_on"] and out["ends_on"] and out["ends_on"] < out["starts_on"]:
        problems.append(FieldProblem("ends_on", out["ends_on"].isoformat(), _("lies before the start")))
    if data.start_time not in (None, ""):
        match = _TIME.match(str(data.start_time).strip())
        if match:
            out["start_time"] = f"{int(match[1]):02d}:{match[2]}"
        else:
            problems.append(FieldProblem("start_time", data.start_time, _("is not a time (use 14:00)")))
    if problems:
        raise ValidationError.from_problems(problems)
    return out


def _tags(problems: list[FieldProblem], tags: str | None) -> str | None:
    cleaned = ", ".join(dict.fromkeys(t.strip() for t in (tags or "").split(",") if t.strip()))
    return checked(problems, v.clean_text, cleaned, "tags", max_length=300)


def _participant(p: Participation) -> ParticipantData:
    if p.contact is not None and p.contact.erased_on is None:
        name, email = p.contact.full_name, p.contact.email
    elif p.member_id is not None and not p.name:  # contact removed or erased (GDPR): still counted
        name, email = _("(removed contact)"), None
    else:
        name, email = p.name or "", p.email
    organisation = p.member.name if p.member is not None else p.organisation
    return ParticipantData(p.id, p.activity_id, p.contact_id, p.member_id,
                           p.member.name if p.member is not None else None, name, organisation, email,
                           p.registered, p.attended)


def _detail(session: Session, a: Activity) -> ActivityDetail:
    kinds = activity_kinds(session)
    participants = sorted((_participant(p) for p in a.participations),
                          key=lambda p: ((p.organisation or "").lower(), p.name.lower()))
    return ActivityDetail(a.id, a.kind, kinds.get(a.kind, a.kind), a.title, a.starts_on, a.ends_on, a.start_time,
                          a.location, a.online, a.international, a.organiser, a.description, a.tags, a.version,
                          tuple(participants))


def _load(session: Session, activity_id: int) -> Activity:
    # the participant list with its contacts and members in three queries, not one per person
    activity = session.get(Activity, activity_id, options=[
        selectinload(Activity.participations).selectinload(Participation.contact),
        selectinload(Activity.participations).selectinload(Participation.member)])
    if activity is None:
        raise NotFoundError(_("Activity {id} does not exist.").format(id=activity_id))
    return activity


# ---------------------------------------------------------------------------------------------
# Use cases: activities


def create_activity(session: Session, data: ActivityInput) -> ActivityDetail:
    activity = Activity(**validate_activity(session, data))
    session.add(activity)
    session.flush()
    return _detail(session, activity)


def update_activity(session: Session, activity_id: int, data: ActivityInput, *,
                    expected_version: int | None = None) -> ActivityDetail:
    activity = _load(session, activity_id)
    if expected_version is not None and activity.version != expected_version:
        raise ConflictError(_("Someone else changed {title} since you opened it.").format(title=activity.title),
                            theirs=_detail(session, activity), mine=data)
    for key, value in validate_activity(session, data).items():
        setattr(activity, key, value)
    session.flush()
    return _detail(session, activity)


@moves_to_trash("activity")
def delete_activity(session: Session, activity_id: int) -> None:
    """Delete an activity with its participant list (for one entered by mistake or cancelled)."""
    session.delete(_load(session, activity_id))
    session.flush()


def get_activity(session: Session, activity_id: int) -> ActivityDetail:
    return _detail(session, _load(session, activity_id))


def participant_counts():
    """A subquery per activity: registered, attended, distinct member organisations that attended."""
    return (
        select(
            Participation.activity_id.label("activity_id"),
            func.sum(case((Participation.registered, 1), else_=0)).label("registered"),
            func.sum(case((Participation.attended, 1), else_=0)).label("attended"),
            func.count(func.distinct(case((Participation.attended, Participation.member_id)))).label("members"),
        )
        .group_by(Participation.activity_id)
        .subquery()
    )


def list_activities(
    session: Session,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    kind: str | None = None,
    search: str | None = None,
    member_id: int | None = None,
) -> list[ActivityRow]:
    """Activities (newest first) with their participant counts, in one set-based query.

    `start`/`end` keep activities starting within the period; `member_id` those where someone of
    that member registered or attended.
    """
    counts = participant_counts()
    query: Select = (
        select(Activity.id, Activity.kind, Activity.title, Activity.starts_on, Activity.ends_on, Activity.location,
               Activity.online, Activity.international, Activity.organiser, Activity.tags,
               func.coalesce(counts.c.registered, 0), func.coalesce(counts.c.attended, 0),
               func.coalesce(counts.c.members, 0))
        .outerjoin(counts, counts.c.activity_id == Activity.id)
        .order_by(Activity.starts_on.desc(), Activity.id.desc())
    )
    if start is not None:
        query = query.where(Activity.starts_on >= start)
    if end is not None:
        query = query.where(Activity.starts_on <= end)
    if kind:
        query = query.where(Activity.kind == kind)
    if member_id is not None:
        query = query.where(Activity.id.in_(
            select(Participation.activity_id).where(Participation.member_id == member_id)))
    search = v.clean_text(search, "search", max_length=500)
    if search:
        like = v.like_pattern(search)
        query = query.where(or_(*(func.lower(col).like(like, escape="\\") for col in (
            Activity.title, Activity.location, Activity.organiser, Activity.tags))))
    kinds = activity_kinds(session)
    rows = []
    for r in session.execute(query):
        label = kinds.get(r.kind, r.kind)
        haystack = " ".join(filter(None, (r.title, label, r.location, r.organiser, r.tags))).lower()
        rows.append(ActivityRow(r[0], r[1], label, *r[2:], search_text=haystack))
    return rows


# ---------------------------------------------------------------------------------------------
# Use cases: participants


def add_contact_participant(session: Session, activity_id: int, contact_id: int, *, registered: bool = True,
                            attended: bool = False) -> ParticipantData:
    """Add a member's contact; the member is the contact's, so the two cannot disagree."""
    activity = _load(session, activity_id)
    contact = session.get(Contact, contact_id)
    if contact is None or contact.erased_on is not None:
        raise NotFoundError(_("Contact {id} does not exist.").format(id=contact_id))
    already = session.scalar(select(Participation.id).where(
        Participation.activity_id == activity.id, Participation.contact_id == contact_id))
    if already is not None:
        raise ValidationError("contact", contact.full_name, _("is already on the list of this activity"))
    _check_flags(registered, attended)
    p = Participation(activity=activity, contact=contact, member_id=contact.member_id,
                      registered=registered, attended=attended)
    session.add(p)
    session.flush()
    return _participant(p)


@dataclass(frozen=True)
class OutsidePerson:
    name: str
    organisation: str | None = None
    email: str | None = None


def validate_outside(person: OutsidePerson) -> dict:
    problems: list[FieldProblem] = []
    out = {
        "name": checked(problems, v.clean_text, person.name, "name", required=True),
        "organisation": checked(problems, v.clean_text, person.organisation, "organisation"),
        "email": checked(problems, v.email, person.email),
    }
    if problems:
        raise ValidationError.from_problems(problems)
    return out


def add_outside_participant(session: Session, activity_id: int, person: OutsidePerson, *, registered: bool = True,
                            attended: bool = False) -> ParticipantData:
    """Add someone who is not a member's contact (a guest, a speaker, a prospect)."""
    activity = _load(session, activity_id)
    values = validate_outside(person)
    _check_flags(registered, attended)
    same = [Participation.activity_id == activity.id, Participation.contact_id.is_(None)]
    if values["email"]:
        same.append(func.lower(Participation.email) == values["email"])
    else:
        same += [func.lower(Participation.name) == values["name"].lower(),
                 func.lower(func.coalesce(Participation.organisation, "")) == (values["organisation"] or "").lower()]
    if session.scalar(select(Participation.id).where(and_(*same))) is not None:
        raise ValidationError("name", values["name"], _("is already on the list of this activity"))
    p = Participation(activity=activity, registered=registered, attended=attended, **values)
    session.add(p)
    session.flush()
    return _participant(p)


def _check_flags(registered: bool, attended: bool) -> None:
    if not registered and not attended:
        raise ValidationError("registered", False, _("a participant is registered, attended, or both"))


def set_participation(session: Session, participation_id: int, *, registered: bool | None = None,
                      attended: bool | None = None) -> ParticipantData:
    """Tick registered/attended (the attendance list after the event)."""
    p = session.get(Participation, participation_id)
    if p is None:
        raise NotFoundError(_("Participation {id} does not exist.").format(id=participation_id))
    new_registered = p.registered if registered is None else bool(registered)
    new_attended = p.attended if attended is None else bool(attended)
    _check_flags(new_registered, new_attended)
    p.registered, p.attended = new_registered, new_attended
    session.flush()
    return _participant(p)


def remove_participant(session: Session, participation_id: int) -> None:
    p = session.get(Participation, participation_id)
    if p is None:
        raise NotFoundError(_("Participation {id} does not exist.").format(id=participation_id))
    p.activity.participations.remove(p)  # delete-orphan: gone from the table and from the loaded list
    session.flush()


def contact_choices(session: Session, search: str | None = None, limit: int = 200) -> list[ParticipantData]:
    """Contacts to pick from when adding participants (name, member, e-mail), alphabetical."""
    query = (select(Contact.id, Contact.member_id, Member.name, Contact.first_name, Contact.last_name, Contact.email)
             .join(Member, Member.id == Contact.member_id).where(Contact.erased_on.is_(None))
             .order_by(Contact.last_name, Contact.first_name).limit(limit))
    search = v.clean_text(search, "search", max_length=500)
    if search:
        like = v.like_pattern(search)
        query = query.where(or_(func.lower(Contact.first_name + " " + Contact.last_name).like(like, escape="\\"),
                                func.lower(Member.name).like(like, escape="\\"),
                                func.lower(Contact.email).like(like, escape="\\")))
    return [ParticipantData(0, 0, cid, mid, mname, f"{first} {last}".strip(), mname, email, True, False)
            for cid, mid, mname, first, last, email in session.execute(query)]
