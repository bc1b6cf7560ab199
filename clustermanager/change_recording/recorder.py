"""Recording every change in the same transaction as the change, in one place: the session's events.

`install(sessionmaker)` (done by `db.open_database`) listens to
- `before_flush`: the full rows about to be deleted, read from the database, and the rows the
  database itself will delete or set to NULL through a foreign key (`ON DELETE CASCADE/SET NULL`);
- `after_flush`: every inserted, updated and deleted ORM object, from SQLAlchemy's attribute history;
- `do_orm_execute`: set-based `insert()`, `update()` and `delete()` statements run through
  `Session.execute` (the member import, the fee-call run, the workbook import): the rows they wrote
  are read back (or the rows they will change read first) and recorded like any other change.
Each change becomes a `ChangeRecord` of the current `ChangeAction`: the one a caller opened with
`recording(session, kind=..., label=...)`, else one "save" action per transaction.
"""

from __future__ import annotations

import contextlib
import getpass
import operator
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import event, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import instance_state
from sqlalchemy.orm.base import NO_VALUE

from clustermanager.bulk_work import no_cyclic_gc
from clustermanager.change_recording import registry
from clustermanager.change_recording.values import STAMPS, dumps
from clustermanager.i18n import _
from clustermanager.models.base import Base, utcnow
from clustermanager.models.history import ChangeAction, ChangeRecord

SESSION_KEY = uuid.uuid4().hex  # this run of the app: the window's undo takes back this session's actions
_CHUNK = 500


@dataclass
class Action:
    kind: str
    label: str | None = None
    undoable: bool = True
    trash: tuple[str, int, str] | None = None
    reverts_id: int | None = None
    id: int | None = None
    records: int = 0
    label_from: Callable | None = None  # result -> label, applied when the block ends


@dataclass
class _State:
    current: Action | None = None
    auto: Action | None = None
    paused: int = 0
    deleted: dict = field(default_factory=dict)  # (table, id) -> full row before the flush
    nulled: dict = field(default_factory=dict)  # (table, id) -> (row, column) set NULL by the database
    old_rows: dict = field(default_factory=dict)  # (table, id) -> row, for fields changed unloaded
    buffer: list = field(default_factory=list)  # records not written yet: one INSERT per transaction


def _state(session: Session) -> _State:
    state = session.info.get("history")
    if state is None:
        state = session.info["history"] = _State()
    return state


_ORDER: dict[str, int] = {}


def table_order() -> dict[str, int]:
    """Parents before children (sorting the metadata costs more than recording a row: kept)."""
    if len(_ORDER) != len(Base.metadata.tables):
        _ORDER.clear()
        _ORDER.update((t.name, i) for i, t in enumerate(Base.metadata.sorted_tables))
    return _ORDER


# ---------------------------------------------------------------------------------------------
# The action a change belongs to


@contextlib.contextmanager
def recording(session: Session, kind: str = "save", label: str | None = None, *, undoable: bool = True,
              trash: tuple[str, int, str] | None = None, reverts_id: int | None = None) -> Iterator[Action]:
    """Changes flushed inside the block are one action (one undo step). Inside another block: joins it.
    `action.label` may be set in the block (e.g. from the result); it is saved when the block ends."""
    state = _state(session)
    if state.current is not None:
        yield state.current
        return
    session.flush()  # what was pending belongs to the action before
    action = Action(kind, label, undoable, trash, reverts_id)
    state.current, state.auto = action, None
    try:
        yield action
        session.flush()
        flush_history(session)
    finally:
        state.current = None
    if action.id is not None and action.label and action.label != label:
        session.connection().execute(update(ChangeAction.__table__).where(ChangeAction.id == action.id)
                                     .values(label=action.label[:300]))


