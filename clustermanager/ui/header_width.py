"""Column widths that fit their titles: "Ingeschreven" or "Date d'échéance" are longer than "Registered"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView


def title_width(table: QTableView, number: int) -> int:
    """Wide enough for the column's title in the user's language, with room for the sort arrow."""
    title = str(table.model().headerData(number, Qt.Orientation.Horizontal) or "")
    bold = QFont(table.horizontalHeader().font())
    bold.setBold(True)  # the style sheet draws titles bold
    return QFontMetrics(bold).horizontalAdvance(title) + 32
