"""Decorators that make a service function one named action in the history (one undo step).

    @records_action("import", lambda result: ...label...)
    def import_members(session, ...): ...

    @moves_to_trash("member")
    def delete_member(session, member_id): ...
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from sqlalchemy import select

from clustermanager.change_recording import registry
from clustermanager.change_recording.recorder import recording
from clustermanager.i18n import N_, _
from clustermanager.models.base import Base

KIND_LABELS = {
    "save": N_("Save"), "import": N_("Import"), "bank_statement": N_("Bank statement"),
    "fee_call_run": N_("Fee-call run"), "delete": N_("Deletion"), "undo": N_("Undo"), "redo": N_("Redo"),
    "restore": N_("Restore from the trash"), "erase": N_("Erasure of a person"),
}


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def records_action(kind: str, label: Callable | None = None, *, undoable: bool = True):
    """`label(result)` names the action once the function returned (e.g. "Import of 38 members")."""
    def wrap(fn):
        @functools.wraps(fn)
        def run(session, *args, **kwargs):
            with recording(session, kind, kind_label(kind), undoable=undoable) as action:
                result = fn(session, *args, **kwargs)
                if label is not None:
                    action.label = label(result)
            return result
        return run
    return wrap


def moves_to_trash(table_name: str):
    """The deletion of one `table_name` row (and what hangs on it) is a trash entry."""
    def wrap(fn):
        @functools.wraps(fn)
        def run(session, row_id, *args, **kwargs):
            table = Base.metadata.tables[table_name]
            row = session.connection().execute(select(table).where(table.c.id == row_id)).mappings().first()
            name = registry.name_of(table_name, dict(row)) if row is not None else f"#{row_id}"
            label = _("Deletion of {what} {name}").format(what=registry.label_of(table_name), name=name)
            with recording(session, "delete", label, trash=(table_name, row_id, name)):
                return fn(session, row_id, *args, **kwargs)
        return run
    return wrap
