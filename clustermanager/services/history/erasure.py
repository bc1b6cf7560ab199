"""Erasing a person from the history (and so from the trash, which is kept in it): GDPR erasure.

The records stay (the counts of what happened do not change); the person's personal fields in
their old and new values become empty, their name becomes the placeholder, in the records and in
the names of the actions that carried it.
"""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from clustermanager.change_recording import registry
from clustermanager.change_recording.recorder import flush_history
from clustermanager.change_recording.values import dumps, loads
from clustermanager.models.history import ChangeAction, ChangeRecord


def erase_person(session: Session, contact_id: int, *, names: list[str], email: str | None, placeholder: str) -> int:
    """Scrub every record of contact `contact_id` (and participations matched by `email`); returns how many."""
    session.flush()
    flush_history(session)
    condition = or_(ChangeRecord.person_id == contact_id,
                    and_(ChangeRecord.table_name == "contact", ChangeRecord.row_id == contact_id))
    if email:
        like = f"%{email.lower()}%"
        condition = or_(condition, and_(ChangeRecord.table_name == "participation", or_(
            func.lower(ChangeRecord.old_values).like(like), func.lower(ChangeRecord.new_values).like(like))))
    conn = session.connection()
    records = conn.execute(select(ChangeRecord.id, ChangeRecord.table_name, ChangeRecord.action_id,
                                  ChangeRecord.old_values, ChangeRecord.new_values).where(condition)).all()
    actions = set()
    for rid, table, action_id, old_text, new_text in records:
        info = registry.TABLES.get(table)
        personal = info.personal if info else ()
        old, new = loads(old_text), loads(new_text)
        for values in (old, new):
            for key in personal:
                if key in values and values[key] is not None:
                    values[key] = None
        conn.execute(update(ChangeRecord.__table__).where(ChangeRecord.id == rid).values(
            old_values=dumps(old) if old_text is not None else None,
            new_values=dumps(new) if new_text is not None else None,
            record_name=placeholder, person_id=contact_id, version=ChangeRecord.version + 1))
        actions.add(action_id)
    texts = sorted({n for n in names if n and n.strip()}, key=len, reverse=True)
    if texts and actions:
        for action_id, label in conn.execute(select(ChangeAction.id, ChangeAction.label)
                                             .where(ChangeAction.id.in_(sorted(actions)))).all():
            cleaned = label
            for text in texts:
                cleaned = cleaned.replace(text, placeholder)
            if cleaned != label:
                conn.execute(update(ChangeAction.__table__).where(ChangeAction.id == action_id)
                             .values(label=cleaned, version=ChangeAction.version + 1))
    session.expire_all()
    return len(records)