@contextlib.contextmanager
def paused(session: Session) -> Iterator[None]:
    """Nothing inside the block is recorded (the demo generator; benchmarks without history)."""
    session.flush()
    flush_history(session)
    state = _state(session)
    state.paused += 1
    try:
        yield
        session.flush()
    finally:
        state.paused -= 1


_USERS: dict[int, str] = {}


def current_user(session: Session) -> str:
    """The database user on a shared server, else the operating-system user."""
    bind = session.get_bind()
    engine = getattr(bind, "engine", bind)
    if id(engine) not in _USERS:
        name = ""
        if engine.dialect.name == "postgresql":
            name = engine.url.username or session.connection().exec_driver_sql("SELECT current_user").scalar()
        if not name:
            try:
                name = getpass.getuser()
            except (KeyError, OSError):  # no such user in the password database (a container)
                name = os.environ.get("USERNAME", "") or "?"
        _USERS[id(engine)] = name
    return _USERS[id(engine)]


def _auto_label(row: dict) -> str:
    what = registry.label_of(row["table_name"])
    texts = {"insert": _("New {what} {name}"), "update": _("Edit of {what} {name}"),
             "delete": _("Deletion of {what} {name}")}
    return texts[row["op"]].format(what=what, name=row["record_name"])


def _action_id(session: Session, state: _State, first: dict) -> int:
    action = state.current
    if action is None:
        if state.auto is None:
            state.auto = Action("save")
        action = state.auto
    if action.id is None:
        now = utcnow()
        trash_table, trash_id, trash_name = action.trash or (None, None, None)
        action.id = session.connection().execute(insert(ChangeAction.__table__).values(
            created_at=now, updated_at=now, version=1, user=current_user(session)[:100], session_key=SESSION_KEY,
            kind=action.kind, label=(action.label or _auto_label(first))[:300], undoable=action.undoable,
            undone=False, reverts_id=action.reverts_id, trash_table=trash_table, trash_row_id=trash_id,
            trash_name=trash_name)).inserted_primary_key[0]
    return action.id


def make_record(table: str, row_id: int, op: str, *, old: dict | None = None, new: dict | None = None,
                full: dict, version: int | None) -> dict:
    """A change_record row (without its action); `full` is the row's values to name it by."""
    owner_table, owner_id = registry.owner_of(table, full)
    return {"table_name": table, "row_id": row_id, "op": op, "record_name": registry.name_of(table, full),
            "old_values": dumps(old), "new_values": dumps(new), "row_version": version,
            "owner_table": owner_table, "owner_id": owner_id, "person_id": registry.person_of(table, full)}


# A buffered record is a tuple in the order of _WRITTEN: the action and stamps, then the fields of
# `make_record`. Tuples, not dicts: an import buffers 20,000 of them, written by one executemany.
_FIELDS = ("table_name", "row_id", "op", "record_name", "old_values", "new_values", "row_version",
           "owner_table", "owner_id", "person_id")
_WRITTEN = ("action_id", "created_at", "updated_at", "version", *_FIELDS)
_PICK = operator.itemgetter(*_FIELDS)


def write_records(session: Session, rows: list[dict], action_id: int | None = None) -> None:
    """Buffer records made by `make_record` (parents' tables first) for the current action."""
    if not rows:
        return
    state = _state(session)
    order = table_order()
    rows.sort(key=lambda r: order.get(r["table_name"], 0))
    if action_id is None:
        action_id = _action_id(session, state, rows[0])
    now = _stamp(session)
    head = (action_id, now, now, 1)
    state.buffer.extend(head + _PICK(row) for row in rows)


