"""Taking an action back (undo, a restore from the trash) and doing it again (redo), exactly.

An action's records are folded into one net change per row (`net_changes`); undo applies their
inverse, redo applies them again, both with Core statements in the caller's transaction. Before
anything is written every row is checked: it must still be at the version the last step left it at
(the action itself, or its latest undo or redo). A row changed since (by a colleague on a shared
database, or by anything recorded later) refuses the whole step with a message naming the record
and the change. Versions only go up (an undone edit gets a new version), so a form still open
elsewhere sees the row moved on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, desc, insert, select, update
from sqlalchemy.orm import Session

from clustermanager.change_recording import registry
from clustermanager.change_recording.recorder import (
    flush_history,
    make_record,
    recording,
    table_order,
    write_records,
)
from clustermanager.change_recording.values import STAMPS, decode_row, loads
from clustermanager.errors import ConflictError, NotFoundError
from clustermanager.i18n import _
from clustermanager.models.base import Base, utcnow
from clustermanager.models.history import ChangeAction, ChangeRecord
from clustermanager.models.search import deferred_index
from clustermanager.services.history.issued_documents import refuse_taking_back_documents

REVERTING_KINDS = ("undo", "restore")
STEP_KINDS = ("undo", "redo", "restore")  # actions that act on another action


@dataclass
class NetChange:
    table: str
    row_id: int
    op: str
    old: dict = field(default_factory=dict)
    new: dict = field(default_factory=dict)
    name: str = ""

    def inverse(self) -> NetChange:
        op = {"insert": "delete", "delete": "insert"}.get(self.op, "update")
        return NetChange(self.table, self.row_id, op, self.new, self.old, self.name)


def _records(session: Session, action_id: int) -> list[ChangeRecord]:
    return list(session.scalars(select(ChangeRecord).where(ChangeRecord.action_id == action_id)
                                .order_by(ChangeRecord.id)))


def net_changes(records) -> list[NetChange]:
    """One change per row: an insert then an update is an insert of the final values, an insert then
    a delete is nothing, two updates are one (the first old value, the last new one)."""
    nets: dict[tuple[str, int], NetChange] = {}
    for r in records:
        key = (r.table_name, r.row_id)
        old, new = loads(r.old_values), loads(r.new_values)
        prev = nets.get(key)
        if prev is None:
            nets[key] = NetChange(r.table_name, r.row_id, r.op, old, new, r.record_name)
            continue
        if prev.op == "insert":
            if r.op == "update":
                prev.new.update(new)
            elif r.op == "delete":
                nets.pop(key)  # nothing left; an insert after this starts over
                continue
        elif prev.op == "update":
            if r.op == "update":
                for k, v in old.items():
                    prev.old.setdefault(k, v)
                prev.new.update(new)
            elif r.op == "delete":
                prev.op, prev.old, prev.new = "delete", {**old, **prev.old}, {}
        elif prev.op == "delete" and r.op == "insert":
            changed = {k for k in new if k not in STAMPS and prev.old.get(k) != new[k]}
            prev.op, prev.old, prev.new = "update", {k: prev.old.get(k) for k in changed}, \
                {k: new[k] for k in changed}
        prev.name = r.record_name
    return list(nets.values())


def _expected(records) -> dict[tuple[str, int], int | None]:
    """The version each row was left at by these records (None: the row was deleted)."""
    out: dict[tuple[str, int], int | None] = {}
    for r in records:
        out[(r.table_name, r.row_id)] = None if r.op == "delete" else r.row_version
    return out


def _current(session: Session, nets: list[NetChange]) -> dict[tuple[str, int], dict]:
    by_table: dict[str, set[int]] = {}
    for n in nets:
        by_table.setdefault(n.table, set()).add(n.row_id)
    out = {}
    conn = session.connection()
    for name, ids in by_table.items():
        table = Base.metadata.tables[name]
        id_list = sorted(ids)
        for start in range(0, len(id_list), 500):
            for row in conn.execute(select(table).where(table.c.id.in_(id_list[start:start + 500]))).mappings():
                out[(name, row["id"])] = dict(row)
    return out


def _what(table: str, name: str) -> str:
    return f"{registry.label_of(table)} {name}".strip()


def _later(session: Session, nets: list[NetChange], after_record: int) -> dict[tuple[str, int], list]:
    """Per row, the records written after `after_record` with their actions, oldest first."""
    by_table: dict[str, list[int]] = {}
    for n in nets:
        by_table.setdefault(n.table, []).append(n.row_id)
    out: dict[tuple[str, int], list] = {}
    for name, ids in by_table.items():
        for start in range(0, len(ids), 500):
            query = (select(ChangeRecord, ChangeAction).join(ChangeAction, ChangeAction.id == ChangeRecord.action_id)
                     .where(ChangeRecord.table_name == name, ChangeRecord.row_id.in_(ids[start:start + 500]),
                            ChangeRecord.id > after_record).order_by(ChangeRecord.id))
            for rec, action in session.execute(query):
                out.setdefault((name, rec.row_id), []).append((rec, action))
    return out


def _standing(records: list) -> list:
    """The later records whose change still stands. An action and its undo cancel out, an undo and
    its redo too: per action acted on, +1 for the action or a redo, -1 for an undo or a restore."""
    tally: dict[int, int] = {}
    seen: set[int] = set()
    for _rec, action in records:
        if action.id in seen:
            continue
        seen.add(action.id)
        target = action.reverts_id if action.kind in STEP_KINDS and action.reverts_id else action.id
        tally[target] = tally.get(target, 0) + (-1 if action.kind in REVERTING_KINDS else 1)
    return [(rec, a) for rec, a in records
            if tally.get(a.reverts_id if a.kind in STEP_KINDS and a.reverts_id else a.id, 0) != 0]


def _blocker_text(rec: ChangeRecord | None, action: ChangeAction | None) -> str:
    if rec is None:
        return _("it was changed afterwards outside this history")
    when = action.created_at.strftime("%Y-%m-%d %H:%M")
    if rec.op == "delete":
        return _("{user} deleted it on {when} ({action})").format(user=action.user, when=when, action=action.label)
    fields = ", ".join(f"{k}: {loads(rec.old_values).get(k)!r} -> {v!r}" for k, v in loads(rec.new_values).items()
                       if k not in STAMPS)
    return _("{user} changed it on {when} ({action}: {fields})").format(
        user=action.user, when=when, action=action.label, fields=fields or rec.op)


def _refuse(what_done: str, net: NetChange, reason: str) -> ConflictError:
    return ConflictError(_("Cannot {step}: {record} was changed since: {reason}. Nothing was changed.").format(
        step=what_done, record=_what(net.table, net.name), reason=reason))


def _check(session: Session, nets: list[NetChange], expected: dict, last_record: int, step_text: str) -> dict:
    """Every row as the last step left it: changes recorded since must all have been undone again, and
    the row's version must be the one the latest record gave it (else something unrecorded changed it)."""
    current = _current(session, nets)
    later = _later(session, nets, last_record)
    for n in nets:
        key = (n.table, n.row_id)
        row = current.get(key)
        records = later.get(key, [])
        standing = _standing(records)
        if standing:
            raise _refuse(step_text, n, _blocker_text(*standing[-1]))
        version = records[-1][0].row_version if records and records[-1][0].op != "delete" else expected.get(key)
        if n.op == "insert":
            if row is not None:
                raise _refuse(step_text, n, _("a record with its number exists again"))
        elif row is None or (version is not None and row["version"] != version):
            raise _refuse(step_text, n, _blocker_text(None, None))
    removed = {(n.table, n.row_id) for n in nets if n.op == "delete"}
    _check_dependants(session, nets, removed, step_text)
    return current


