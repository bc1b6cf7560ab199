"""Column widths that fit: every column as wide as its header and contents (within reason), one column
taking the spare room, headers aligned like their cells. Call `fit_columns` after the rows are loaded."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView, QTableWidget, QTableWidgetItem

MAX_WIDTH = 320  # a long text is cut with "…" beyond this; its tooltip or the detail shows it whole
MIN_STRETCH = 160  # the column that gives way keeps at least this much (or its header)
PADDING = 10  # breathing room beside a cell's text (the header has its own padding)


def fit_columns(table: QTableView, *, stretch: int | None = None, max_width: int = MAX_WIDTH,
                min_stretch: int = MIN_STRETCH) -> None:
    """Size every visible column to its header and contents, at most `max_width`. The `stretch` column
    (default: the last) gives or takes the difference with the table's width, never narrower than its
    header or `min_stretch`, so the table fills its width and needs no horizontal scroll bar when the
    other columns leave room; it follows the table when the window is resized."""
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    model = table.model()
    if model is None:
        return
    columns = model.columnCount()
    stretch = columns - 1 if stretch is None else stretch
    header.setStretchLastSection(False)
    widths: dict[int, int] = {}
    for column in range(columns):
        if table.isColumnHidden(column):
            continue
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        own = header.sectionSizeFromContents(column).width()
        wanted = max(own, table.sizeHintForColumn(column) + PADDING)
        widths[column] = min(max_width, wanted)
        if column == stretch:
            widths[column] = max(widths[column], min(min_stretch, wanted), own)
    for column, width in widths.items():
        table.setColumnWidth(column, width)
    if stretch in widths:
        floor = max(min(min_stretch, widths[stretch]), header.sectionSizeFromContents(stretch).width())
        _give_room(table, stretch, floor)
        _Refit.install(table, stretch, floor)
    if isinstance(table, QTableWidget) and table.rowCount():
        _align_headers_with_numbers(table)
    header.setStretchLastSection(stretch not in widths)  # otherwise the stretch column follows the width


def cell(text: str, *, number: bool = False) -> QTableWidgetItem:
    """A read-only table cell; amounts and counts are right-aligned so their digits line up."""
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _align_headers_with_numbers(table: QTableWidget) -> None:
    """A header over right-aligned numbers is right-aligned too (models answer this in headerData)."""
    for column in range(table.columnCount()):
        item, header = table.item(0, column), table.horizontalHeaderItem(column)
        if item is not None and header is not None and item.textAlignment() & Qt.AlignmentFlag.AlignRight:
            header.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _give_room(table: QTableView, stretch: int, floor: int) -> None:
    """The stretch column takes the table's width minus the other columns (as they are now), at least `floor`."""
    others = sum(table.columnWidth(c) for c in range(table.model().columnCount())
                 if c != stretch and not table.isColumnHidden(c))
    room = table.viewport().width() - others
    if not table.verticalScrollBar().isVisibleTo(table) and table.verticalHeader().length() > table.viewport().height():
        room -= table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)  # the one about to appear
    table.setColumnWidth(stretch, max(floor, room))


class _Refit(QObject):
    """Gives the stretch column its room again when the table is resized or first shown (a tab's table
    is laid out before it has its real width); the other columns keep the widths the user chose."""

    def __init__(self, table: QTableView):
        super().__init__(table)
        self.table, self.stretch, self.floor = table, 0, 0

    @classmethod
    def install(cls, table: QTableView, stretch: int, floor: int) -> None:
        refit = table.findChild(cls)
        if refit is None:
            refit = cls(table)
            table.viewport().installEventFilter(refit)  # its resize comes after the scroll bars are placed
        refit.stretch, refit.floor = stretch, floor

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and self.table.model() is not None:
            _give_room(self.table, self.stretch, self.floor)
        return False


def set_width(table: QTableView, column: int, width: int) -> None:
    """A register's planned width, widened when the header needs more (a longer word in another language)."""
    table.setColumnWidth(column, max(width, table.horizontalHeader().sectionSizeFromContents(column).width()))