def write_insert_records(session: Session, table: str, rows: list[dict]) -> None:
    """`write_records` of `make_record(table, r["id"], "insert", new=r, full=r, ...)` for many rows of
    one table (a set-based insert of an import): the registry asked once, no dict per record."""
    if not rows:
        return
    state = _state(session)
    info = registry.TABLES.get(table)
    owner_table, owner_key = info.owner if info and info.owner else (None, None)
    person_key = info.person if info else None
    name_of = registry.name_of
    first = rows[0]
    action_id = _action_id(session, state, {"table_name": table, "op": "insert",
                                            "record_name": name_of(table, first)})
    now = _stamp(session)
    with no_cyclic_gc():  # 20,000 tuples of plain values: no cycles to look for
        state.buffer.extend((action_id, now, now, 1, table, r["id"], "insert", name_of(table, r), None, dumps(r),
                             r.get("version", 1), owner_table, r.get(owner_key) if owner_key else None,
                             r.get(person_key) if person_key else None) for r in rows)


def _stamp(session: Session):
    """Now, as the driver takes it for change_record's DateTime columns (a string on SQLite): converted
    once per buffered batch rather than per record, since the records go straight to the driver."""
    now = utcnow()
    dialect = session.get_bind().dialect
    if _PLACEHOLDERS.get(dialect.paramstyle) is None:  # the Core insert converts it itself
        return now
    proc = ChangeRecord.__table__.c.created_at.type._cached_bind_processor(dialect)
    return proc(now) if proc else now


def flush_history(session: Session) -> None:
    """Write the records kept back (at the latest before the commit; readers of the history call it)."""
    state = _state(session)
    if not state.buffer:
        return
    rows, state.buffer = state.buffer, []
    conn = session.connection()
    with no_cyclic_gc():
        for start in range(0, len(rows), 20_000):
            _insert_records(conn, rows[start:start + 20_000])


_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _insert_records(conn, rows: list[tuple]) -> None:
    """One executemany straight to the driver: the records are plain values of one shape, and
    SQLAlchemy's per-row parameter handling cost as much as the rest of the history of an import.
    The only column the driver could not take as it is, the stamps' DateTime on SQLite, was converted
    when the records were buffered (`_stamp`). A driver with another parameter style takes the
    ordinary Core insert."""
    table = ChangeRecord.__table__
    mark = _PLACEHOLDERS.get(conn.dialect.paramstyle)
    if mark is None:
        conn.execute(insert(table), [dict(zip(_WRITTEN, row, strict=True)) for row in rows])
        return
    quote = conn.dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(table.c[k].name) for k in _WRITTEN)}) "
           f"VALUES ({', '.join([mark] * len(_WRITTEN))})")
    conn.exec_driver_sql(sql, rows)


# ---------------------------------------------------------------------------------------------
# ORM flushes


_COLUMNS: dict = {}
_NAMES: dict = {}  # mapper -> {attribute key: column name} of the columns a field change can name


def _columns(mapper) -> list[tuple[str, str]]:
    """(attribute key, column name) of a mapper's columns, computed once per mapper."""
    found = _COLUMNS.get(mapper)
    if found is None:
        found = _COLUMNS[mapper] = [(prop.key, prop.columns[0].name) for prop in mapper.column_attrs]
        _NAMES[mapper] = {key: name for key, name in found if name not in STAMPS}
    return found


def _values(st) -> dict:
    """The object's column values by column name (None for what is not loaded)."""
    get = st.dict.get
    return {name: get(key) for key, name in _columns(st.mapper)}


def _changed_columns(st) -> list[tuple[str, str]]:
    """Only the attributes modified since load (SQLAlchemy keeps their first value in committed_state)."""
    if not st.committed_state:  # changed only through a relationship collection (a payment added to a call)
        return []
    _columns(st.mapper)
    names = _NAMES[st.mapper]
    return [(key, names[key]) for key in st.committed_state if key in names]


def _fetch(session: Session, table, ids) -> dict[int, dict]:
    out = {}
    ids = sorted(ids)
    conn = session.connection()
    for start in range(0, len(ids), _CHUNK):
        for row in conn.execute(select(table).where(table.c.id.in_(ids[start:start + _CHUNK]))).mappings():
            out[row["id"]] = dict(row)
    return out