def _check_dependants(session: Session, nets: list[NetChange], removed: set, step_text: str) -> None:
    """A row to delete must not carry rows added since (the database would delete them silently)."""
    by_table: dict[str, list[NetChange]] = {}
    for n in nets:
        if n.op == "delete":
            by_table.setdefault(n.table, []).append(n)
    # rows whose reference this same step changes first (the database's SET NULL, recorded and replayed)
    repointed = {(n.table, n.row_id, column) for n in nets if n.op == "update" for column in n.new}
    conn = session.connection()
    for parent, items in by_table.items():
        ids = [n.row_id for n in items]
        for table in Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                if fk.column.table.name != parent or "id" not in table.c:
                    continue
                rows = conn.execute(select(table.c.id, fk.parent).where(fk.parent.in_(ids))).all()
                extra = [(rid, pid) for rid, pid in rows if (table.name, rid) not in removed
                         and (table.name, rid, fk.parent.name) not in repointed]
                if extra:
                    owner = next(n for n in items if n.row_id == extra[0][1])
                    raise _refuse(step_text, owner, _("{what} #{id} was added to it afterwards").format(
                        what=registry.label_of(table.name), id=extra[0][0]))


def _apply(session: Session, nets: list[NetChange], current: dict) -> list[dict]:
    """Apply the net changes (forward); return the records describing what was done."""
    order = table_order()
    conn = session.connection()
    records: list[dict] = []
    now = utcnow()
    for n in sorted((n for n in nets if n.op == "insert"), key=lambda n: order.get(n.table, 0)):
        table = Base.metadata.tables[n.table]
        values = decode_row(table, n.new)
        values["id"] = n.row_id
        values.setdefault("version", 1)
        conn.execute(insert(table).values(**values))
        records.append(make_record(n.table, n.row_id, "insert", new=values, full=values, version=values["version"]))
    for n in sorted((n for n in nets if n.op == "update"), key=lambda n: order.get(n.table, 0)):
        table = Base.metadata.tables[n.table]
        row = current[(n.table, n.row_id)]
        values = decode_row(table, {k: v for k, v in n.new.items() if k not in STAMPS})
        version = row["version"] + 1
        changed = conn.execute(update(table).where(table.c.id == n.row_id, table.c.version == row["version"])
                               .values(**values, version=version, updated_at=now)).rowcount
        if changed != 1:
            raise ConflictError(_("{record} changed while it was being restored; nothing was changed.").format(
                record=_what(n.table, n.name)))
        old = {k: row.get(k) for k in values}
        records.append(make_record(n.table, n.row_id, "update", old=old, new=values, full={**row, **values},
                                   version=version))
    for n in sorted((n for n in nets if n.op == "delete"), key=lambda n: -order.get(n.table, 0)):
        table = Base.metadata.tables[n.table]
        row = current[(n.table, n.row_id)]
        conn.execute(delete(table).where(table.c.id == n.row_id))
        records.append(make_record(n.table, n.row_id, "delete", old=row, full=row, version=row["version"]))
    return records


