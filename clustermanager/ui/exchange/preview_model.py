"""The rows of an import preview as a table: status, row, name, what changes or why it is refused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from clustermanager.field_labels import field_label
from clustermanager.i18n import N_, _
from clustermanager.services.member_import import RowOutcome, RowStatus
from clustermanager.ui.shell.style import colour
from clustermanager.ui.tables.list_model import Column, ListTableModel

STATUS_TEXT = {RowStatus.NEW: N_("new"), RowStatus.UPDATE: N_("update"), RowStatus.UNCHANGED: N_("unchanged"),
               RowStatus.ERROR: N_("error"), RowStatus.CONFLICT: N_("conflict")}
STATUS_COLOUR = {RowStatus.NEW: "row_new", RowStatus.UPDATE: "row_update", RowStatus.UNCHANGED: "row_unchanged",
                 RowStatus.ERROR: "row_error", RowStatus.CONFLICT: "row_error"}  # names of the colour scheme's colours


def describe(outcome: RowOutcome) -> str:
    if outcome.status is RowStatus.ERROR:
        return outcome.reason
    return "; ".join(f"{field_label(c.field)}: {_value(c.old)} → {_value(c.new)}" for c in outcome.changes)


def _value(value) -> str:
    if value is None:
        return "—"
    return str(getattr(value, "value", value))


COLUMNS = (
    Column("status", N_("Status"), lambda r: _(STATUS_TEXT[r[1].status])),
    Column("sheet", N_("Sheet"), lambda r: r[0]),
    Column("row", N_("Row"), lambda r: r[1].row),
    Column("name", N_("Name"), lambda r: r[1].name or ""),
    Column("changes", N_("Changes or reason"), lambda r: describe(r[1])),
)


class PreviewModel(ListTableModel):
    """Read-only; `rows` are (sheet, RowOutcome) pairs; the sheet column is empty for a member import."""

    def __init__(self, rows: list[tuple[str, RowOutcome]] | None = None, parent=None):
        super().__init__(COLUMNS, parent)
        self.rows = list(rows or [])

    def outcome(self, row: int) -> RowOutcome:
        return self.rows[row][1]

    def role_data(self, row, column: Column, role: int):
        outcome = row[1]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(colour(STATUS_COLOUR[outcome.status]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(colour("text"))
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "changes":
            return describe(outcome)
        return None
