"""Column widths that fit: every column as wide as its header and contents (within reason), one column
taking the spare room, headers aligned like their cells. Call `fit_columns` after the rows are loaded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QTableWidgetItem

MAX_WIDTH = 320  # a long text is cut with "…" beyond this; its tooltip or the detail shows it whole
PADDING = 16  # breathing room beside the text, so a column never looks cramped


def fit_columns(table: QTableView, *, stretch: int | None = None, max_width: int = MAX_WIDTH) -> None:
    """Size every visible column to its header and contents, at most `max_width`; `stretch` (default:
    the last column) takes what is left so the table fills its width without a horizontal scroll bar."""
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    model = table.model()
    if model is None:
        return
    columns = model.columnCount()
    stretch = columns - 1 if stretch is None else stretch
    header.setStretchLastSection(False)
    for column in range(columns):
        if table.isColumnHidden(column):
            continue
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        wanted = max(header.sectionSizeFromContents(column).width(), table.sizeHintForColumn(column))
        table.setColumnWidth(column, min(max_width, wanted + PADDING))
    if 0 <= stretch < columns:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def cell(text: str, *, number: bool = False) -> QTableWidgetItem:
    """A read-only table cell; amounts and counts are right-aligned so their digits line up."""
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item
