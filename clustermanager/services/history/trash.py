"""The trash: a deleted member, activity or project with everything that hung on it, restorable.

A deletion through `moves_to_trash` is an action whose records hold every deleted row in full; the
trash lists those actions, restoring one undoes it (same ids, from any session, refused if the
rows it would bring back were taken meanwhile). Emptying forgets the deleted values (the entries
in the history stay, with their names), for the items older than the retention the user set, and
only when asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import desc, func, select, update
from sqlalchemy.orm import Session

from clustermanager.change_recording import registry
from clustermanager.change_recording.recorder import flush_history
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.i18n import _
from clustermanager.models.base import utcnow
from clustermanager.models.history import ChangeAction, ChangeRecord
from clustermanager.services import cluster
from clustermanager.services.history.replay import StepResult, revert

RETENTION_SETTING = "trash.retention_days"
DEFAULT_RETENTION_DAYS = 30


@dataclass(frozen=True)
class TrashItem:
    id: int  # the deletion's action id: what `trash restore` takes
    table: str
    record_id: int
    name: str
    kind: str  # "member", in the user's language
    deleted_at: dt.datetime
    user: str
    rows: int  # the record and what hung on it
    due: bool  # older than the retention: emptied when the user agrees


def retention_days(session: Session) -> int:
    return int(cluster.get_setting(session, RETENTION_SETTING, DEFAULT_RETENTION_DAYS))


def set_retention_days(session: Session, days: int) -> int:
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 3650:
        raise ValidationError("retention_days", days, _("must be a number of days from 1 to 3650"))
    cluster.set_setting(session, RETENTION_SETTING, days)
    return days


def _trash_query():
    return select(ChangeAction).where(ChangeAction.trash_table.is_not(None), ChangeAction.undone.is_(False),
                                      ChangeAction.purged_at.is_(None))


def list_trash(session: Session, *, now: dt.datetime | None = None) -> list[TrashItem]:
    flush_history(session)
    limit = (now or utcnow()) - dt.timedelta(days=retention_days(session))
    actions = list(session.scalars(_trash_query().order_by(desc(ChangeAction.id))))
    counts = dict(session.execute(select(ChangeRecord.action_id, func.count()).where(
        ChangeRecord.action_id.in_([a.id for a in actions])).group_by(ChangeRecord.action_id)).all()) if actions else {}
    return [TrashItem(a.id, a.trash_table, a.trash_row_id, a.trash_name or "", registry.label_of(a.trash_table),
                      a.created_at, a.user, counts.get(a.id, 0), a.created_at < limit) for a in actions]


def find_item(session: Session, key: str) -> int:
    """A trash item by its number, `member:12`, or the deleted record's name."""
    items = list_trash(session)
    key = (key or "").strip()
    table, sep, rest = key.partition(":")
    found = [i for i in items if (key.isdigit() and i.id == int(key))
             or (sep and i.table == table and (str(i.record_id) == rest or i.name.lower() == rest.lower()))
             or i.name.lower() == key.lower()]
    if not found:
        raise NotFoundError(_("Nothing in the trash matches {key!r}.").format(key=key))
    if len(found) > 1:
        raise ValidationError("item", key, _("matches several items ({ids}): give the number").format(
            ids=", ".join(str(i.id) for i in found)))
    return found[0].id


def restore(session: Session, item_id: int) -> StepResult:
    action = session.scalar(_trash_query().where(ChangeAction.id == item_id))
    if action is None:
        raise NotFoundError(_("Item {id} is not in the trash.").format(id=item_id))
    label = _("Restore of {what} {name} from the trash").format(what=registry.label_of(action.trash_table),
                                                                 name=action.trash_name)
    return revert(session, item_id, kind="restore", label=label)


def empty(session: Session, *, everything: bool = False, now: dt.datetime | None = None) -> int:
    """Forget the deleted values of the items due (or of every item); returns how many were emptied."""
    items = [i.id for i in list_trash(session, now=now) if everything or i.due]
    if not items:
        return 0
    conn = session.connection()
    conn.execute(update(ChangeRecord.__table__).where(ChangeRecord.action_id.in_(items), ChangeRecord.op == "delete")
                 .values(old_values=None, version=ChangeRecord.version + 1))
    conn.execute(update(ChangeAction.__table__).where(ChangeAction.id.in_(items))
                 .values(purged_at=now or utcnow(), version=ChangeAction.version + 1))
    session.expire_all()
    return len(items)
