"""The one base of the window's table models: rows in a list, shown through columns declared once.

A `Column` says how a row reads (`text`) and sorts (`sort_key`); the base answers Qt's questions for
display, alignment, header and row id, and keeps each column's sort keys and the rows' search texts,
computed once per load for the fast filtering proxy (`tables/filter_proxy.py`). A subclass only adds
what is its own (a colour, a font, a tooltip, a check box) in `role_data`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from clustermanager.i18n import _

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's `id`, for opening the record behind it
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # N_() marked, translated when shown
    text: Callable[[object], str]
    sort_key: Callable[[object], object] = lambda row: 0
    width: int = 120
    visible: bool = True
    align_right: bool = False  # numbers and amounts


def _search_text(row) -> str:
    return row.search_text


class ListTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None, *,
                 search_text: Callable[[object], str] = _search_text):
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: list = []
        self._search_text = search_text
        self._sort_keys: dict[int, list] = {}
        self._texts: list[str] | None = None

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._sort_keys, self._texts = {}, None
        self.endResetModel()

    def row_at(self, row: int):
        return self.rows[row]

    def sort_keys(self, column: int) -> list:
        """One sort key per row for `column`, computed once per load."""
        if column not in self._sort_keys:
            key = self.columns[column].sort_key
            self._sort_keys[column] = [key(r) for r in self.rows]
        return self._sort_keys[column]

    def search_texts(self) -> list[str]:
        """Each row's lower-case search text, computed once per load."""
        if self._texts is None:
            self._texts = [self._search_text(r) for r in self.rows]
        return self._texts

    def role_data(self, row, column: Column, role: int):
        """What a subclass adds for a role other than display, alignment and the row id."""
        return None

    # -- QAbstractTableModel ---------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ROW_ID_ROLE:
            return getattr(row, "id", None)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(_RIGHT)
        return self.role_data(row, column, role)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].title)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[section].align_right:
            return _RIGHT  # a header sits over its right-aligned numbers
        return None
