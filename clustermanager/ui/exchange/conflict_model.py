"""The conflicts of an exchange-workbook import: rows changed in the database since the export.

One row per conflicting record with the workbook's and the database's value of each differing field;
the first column is a check box "take the workbook's values" (unticked: the database's values stay).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from clustermanager.field_labels import field_label
from clustermanager.i18n import N_
from clustermanager.io.workbook_versions import ConflictChoice
from clustermanager.services.member_import import RowOutcome
from clustermanager.ui.exchange.preview_model import _value
from clustermanager.ui.tables.list_model import Column, ListTableModel


def _values(outcome: RowOutcome, side: str) -> str:
    return "; ".join(f"{field_label(c.field)}: {_value(getattr(c, side))}" for c in outcome.changes)


COLUMNS = (
    Column("take", N_("Take the workbook's"), lambda r: ""),
    Column("sheet", N_("Sheet"), lambda r: r[0]),
    Column("row", N_("Row"), lambda r: r[1].row),
    Column("name", N_("Name"), lambda r: r[1].name or ""),
    Column("workbook", N_("In the workbook"), lambda r: _values(r[1], "new")),
    Column("database", N_("In the database now"), lambda r: _values(r[1], "old")),
)


def _key(row: tuple[str, RowOutcome]) -> tuple[str, int]:
    return row[0], row[1].member_id


class ConflictModel(ListTableModel):
    """`rows` are (sheet, RowOutcome) pairs of status CONFLICT; `choice()` is what the user ticked."""

    def __init__(self, rows: list[tuple[str, RowOutcome]] | None = None, parent=None):
        super().__init__(COLUMNS, parent)
        self.rows = list(rows or [])
        self.taken: set[tuple[str, int]] = set()  # (sheet, id) of the rows whose workbook values are taken

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def role_data(self, row, column: Column, role: int):
        if column.key == "take" and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if _key(row) in self.taken else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column.key in ("workbook", "database"):
            return column.text(row)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt name)
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        key = _key(self.rows[index.row()])
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.taken.add(key)
        else:
            self.taken.discard(key)
        self.dataChanged.emit(index, index, [role])
        return True

    def choice(self) -> ConflictChoice:
        """The workbook's values for the ticked rows, tied to the database version the user saw."""
        return ConflictChoice(rows={_key(r): r[1].database_version for r in self.rows if _key(r) in self.taken})