# ---------------------------------------------------------------------------------------------
# The steps


@dataclass(frozen=True)
class StepResult:
    action_id: int  # the action undone, redone or restored
    label: str
    step_id: int | None  # the undo/redo action recorded for it
    rows: int


def _load(session: Session, action_id: int) -> ChangeAction:
    action = session.get(ChangeAction, action_id)
    if action is None:
        raise NotFoundError(_("Action {id} is not in the history.").format(id=action_id))
    return action


def _last_step(session: Session, action: ChangeAction, kinds: tuple[str, ...]) -> ChangeAction:
    found = session.scalar(select(ChangeAction).where(ChangeAction.reverts_id == action.id,
                                                      ChangeAction.kind.in_(kinds))
                           .order_by(desc(ChangeAction.id)).limit(1))
    return found or action


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def revert(session: Session, action_id: int, *, kind: str = "undo", label: str | None = None) -> StepResult:
    """Take one action back (kind "undo", or "restore" for the trash)."""
    action = _load(session, action_id)
    step_text = _("undo {action}").format(action=lower_first(action.label))
    if action.undone:
        raise ConflictError(_("“{action}” was already undone.").format(action=action.label))
    if action.purged_at is not None:
        raise ConflictError(_("“{action}” cannot be undone: the trash was emptied since.").format(action=action.label))
    if not action.undoable:
        raise ConflictError(_("“{action}” cannot be undone.").format(action=action.label))
    return _step(session, action, kind, label or _("Undo {action}").format(action=lower_first(action.label)),
                 step_text, backwards=True, last=_last_step(session, action, ("redo",)))


def reapply(session: Session, action_id: int) -> StepResult:
    action = _load(session, action_id)
    if not action.undone:
        raise ConflictError(_("“{action}” is not undone.").format(action=action.label))
    step_text = _("redo {action}").format(action=lower_first(action.label))
    return _step(session, action, "redo", _("Redo {action}").format(action=lower_first(action.label)), step_text,
                 backwards=False, last=_last_step(session, action, REVERTING_KINDS))


