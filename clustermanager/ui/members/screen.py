"""The member register: a searchable, sortable table of every member, and the way into a member.

The table pages from the database (members/table_model.py): sorting, the search box, the filters and
the counts are queries, so 100,000 members cost what the rows on screen cost.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from clustermanager.i18n import _
from clustermanager.services import register_query
from clustermanager.services.register_query import RegisterFilter as MemberFilter
from clustermanager.ui import operations
from clustermanager.ui.common.header import screen_header
from clustermanager.ui.common.numbers import count, share
from clustermanager.ui.common.register_screen import configure_table
from clustermanager.ui.common.screen import Screen
from clustermanager.ui.members import actions as member_actions
from clustermanager.ui.members.filter_bar import MemberFilterBar
from clustermanager.ui.members.table_model import COLUMNS, MEMBER_ID_ROLE, MemberTableModel
from clustermanager.ui.operations import Change
from clustermanager.ui.tables.column_memory import ColumnMemory

BIG_TABLE = 20_000  # above this many rows, wait for a short pause in typing before asking again


class MembersScreen(Screen):
    topics = (Change.MEMBERS,)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.model = MemberTableModel(ctx, self)
        self.model.counts_arrived.connect(self._counted)
        self.proxy = self.model  # what the table shows: the database sorts and filters, no proxy needed
        self.dialog = None  # the member dialog last opened (tests drive it)
        self._select_after_load: int | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(12)
        top = QHBoxLayout()
        header, self.subtitle = screen_header(_("Members"))
        top.addLayout(header, 1)
        self.new_button = QPushButton(_("New member"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_member)
        top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(top)
        self.filters = MemberFilterBar()
        self.search, self.kind, self.size = self.filters.search, self.filters.kind, self.filters.size
        self.status, self.day = self.filters.status, self.filters.day
        self.filters.typed.connect(self._search_typed)
        self.filters.changed.connect(self._apply_filter)
        layout.addWidget(self.filters)
        self.table = self._table()
        layout.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self._apply_filter)
        self.model.filter = self.current_filter()

    # -- building --------------------------------------------------------------------------------

    def _table(self) -> QTableView:
        table = QTableView()
        configure_table(table, self.proxy, COLUMNS)  # the look every register shares
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by name, A to Z
        self.column_memory = ColumnMemory(table, COLUMNS, "members")
        table.doubleClicked.connect(lambda index: self.open_member(index.data(MEMBER_ID_ROLE)))
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._row_menu)
        open_action = QAction(table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(lambda: self.open_member(self.current_member_id()))
        table.addAction(open_action)
        return table

    # -- loading ---------------------------------------------------------------------------------

    @property
    def complete(self) -> bool:
        """The register's first answer is there (the first page; the counts may follow)."""
        return self.model.loaded_once

    def refresh(self) -> None:
        selected = self.current_member_id()
        self.model.start(then=lambda: self._loaded(selected))

    def reset(self) -> None:
        """Another database: forget the rows at once (they belong to another cluster)."""
        self.model.clear()

    def _loaded(self, selected: int | None = None) -> None:
        if not self.model.counting:
            self._show_total()
        if selected is not None:
            self.select_member(selected)
        self.status_changed.emit(self.status_text())

    def _counted(self) -> None:
        """The counts arrived (a moment after the rows)."""
        self._show_total()
        self.status_changed.emit(self.status_text())

    def _show_total(self) -> None:
        total = self.model.counts().total
        self.subtitle.setText(_("{n} members in the register").format(n=count(total)) if total
                              else _("No members yet: click New member, or bring in a list with File > Import "
                                     "members…"))

    # -- filtering -------------------------------------------------------------------------------

    def _search_typed(self) -> None:
        self._debounce.start(80 if self.model.counts().total > BIG_TABLE else 0)

    def current_filter(self) -> MemberFilter:
        return self.filters.current_filter()

    def _apply_filter(self, *_args) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter(), then=lambda: self.status_changed.emit(self.status_text()))

    def status_text(self) -> str:
        if not self.complete:
            return ""  # the task's own "Loading…" is beside it
        counts = self.model.counts()
        if self.model.counting:  # the rows are there, the rest of the counts a moment later
            return _("{shown} shown, counting…").format(shown=count(counts.shown))
        parts = [_("{shown} of {total} shown").format(shown=count(counts.shown), total=count(counts.total)),
                 _("{n} active today").format(n=count(counts.active))]
        if counts.sme_share is not None:
            parts.append(_("SMEs {share} of active companies").format(share=share(counts.sme_share)))
        return "  ·  ".join(parts)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- columns ---------------------------------------------------------------------------------

    def set_column_visible(self, number: int, visible: bool) -> None:
        self.column_memory.set_visible(number, visible)

    # -- members ---------------------------------------------------------------------------------

    def current_member_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(MEMBER_ID_ROLE) if index.isValid() else None

    def select_member(self, member_id: int) -> bool:
        """Select the member's row: at once if its page is loaded (True), else once the database said
        where it is in the current order (nothing if the filter hides it)."""
        row = self.model.row_number(member_id)
        if row is not None:
            self._select_row(row)
            return True
        model = self.model
        query = model.query
        if query is None:
            return False
        operations.query(self.ctx, lambda session: register_query.position(session, query.filter, query.sort,
                                                                           member_id, query.today),
                         owner=self, key="position", on_success=lambda found: self._select_row(found, query))
        return False

    def _select_row(self, row: int | None, query=None) -> None:
        if row is None or (query is not None and query is not self.model.query) or row >= self.model.rowCount():
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _row_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        if row is None:  # its page is still on its way
            return
        member_id, name = row.id, row.name
        menu = QMenu(self)
        menu.addAction(_("Open"), lambda: self.open_member(member_id))
        menu.addAction(_("End membership…"), lambda: member_actions.end_membership(self, self.ctx, member_id, name))
        menu.addSeparator()
        menu.addAction(_("Delete…"), lambda: member_actions.delete_member(self, self.ctx, member_id, name))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def new_member(self):
        return self.open_member(None)

    def open_member(self, member_id: int | None):
        from clustermanager.ui.members.detail import MemberDialog

        self.dialog = MemberDialog(self.ctx, member_id, self)
        self.dialog.saved.connect(self.select_member_later)
        self.dialog.open()
        return self.dialog

    def select_member_later(self, member_id: int) -> None:
        """After a save the register reloads; select the member once it is back."""
        self._select_after_load = member_id
        self.ctx.tasks.idle.connect(self._select_pending, Qt.ConnectionType.SingleShotConnection)

    def _select_pending(self) -> None:
        if self._select_after_load is not None:
            self.select_member(self._select_after_load)
            self._select_after_load = None



def new_member_action(window) -> None:
    """File > New member… (Ctrl+N)."""
    window.show_screen("members").new_member()
