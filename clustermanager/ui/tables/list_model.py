"""The common part of the window's table models: a list of rows and translated column titles."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from clustermanager.i18n import _


class ListTableModel(QAbstractTableModel):
    """Rows in a Python list; subclasses implement data(). Titles are N_()-marked, translated here."""

    def __init__(self, titles: Sequence[str], parent=None):
        super().__init__(parent)
        self.rows: list = []
        self._titles = tuple(titles)

    def reset_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(self._titles[section]) if 0 <= section < len(self._titles) else None
        return str(section + 1)
