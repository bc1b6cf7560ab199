"""The rows of an import preview as a table: status, row, name, what changes or why it is refused."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from clustermanager.field_labels import field_label
from clustermanager.i18n import N_, _
from clustermanager.services.member_import import RowOutcome, RowStatus

STATUS_TEXT = {RowStatus.NEW: N_("new"), RowStatus.UPDATE: N_("update"), RowStatus.UNCHANGED: N_("unchanged"),
               RowStatus.ERROR: N_("error")}
STATUS_COLOUR = {RowStatus.NEW: QColor("#dff0d8"), RowStatus.UPDATE: QColor("#fcf3cf"),
                 RowStatus.UNCHANGED: QColor("#f2f2f2"), RowStatus.ERROR: QColor("#f8d7da")}
HEADERS = (N_("Status"), N_("Sheet"), N_("Row"), N_("Name"), N_("Changes or reason"))


def describe(outcome: RowOutcome) -> str:
    if outcome.status is RowStatus.ERROR:
        return outcome.reason
    return "; ".join(f"{field_label(c.field)}: {_value(c.old)} → {_value(c.new)}" for c in outcome.changes)


def _value(value) -> str:
    if value is None:
        return "—"
    return str(getattr(value, "value", value))


class PreviewModel(QAbstractTableModel):
    """Read-only; `rows` are (sheet, RowOutcome) pairs; the sheet column is empty for a member import."""

    def __init__(self, rows: list[tuple[str, RowOutcome]] | None = None, parent=None):
        super().__init__(parent)
        self._rows = rows or []

    def set_rows(self, rows: list[tuple[str, RowOutcome]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def outcome(self, row: int) -> RowOutcome:
        return self._rows[row][1]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        sheet, outcome = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return _(STATUS_TEXT[outcome.status])
            if column == 1:
                return sheet
            if column == 2:
                return outcome.row
            if column == 3:
                return outcome.name or ""
            return describe(outcome)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(STATUS_COLOUR[outcome.status])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return describe(outcome)
        return None