def _step(session: Session, action: ChangeAction, kind: str, label: str, step_text: str, *, backwards: bool,
          last: ChangeAction) -> StepResult:
    session.flush()
    flush_history(session)
    nets = net_changes(_records(session, action.id))
    last_records = _records(session, last.id)
    if backwards:
        nets = [n.inverse() for n in nets]
    else:  # a row inserted again is the row its undo deleted, whole
        whole = {(r.table_name, r.row_id): loads(r.old_values) for r in last_records if r.op == "delete"}
        for n in nets:
            if n.op == "insert" and (n.table, n.row_id) in whole:
                n.new = {**n.new, **whole[(n.table, n.row_id)]}
    expected = _expected(last_records)
    last_record = max((r.id for r in last_records), default=0)
    current = _check(session, nets, expected, last_record, step_text)
    refuse_taking_back_documents(nets, current, step_text)
    with recording(session, kind, label, undoable=False, reverts_id=action.id) as step:
        with deferred_index(session):  # an import undone: its members' search rows go in one refill
            rows = _apply(session, nets, current)
        write_records(session, rows)
        step_id = step.id
    session.connection().execute(update(ChangeAction.__table__).where(ChangeAction.id == action.id)
                                 .values(undone=backwards, version=ChangeAction.version + 1))
    session.expire_all()
    return StepResult(action.id, action.label, step_id, len(rows))


# ---------------------------------------------------------------------------------------------
# What this session (or this user) can undo and redo


@dataclass(frozen=True)
class ActionInfo:
    id: int
    kind: str
    label: str
    user: str
    at: object
    undone: bool


def _info(a: ChangeAction) -> ActionInfo:
    return ActionInfo(a.id, a.kind, a.label, a.user, a.created_at, a.undone)


def _scoped(query, session_key: str | None, user: str | None):
    if session_key is not None:
        query = query.where(ChangeAction.session_key == session_key)
    if user is not None:
        query = query.where(ChangeAction.user == user)
    return query


def undo_candidates(session: Session, *, session_key: str | None = None, user: str | None = None,
                    limit: int = 20) -> list[ActionInfo]:
    """The actions undo would take back, newest first."""
    query = _scoped(select(ChangeAction).where(ChangeAction.undoable.is_(True), ChangeAction.undone.is_(False),
                                               ChangeAction.purged_at.is_(None),
                                               ChangeAction.kind.not_in(STEP_KINDS)), session_key, user)
    return [_info(a) for a in session.scalars(query.order_by(desc(ChangeAction.id)).limit(limit))]


def redo_candidates(session: Session, *, session_key: str | None = None, user: str | None = None,
                    limit: int = 20) -> list[ActionInfo]:
    """The actions redo would do again, next first: undone, and nothing new done since their undo."""
    last_new = session.scalar(_scoped(select(ChangeAction.id).where(ChangeAction.kind.not_in(STEP_KINDS)),
                                      session_key, user).order_by(desc(ChangeAction.id)).limit(1)) or 0
    undos = session.execute(_scoped(
        select(ChangeAction.reverts_id, ChangeAction.id).where(ChangeAction.kind == "undo",
                                                               ChangeAction.id > last_new),
        session_key, user).order_by(desc(ChangeAction.id))).all()
    out, seen = [], set()
    for target, _undo_id in undos:
        if target in seen:
            continue
        seen.add(target)
        action = session.get(ChangeAction, target)
        if action is not None and action.undone:
            out.append(_info(action))
        if len(out) >= limit:
            break
    return out


def undo(session: Session, steps: int = 1, *, session_key: str | None = None,
         user: str | None = None) -> list[StepResult]:
    """Undo the last `steps` actions of this session (or user), newest first."""
    results = []
    for _i in range(steps):
        todo = undo_candidates(session, session_key=session_key, user=user, limit=1)
        if not todo:
            break
        results.append(revert(session, todo[0].id))
    if not results:
        raise NotFoundError(_("There is nothing to undo."))
    return results


def redo(session: Session, *, session_key: str | None = None, user: str | None = None) -> StepResult:
    todo = redo_candidates(session, session_key=session_key, user=user, limit=1)
    if not todo:
        raise NotFoundError(_("There is nothing to redo."))
    return reapply(session, todo[0].id)


