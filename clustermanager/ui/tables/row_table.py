"""A table model over any list of row dataclasses, and its sort/filter proxy (activities, projects).

The same conventions as the member register: columns declared once (`member_table.Column`), sort
keys and search text computed once per load, and the member register's fast proxy for sorting and
typing; only the "which rows" test differs, given as a predicate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from clustermanager.i18n import _
from clustermanager.ui.members.proxy import MemberProxyModel
from clustermanager.ui.members.table_model import Column

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
__all__ = ["ROW_ID_ROLE", "Column", "RowFilter", "RowProxyModel", "RowTableModel"]


class RowTableModel(QAbstractTableModel):
    """Rows are frozen dataclasses with `id` and `search_text`; `warn(row)` paints a row amber."""

    def __init__(self, columns: Sequence[Column], parent=None, *, warn: Callable[[object], bool] | None = None):
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: list = []
        self._warn = warn
        self._sort_keys: dict[int, list] = {}
        self._texts: list[str] | None = None
        self._amber = QColor("#b45309")
        self._align_right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._sort_keys, self._texts = {}, None
        self.endResetModel()

    def sort_keys(self, column: int) -> list:
        if column not in self._sort_keys:
            key = self.columns[column].sort_key
            self._sort_keys[column] = [key(r) for r in self.rows]
        return self._sort_keys[column]

    def search_texts(self) -> list[str]:
        if self._texts is None:
            self._texts = [r.search_text for r in self.rows]
        return self._texts

    def row_at(self, row: int):
        return self.rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ROW_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and self._warn is not None and self._warn(row):
            return self._amber
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return self._align_right
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns) and self.columns[section].align_right):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # over its right-aligned numbers
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(self.columns[section].title) if 0 <= section < len(self.columns) else None
        return str(section + 1)


@dataclass(frozen=True)
class RowFilter:
    """Search words plus a predicate over a row; `key` names the predicate so equal filters compare equal."""

    text: str = ""
    key: tuple = ()
    accepts: Callable[[object], bool] | None = None

    # the member filters the inherited proxy looks at: never set for other registers
    kind = size_class = day = None
    status = "all"

    def words(self) -> list[str]:
        return self.text.strip().lower().split()

    def __eq__(self, other) -> bool:
        return isinstance(other, RowFilter) and (self.text, self.key) == (other.text, other.key)

    def __hash__(self) -> int:
        return hash((self.text, self.key))


class RowProxyModel(MemberProxyModel):
    """The member register's proxy with a generic row test instead of the member filters."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.filter = RowFilter()

    def _recompute(self, *, sort: bool) -> None:
        super()._recompute(sort=sort)  # a RowFilter sets none of the member filters: only sorting happens
        accepts = self.filter.accepts
        if accepts is not None:
            model = self.source()
            rows, texts = model.rows, model.search_texts()
            self._base = [i for i in self._base if accepts(rows[i])]
            self._base_texts = [texts[i] for i in self._base]
            self._apply_words(narrow=False)

    def shown_rows(self) -> list:
        model = self.source()
        return [model.rows[i] for i in self._rows]