def _cascade(session: Session, table_name: str, ids: set[int], state: _State) -> None:
    """The rows the database deletes or sets NULL itself when rows of `table_name` are deleted."""
    for table in Base.metadata.sorted_tables:
        if not registry.is_recorded(table.name):
            continue
        for fk in table.foreign_keys:
            rule = (fk.ondelete or "").upper()
            if fk.column.table.name != table_name or rule not in ("CASCADE", "SET NULL"):
                continue
            column = fk.parent
            found: dict[int, dict] = {}
            id_list = sorted(ids)
            for start in range(0, len(id_list), _CHUNK):
                query = select(table).where(column.in_(id_list[start:start + _CHUNK]))
                found.update((r["id"], dict(r)) for r in session.connection().execute(query).mappings())
            fresh = {rid: row for rid, row in found.items() if (table.name, rid) not in state.deleted}
            if rule == "CASCADE":
                for rid, row in fresh.items():
                    state.deleted[(table.name, rid)] = row
                if fresh:
                    _cascade(session, table.name, set(fresh), state)
            else:
                for rid, row in fresh.items():
                    state.nulled[(table.name, rid)] = (row, column.name)


def _before_flush(session: Session, _context, _instances) -> None:
    state = _state(session)
    if state.paused:
        return
    by_table: dict = {}
    for obj in session.deleted:
        st = instance_state(obj)
        if registry.is_recorded(st.mapper.local_table.name) and st.key is not None:
            by_table.setdefault(st.mapper.local_table, set()).add(st.identity[0])
    for table, ids in by_table.items():
        for rid, row in _fetch(session, table, ids).items():
            state.deleted[(table.name, rid)] = row
    for table, ids in by_table.items():
        _cascade(session, table.name, ids, state)
    unloaded: dict = {}
    for obj in session.dirty:
        st = instance_state(obj)
        table = st.mapper.local_table
        if st.key is None or not registry.is_recorded(table.name):
            continue
        if any(st.committed_state[key] is NO_VALUE for key, _name in _changed_columns(st)):
            unloaded.setdefault(table, set()).add(st.identity[0])
    for table, ids in unloaded.items():
        for rid, row in _fetch(session, table, ids).items():
            state.old_rows[(table.name, rid)] = row


def _after_flush(session: Session, _context) -> None:
    state = _state(session)
    if state.paused:
        return
    rows: list[dict] = []
    for obj in session.new:
        st = instance_state(obj)
        table = st.mapper.local_table.name
        if not registry.is_recorded(table):
            continue
        values = _values(st)
        given = {k: v for k, v in values.items() if v is not None}  # a redo takes the row from its undo
        rows.append(make_record(table, values["id"], "insert", new=given, full=values, version=values.get("version")))
    deleted = session.deleted
    for obj in session.dirty:
        st = instance_state(obj)
        if not st.committed_state:  # changed only through a relationship collection: no field of its own
            continue
        table = st.mapper.local_table.name
        if st.key is None or not registry.is_recorded(table) or obj in deleted:
            continue
        old, new = {}, {}
        fallback = state.old_rows.get((table, st.identity[0]), {})
        for key, name in _changed_columns(st):
            hist = st.attrs[key].history
            if not hist.has_changes():
                continue
            after = hist.added[0] if hist.added else None
            before = hist.deleted[0] if hist.deleted else fallback.get(name)
            if before != after:
                old[name], new[name] = before, after
        if old or new:
            full = _values(st)
            rows.append(make_record(table, st.identity[0], "update", old=old, new=new, full=full,
                                    version=st.dict.get("version")))
    for obj in deleted:  # cascaded by the ORM during the flush, not seen before it
        st = instance_state(obj)
        table = st.mapper.local_table.name
        if st.key is not None and registry.is_recorded(table) and (table, st.identity[0]) not in state.deleted:
            state.deleted[(table, st.identity[0])] = _values(st)
    state.old_rows = {}
    write_records(session, rows + _pending_deletes(state))


