"""The one base of the window's table models: rows in a list, shown through columns declared once.

A `Column` says how a row reads (`text`) and sorts (`sort_key`); the base answers Qt's questions for
display, alignment, header and row id, and keeps each column's sort keys and the rows' search texts,
computed once per load for the fast filtering proxy (`tables/filter_proxy.py`). A subclass only adds
what is its own (a colour, a font, a tooltip, a check box) in `role_data`.

`PagedTableModel` is the same base for a register too large to hold (the members): the database
sorts, filters and counts, and the model holds only the pages shown, loaded on the task runner.
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


class PagedTableModel(ListTableModel):
    """A register too large to hold: the database sorts and filters, the model holds the pages shown.

    `rows` has one entry per row of the current query, None where its page is not loaded yet; a row
    asked for (`data`, i.e. on screen) loads its page on the task runner and the view repaints when it
    arrives. `set_query(query)` runs `first(session, query)` (the count, the first page and whatever the
    status bar needs, in one job) and resets the model when it is back; meanwhile the old rows stay.
    A subclass gives `first(session, query) -> FirstPage` and `page(session, query, offset, limit,
    total) -> list`, both run on the worker; at most `max_pages` pages are kept (the least recently
    loaded are dropped and loaded again when shown).
    """

    page_size = 200
    max_pages = 40

    def __init__(self, columns: Sequence[Column], ctx, parent=None):
        super().__init__(columns, parent)
        self.ctx = ctx
        self.query = None
        self.extra = None  # what `first` computed beside the rows (counts)
        self.loaded_once = False
        self._generation = 0
        self._pages: dict[int, None] = {}  # loaded pages, oldest first
        self._pending: set[int] = set()
        self._after_load: list[Callable[[], None]] = []

    # -- what a subclass gives (on the worker) ---------------------------------------------------

    def first(self, session, query) -> FirstPage:
        raise NotImplementedError

    def page(self, session, query, offset: int, limit: int, total: int) -> list:
        raise NotImplementedError

    # -- loading ---------------------------------------------------------------------------------

    def set_query(self, query, *, then: Callable[[], None] | None = None) -> None:
        """Show `query`'s rows (from the database, on the task runner); `then()` once they are there."""
        from clustermanager.ui import operations

        self._generation += 1
        generation = self._generation
        if then is not None:
            self._after_load.append(then)
        operations.query(self.ctx, lambda session: self.first(session, query), owner=self, key="first",
                         label=_("Loading…"), on_success=lambda result: self._first_loaded(generation, query, result))

    def reload(self, *, then: Callable[[], None] | None = None) -> None:
        if self.query is not None:
            self.set_query(self.query, then=then)

    def clear(self) -> None:
        """No rows (another database): nothing asked before is shown when it arrives."""
        self._generation += 1
        self._after_load.clear()
        self.beginResetModel()
        self.rows, self.extra, self.loaded_once = [], None, False
        self._pages, self._pending = {}, set()
        self.endResetModel()

    def _first_loaded(self, generation: int, query, result: FirstPage) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self.query, self.extra, self.loaded_once = query, result.extra, True
        self.rows = list(result.rows) + [None] * (result.total - len(result.rows))
        self._pages, self._pending = ({0: None} if result.total else {}), set()
        self.endResetModel()
        callbacks, self._after_load = self._after_load, []
        for callback in callbacks:
            callback()

    def ensure_loaded(self, row: int) -> None:
        """Load the page holding `row` if it is not there yet."""
        number = row // self.page_size
        if number in self._pages or number in self._pending or not 0 <= row < len(self.rows):
            return
        from clustermanager.ui import operations

        self._pending.add(number)
        generation, query, total = self._generation, self.query, len(self.rows)
        operations.query(self.ctx, lambda session: self.page(session, query, number * self.page_size,
                                                             self.page_size, total),
                         owner=self, key=f"page-{number}", label=_("Loading…"),
                         on_success=lambda rows: self._page_loaded(generation, number, rows))

    def _page_loaded(self, generation: int, number: int, rows: list) -> None:
        if generation != self._generation:
            return
        self._pending.discard(number)
        start = number * self.page_size
        rows = rows[:max(0, len(self.rows) - start)]
        self.rows[start:start + len(rows)] = rows
        self._pages[number] = None
        while len(self._pages) > self.max_pages:  # drop the oldest page (shown again: loaded again)
            old = next(iter(self._pages))
            del self._pages[old]
            first = old * self.page_size
            self.rows[first:first + self.page_size] = [None] * len(self.rows[first:first + self.page_size])
        if rows:
            self.dataChanged.emit(self.index(start, 0), self.index(start + len(rows) - 1, len(self.columns) - 1))

    def row_number(self, row_id) -> int | None:
        """The row of the loaded record with this id; None when it is not loaded."""
        return next((i for i, r in enumerate(self.rows) if r is not None and r.id == row_id), None)

    # -- QAbstractTableModel ---------------------------------------------------------------------

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if self.rows[index.row()] is None:
            self.ensure_loaded(index.row())
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        return super().data(index, role)

    def sort_keys(self, column: int) -> list:
        raise TypeError("a paged model is sorted by the database")

    def search_texts(self) -> list[str]:
        raise TypeError("a paged model is searched by the database")


@dataclass(frozen=True)
class FirstPage:
    total: int  # rows the query has
    rows: list  # its first page
    extra: object = None  # counts for the status bar
