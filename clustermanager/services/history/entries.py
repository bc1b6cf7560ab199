"""Reading the history: entries for a record, a user, an action kind or a period, with names and values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, desc, func, or_, select
from sqlalchemy.orm import Session

from clustermanager.change_recording import registry
from clustermanager.change_recording.recorder import flush_history
from clustermanager.change_recording.values import STAMPS, loads
from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.models.base import Base
from clustermanager.models.history import ChangeAction, ChangeRecord


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: dt.datetime
    user: str
    action_id: int
    action: str  # the action's name ("Import of 38 members")
    kind: str  # save, import, bank_statement, fee_call_run, delete, undo, redo, restore, erase
    table: str
    record_id: int
    record: str  # the record's name when it was changed
    record_kind: str  # "member", in the user's language
    op: str  # insert, update, delete
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class RecordKey:
    table: str | None
    row_id: int | None
    name: str | None


def parse_record(text: str) -> RecordKey:
    """`member:12`, `member:Acme NV`, `12` is not enough (which table?), or a name (any table)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("record", text, _("give a record: TABLE:ID, TABLE:NAME or a name"))
    table, sep, rest = text.partition(":")
    if sep and table in Base.metadata.tables:
        rest = rest.strip()
        return RecordKey(table, int(rest), None) if rest.isdigit() else RecordKey(table, None, rest)
    return RecordKey(None, None, text)


def _changes(rec: ChangeRecord) -> tuple[FieldChange, ...]:
    old, new = loads(rec.old_values), loads(rec.new_values)
    shown = new if rec.op != "delete" else old
    keys = [k for k, value in shown.items() if k not in STAMPS and k != "id" and value is not None]
    if rec.op == "update":
        keys = [k for k in dict.fromkeys([*old, *new]) if k not in STAMPS]
    return tuple(FieldChange(k, old.get(k), new.get(k)) for k in keys)


def _entry(rec: ChangeRecord, action: ChangeAction, member_names: dict[int, str]) -> HistoryEntry:
    changes = _changes(rec)
    return HistoryEntry(rec.id, action.created_at, action.user, action.id, action.label, action.kind,
                        rec.table_name, rec.row_id, _record_name(rec, changes, member_names),
                        registry.label_of(rec.table_name), rec.op, changes)


def _partner_member(rec: ChangeRecord, changes: tuple[FieldChange, ...]) -> int | None:
    if rec.table_name != "project_partner":
        return None
    value = next((c.new if c.new is not None else c.old for c in changes if c.field == "member_id"), None)
    return value if isinstance(value, int) else None


def _record_name(rec: ChangeRecord, changes: tuple[FieldChange, ...], member_names: dict[int, str]) -> str:
    """A project partner is recorded as "member #121" (its row holds only ids): named by its member now."""
    member_id = _partner_member(rec, changes)
    return member_names.get(member_id, rec.record_name) if member_id is not None else rec.record_name


def _member_names(session: Session, found) -> dict[int, str]:
    ids = {i for rec, _action in found if (i := _partner_member(rec, _changes(rec))) is not None}
    if not ids:
        return {}
    from clustermanager.models import Member

    return dict(session.execute(select(Member.id, Member.name).where(Member.id.in_(ids))).all())


def history(session: Session, *, record: RecordKey | None = None, since: dt.date | dt.datetime | None = None,
            user: str | None = None, kind: str | None = None, action_id: int | None = None,
            person_id: int | None = None, limit: int | None = 1000) -> list[HistoryEntry]:
    """Entries newest first. A record's entries include those of what belongs to it (a member's contacts)."""
    flush_history(session)
    query = select(ChangeRecord, ChangeAction).join(ChangeAction, ChangeAction.id == ChangeRecord.action_id)
    if record is not None:
        if record.table and record.row_id is not None:
            query = query.where(or_(
                and_(ChangeRecord.table_name == record.table, ChangeRecord.row_id == record.row_id),
                and_(ChangeRecord.owner_table == record.table, ChangeRecord.owner_id == record.row_id)))
        else:
            like = f"%{(record.name or '').lower()}%"
            condition = func.lower(ChangeRecord.record_name).like(like)
            if record.table:
                condition = and_(condition, ChangeRecord.table_name == record.table)
            query = query.where(condition)
    if since is not None:
        start = since if isinstance(since, dt.datetime) else dt.datetime.combine(since, dt.time())
        query = query.where(ChangeAction.created_at >= start)
    if user:
        query = query.where(ChangeAction.user == user)
    if kind:
        query = query.where(ChangeAction.kind == kind)
    if action_id is not None:
        query = query.where(ChangeAction.id == action_id)
    if person_id is not None:
        query = query.where(or_(ChangeRecord.person_id == person_id,
                                and_(ChangeRecord.table_name == "contact", ChangeRecord.row_id == person_id)))
    query = query.order_by(desc(ChangeRecord.id))
    if limit:
        query = query.limit(limit)
    found = session.execute(query).all()
    names = _member_names(session, found)
    return [_entry(rec, action, names) for rec, action in found]


def users(session: Session) -> list[str]:
    return list(session.scalars(select(ChangeAction.user).distinct().order_by(ChangeAction.user)))


def action_tables(session: Session, action_id: int) -> set[str]:
    """The tables an action changed (the window refreshes what shows them after its undo)."""
    return set(session.scalars(select(ChangeRecord.table_name).where(ChangeRecord.action_id == action_id).distinct()))


def kinds(session: Session) -> list[str]:
    """The action kinds in the history, for a filter."""
    return list(session.scalars(select(ChangeAction.kind).distinct().order_by(ChangeAction.kind)))