def _pending_deletes(state: _State) -> list[dict]:
    rows = [make_record(table, rid, "delete", old=row, full=row, version=row.get("version"))
            for (table, rid), row in state.deleted.items()]
    rows += [make_record(table, rid, "update", old={column: row[column]}, new={column: None}, full=row,
                         version=row.get("version")) for (table, rid), (row, column) in state.nulled.items()]
    state.deleted, state.nulled = {}, {}
    return rows


# ---------------------------------------------------------------------------------------------
# Set-based statements through Session.execute


def _on_execute(orm_state):
    if not (orm_state.is_insert or orm_state.is_update or orm_state.is_delete):
        return None
    session = orm_state.session
    state = _state(session)
    table_name = getattr(orm_state.statement.table, "name", None)
    if table_name == "change_action" and orm_state.is_delete:  # the history itself wiped: start a new action
        flush_history(session)
        for action in (state.current, state.auto):
            if action is not None:
                action.id = None
    if state.paused or table_name is None or not registry.is_recorded(table_name):
        return None
    if session.autoflush:
        session.flush()  # pending ORM changes first, recorded by the flush events, not twice here
    table = Base.metadata.tables[table_name]
    conn = session.connection()
    if orm_state.is_insert:
        before = conn.scalar(select(func.max(table.c.id))) or 0
        result = orm_state.invoke_statement()
        params = orm_state.parameters
        params = [params] if isinstance(params, dict) else list(params or [])
        ids = conn.scalars(select(table.c.id).where(table.c.id > before).order_by(table.c.id)).all()
        if params and len(ids) == len(params) and all("id" not in p for p in params):
            # One statement's rows get ascending ids in the order given: the values are the parameters.
            rows = [{**p, "id": rid} for p, rid in zip(params, ids, strict=True)]
        else:
            rows = [dict(r) for r in conn.execute(select(table).where(table.c.id > before)).mappings()]
        write_insert_records(session, table_name, rows)
        return result
    where = orm_state.statement.whereclause
    query = select(table) if where is None else select(table).where(where)
    before_rows = {r["id"]: dict(r) for r in conn.execute(query).mappings()}
    if orm_state.is_delete:
        for rid, row in before_rows.items():
            state.deleted[(table_name, rid)] = row
        _cascade(session, table_name, set(before_rows), state)
        result = orm_state.invoke_statement()
        write_records(session, _pending_deletes(state))
        return result
    result = orm_state.invoke_statement()
    after_rows = _fetch(session, table, before_rows)
    records = []
    for rid, old_row in before_rows.items():
        new_row = after_rows.get(rid, {})
        changed = [k for k in old_row if k not in STAMPS and k in new_row and new_row[k] != old_row[k]]
        if changed:
            records.append(make_record(table_name, rid, "update", old={k: old_row[k] for k in changed},
                                       new={k: new_row[k] for k in changed}, full=new_row,
                                       version=new_row.get("version")))
    write_records(session, records)
    return result


def _before_commit(session: Session) -> None:
    session.flush()
    flush_history(session)


def _transaction_end(session: Session, transaction) -> None:
    if transaction.parent is None:
        state = _state(session)
        state.auto, state.buffer = None, []
        if state.current is not None:
            state.current.id = None
        state.deleted, state.nulled, state.old_rows = {}, {}, {}


def install(target) -> None:
    """Listen on a sessionmaker (or Session class); idempotent. (Not `event.contains`: it goes by id(),
    and a new sessionmaker at a collected one's address would look installed.)"""
    if getattr(target, "_history_installed", False):
        return
    target._history_installed = True
    for name, fn in (("before_flush", _before_flush), ("after_flush", _after_flush),
                     ("do_orm_execute", _on_execute), ("before_commit", _before_commit),
                     ("after_transaction_end", _transaction_end)):
        event.listen(target, name, fn)
