"""The history as a table: one row per field changed (when, who, action, record, field, old -> new).

Shared by the History tab of a record (record_tab.py) and the Recent changes screen (recent_screen.py).
A new or deleted record is one row naming what it held; an edit is one row per field, so "City:
Gent -> Brussel" reads as one line and sorts and filters like every register.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from PySide6.QtCore import Qt

from clustermanager.field_labels import field_label
from clustermanager.i18n import N_, _
from clustermanager.services.history.display import shown_value
from clustermanager.ui.common.numbers import day
from clustermanager.ui.tables.list_model import Column, ListTableModel

KIND_LABELS = {  # ChangeAction.kind, for people
    "save": N_("Save"), "import": N_("Import"), "bank_statement": N_("Bank statement"),
    "fee_call_run": N_("Fee-call run"), "delete": N_("Deletion"), "undo": N_("Undo"), "redo": N_("Redo"),
    "restore": N_("Restore from the trash"), "erase": N_("Erasure of a person"),
}
OP_TEXTS = {"insert": N_("(new)"), "delete": N_("(deleted)")}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SUMMARY_FIELDS = 6  # a new or deleted record: its first fields, the rest in the tooltip


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind.replace("_", " ")


def when(at: dt.datetime) -> str:
    """A moment of the history (kept in UTC) in local time: 05/03/2026 14:07."""
    local = at.replace(tzinfo=dt.UTC).astimezone() if at.tzinfo is None else at.astimezone()
    return f"{day(local.date())} {local:%H:%M}"


def value_text(value) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return day(dt.date.fromisoformat(value))
    return str(value)


@dataclass(frozen=True)
class ChangeRow:
    id: int  # the history record's id (several rows share it when several fields changed)
    at: dt.datetime
    user: str
    action_id: int
    action: str
    kind: str
    table: str
    record_id: int
    record: str  # "member Acme NV"
    op: str
    field: str  # the field's label, or "(new)" / "(deleted)"
    old: str
    new: str
    search_text: str


def rows_of(entries) -> list[ChangeRow]:
    """HistoryEntry (services/history/entries.py) -> table rows, newest first as given."""
    rows = []
    for e in entries:
        record = f"{e.record_kind} {e.record}".strip()
        if e.op == "update":
            pairs = [(field_label(c.field), value_text(shown_value(e.table, c.field, c.old)),
                      value_text(shown_value(e.table, c.field, c.new))) for c in e.changes] or [("", "", "")]
        else:
            named = [c for c in e.changes if not c.field.endswith("_id")]  # an id says nothing to people
            values = ", ".join(f"{field_label(c.field)}: "
                               f"{value_text(shown_value(e.table, c.field, c.new if e.op == 'insert' else c.old))}"
                               for c in named[:_SUMMARY_FIELDS])
            if len(named) > _SUMMARY_FIELDS:
                values += ", …"
            pairs = [(_(OP_TEXTS[e.op]), values if e.op == "delete" else "", values if e.op == "insert" else "")]
        for field, old, new in pairs:
            text = " ".join((e.user, e.action, kind_label(e.kind), record, field, old, new)).lower()
            rows.append(ChangeRow(e.id, e.at, e.user, e.action_id, e.action, e.kind, e.table, e.record_id, record,
                                  e.op, field, old, new, text))
    return rows


CHANGE_COLUMNS = (
    Column("at", N_("When"), lambda r: when(r.at), lambda r: (r.at, r.id), 118),
    Column("user", N_("Who"), lambda r: r.user, lambda r: r.user.lower(), 90),
    Column("record", N_("Record"), lambda r: r.record, lambda r: r.record.lower(), 170),
    Column("field", N_("Field"), lambda r: r.field, lambda r: r.field.lower(), 110),
    Column("old", N_("Old value"), lambda r: r.old, lambda r: r.old.lower(), 130),
    Column("new", N_("New value"), lambda r: r.new, lambda r: r.new.lower(), 130),
    Column("action", N_("Action"), lambda r: r.action, lambda r: r.action.lower(), 200),  # last: it gives way
)


class ChangesModel(ListTableModel):
    """The change rows; a value too long for its column is whole in the tooltip."""

    def __init__(self, parent=None):
        super().__init__(CHANGE_COLUMNS, parent)

    def role_data(self, row, column: Column, role: int):
        if role == Qt.ItemDataRole.ToolTipRole and column.key in ("action", "record", "old", "new"):
            return column.text(row)
        return None
