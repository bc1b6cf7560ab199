"""Fee calls as a Qt table model over services.fees.FeeCallRow, with a status + text filter proxy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from clustermanager.i18n import N_, _
from clustermanager.services.fees import CallStatus, FeeCallRow, category_label
from clustermanager.ui.common.numbers import money

CALL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_COLOURS = {
    CallStatus.PAID: "#15803d", CallStatus.PARTLY_PAID: "#b45309", CallStatus.OPEN: "#1d4ed8",
    CallStatus.OVERDUE: "#b91c1c", CallStatus.CREDITED: "#6b7280", CallStatus.CANCELLED: "#6b7280",
}


@dataclass(frozen=True)
class Column:
    title: str  # N_() marked
    text: Callable[[FeeCallRow], str]
    sort_key: Callable[[FeeCallRow], object]
    align_right: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(N_("Number"), lambda r: r.number or "", lambda r: r.number or ""),
    Column(N_("Member"), lambda r: r.member_name, lambda r: r.member_name.lower()),
    Column(N_("Year"), lambda r: str(r.year), lambda r: r.year),
    Column(N_("Category"), lambda r: category_label(r.category), lambda r: category_label(r.category).lower()),
    Column(N_("Total"), lambda r: money(r.due), lambda r: r.due, True),
    Column(N_("Paid"), lambda r: money(r.paid), lambda r: r.paid, True),
    Column(N_("Outstanding"), lambda r: money(r.outstanding), lambda r: r.outstanding, True),
    Column(N_("Due"), lambda r: r.due_on.strftime("%d/%m/%Y"), lambda r: r.due_on, True),
    Column(N_("Status"), lambda r: r.status.label, lambda r: list(CallStatus).index(r.status)),
    Column(N_("Communication"), lambda r: r.communication_text, lambda r: r.structured_communication),
)
STATUS_COLUMN = 8


class FeeCallTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[FeeCallRow] = []

    def set_rows(self, rows: list[FeeCallRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section].title)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            right = COLUMNS[section].align_right  # a header sits over its numbers
            return (Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort_key(row)
        if role == CALL_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATUS_COLUMN:
            return QColor(STATUS_COLOURS[row.status])
        return None


class FeeCallProxy(QSortFilterProxyModel):
    """Filters on a status (None: all) and on text in the member name, number or communication."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.status: CallStatus | None = None
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, status: CallStatus | str | None, text: str) -> None:
        # a combo box hands the enum back as its plain string value
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+: invalidateFilter() is deprecated
            self.beginFilterChange()
        self.status, self.text = (CallStatus(status) if status else None), text.strip().lower()
        if hasattr(self, "endFilterChange"):
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802
        row = self.sourceModel().rows[source_row]
        if self.status is not None and row.status is not self.status:
            return False
        if not self.text:
            return True
        digits = "".join(ch for ch in self.text if ch.isdigit())
        return (self.text in row.member_name.lower() or self.text in (row.number or "")
                or (len(digits) >= 3 and digits in row.structured_communication))

    def lessThan(self, left, right) -> bool:  # noqa: N802
        return left.data(SORT_ROLE) < right.data(SORT_ROLE)

    def row_at(self, proxy_row: int) -> FeeCallRow:
        return self.sourceModel().rows[self.mapToSource(self.index(proxy_row, 0)).row()]
