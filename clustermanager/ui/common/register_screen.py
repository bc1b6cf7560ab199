"""What the Activities and Projects screens share: a title with buttons, a filter bar, a sortable
table over row dataclasses (the member register's conventions), loading through the task runner."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from clustermanager.i18n import _
from clustermanager.ui.common.header import screen_header
from clustermanager.ui.common.numbers import count
from clustermanager.ui.common.screen import Screen
from clustermanager.ui.shell.registry import load_object
from clustermanager.ui.tables.column_memory import ColumnMemory
from clustermanager.ui.tables.layout import set_width
from clustermanager.ui.tables.row_table import ROW_ID_ROLE, RowFilter, RowProxyModel, RowTableModel


def search_box(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


def configure_table(table: QTableView, proxy, columns) -> None:
    """The look and behaviour every register table shares (rows selected whole, no grid, sortable)."""
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(28)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for number, column in enumerate(columns):
        set_width(table, number, column.width)
        table.setColumnHidden(number, not column.visible)
    keys = [c.key for c in columns]
    main = next((keys.index(k) for k in ("title", "name") if k in keys), None)
    if main is None:
        header.setStretchLastSection(True)  # after the widths, or the last one keeps its own
    else:  # the title takes the spare width, not an amount at the end (titles were cut, budgets had room)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(main, QHeaderView.ResizeMode.Stretch)


class RegisterScreen(Screen):
    """Subclasses give the columns and texts, add their filters, and say how to load and open a row."""

    columns: tuple = ()
    key = ""  # remembers the column layout under "<key>/header" in the window settings
    title = ""
    new_text = ""
    search_hint = ""
    loading_text = ""
    empty_text = ""  # the subtitle while there is nothing yet: what to do first
    sort_column = 0
    dialog_target = ""  # "module:Class" of the record dialog, taking (ctx, record_id, parent)

    def __init__(self, ctx, parent=None, *, warn=None):
        super().__init__(ctx, parent)
        self.model = RowTableModel(self.columns, self, warn=warn)
        self.proxy = RowProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.dialog = None  # the dialog last opened (tests drive it)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(12)
        self.top = QHBoxLayout()
        header, self.subtitle = screen_header(_(self.title))
        self.top.addLayout(header, 1)
        self.add_top_buttons()
        self.new_button = QPushButton(_(self.new_text))
        self.new_button.setObjectName("primary")
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(lambda: self.open_record(None))
        self.top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(self.top)
        bar = QHBoxLayout()
        self.search = search_box(_(self.search_hint))
        self.search.textChanged.connect(lambda _t: self._debounce.start(0))
        bar.addWidget(self.search, 1)
        self.add_filters(bar)
        layout.addLayout(bar)
        self.table = QTableView()
        configure_table(self.table, self.proxy, self.columns)
        self.table.sortByColumn(self.sort_column, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda index: self.open_record(index.data(ROW_ID_ROLE)))
        self.column_memory = ColumnMemory(self.table, self.columns, self.key)
        open_action = QAction(self.table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(lambda: self.current_id() is not None and self.open_record(self.current_id()))
        self.table.addAction(open_action)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self._apply_filter)

    # -- hooks -------------------------------------------------------------------------------------

    def add_top_buttons(self) -> None:
        """Extra buttons beside "New …" (added to self.top)."""

    def add_filters(self, bar: QHBoxLayout) -> None:
        """Filter widgets after the search box; connect them to self._apply_filter."""

    def load(self, session):
        """On the worker thread: what `loaded` gets (the rows, by default)."""
        raise NotImplementedError

    def loaded(self, result) -> list:
        """On the main thread: prepare the widgets from `result`; return the rows."""
        return result

    def accepts(self):
        """(key, predicate) of the current filters; key makes equal filters compare equal."""
        return (), None

    def summary(self, shown: list) -> str:
        return ""

    # -- shared behaviour --------------------------------------------------------------------------

    def refresh(self) -> None:
        self.ctx.tasks.run(lambda session, _progress: self.load(session), label=_(self.loading_text),
                           on_success=self._loaded)

    def _loaded(self, result) -> None:
        rows = self.loaded(result)
        self.model.set_rows(rows)
        for number, column in enumerate(self.columns):  # amounts and counts whole ("584.000,00 EUR", not "584.000,00 E…")
            if column.align_right and not self.table.isColumnHidden(number):
                self.table.resizeColumnToContents(number)
        self.subtitle.setText(_(self.empty_text) if not rows and self.empty_text
                              else _("{n} in total").format(n=count(len(rows))))
        self._apply_filter()

    def current_filter(self) -> RowFilter:
        key, predicate = self.accepts()
        return RowFilter(self.search.text(), key, predicate)

    def _apply_filter(self, *_args) -> None:
        self.proxy.set_filter(self.current_filter())
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        shown = self.proxy.shown_rows()
        parts = [_("{shown} of {total} shown").format(shown=count(len(shown)), total=count(len(self.model.rows)))]
        extra = self.summary(shown)
        return "  ·  ".join([*parts, extra] if extra else parts)

    def set_column_visible(self, number: int, visible: bool) -> None:
        self.column_memory.set_visible(number, visible)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_record(self):
        return self.open_record(None)

    def open_record(self, record_id: int | None):
        self.dialog = load_object(self.dialog_target)(self.ctx, record_id, self)
        self.dialog.open()
        return self.dialog

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ROW_ID_ROLE) if index.isValid() else None
