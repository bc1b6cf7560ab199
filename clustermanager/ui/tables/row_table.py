"""The table model of the registers over row dataclasses (activities, projects, the member tabs).

Rows are frozen dataclasses with `id` and `search_text`; columns are declared once (`Column`), and
the one fast proxy sorts and filters them (`RowProxyModel`, with a `RowFilter` predicate).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt

from clustermanager.ui.shell.style import colour
from clustermanager.ui.tables.filter_proxy import FilterProxy, RowFilter
from clustermanager.ui.tables.list_model import ROW_ID_ROLE, Column, ListTableModel

__all__ = ["ROW_ID_ROLE", "Column", "RowFilter", "RowProxyModel", "RowTableModel"]

RowProxyModel = FilterProxy  # the registers' proxy is the one fast proxy itself


class RowTableModel(ListTableModel):
    """`warn(row)` paints a row amber (a project below the three-companies rule)."""

    def __init__(self, columns: Sequence[Column], parent=None, *, warn: Callable[[object], bool] | None = None):
        super().__init__(columns, parent)
        self._warn = warn

    def role_data(self, row, column: Column, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and self._warn is not None and self._warn(row):
            return colour("caution")
        return None
