"""Recent changes: the whole cluster's history, newest first, filtered by record (the search box:
a record's name, a field, a value), user and action kind."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QTableView, QVBoxLayout

from clustermanager.i18n import _
from clustermanager.services.history import entries
from clustermanager.ui import operations
from clustermanager.ui.common.header import screen_header
from clustermanager.ui.common.numbers import count
from clustermanager.ui.common.register_screen import configure_table, search_box
from clustermanager.ui.common.screen import Screen
from clustermanager.ui.history.changes_table import CHANGE_COLUMNS, ChangesModel, kind_label, rows_of
from clustermanager.ui.operations import Change
from clustermanager.ui.tables.filter_proxy import FilterProxy, RowFilter
from clustermanager.ui.tables.layout import fit_columns

LIMIT = 5000  # the latest changes loaded; older ones through `clustermanager history --since`


def load_recent(session):
    return entries.history(session, limit=LIMIT), entries.users(session), entries.kinds(session)


class RecentChangesScreen(Screen):
    topics = tuple(Change)  # every change adds to the history

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.model = ChangesModel(self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.hit_limit = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(12)
        header, self.subtitle = screen_header(_("Recent changes"))
        layout.addLayout(header)
        bar = QHBoxLayout()
        self.search = search_box(_("Search record, field, value, action…"))
        self.search.textChanged.connect(lambda _t: self._debounce.start(150))
        bar.addWidget(self.search, 1)
        self.user = QComboBox()
        self.user.setObjectName("user")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for box, everyone in ((self.user, _("All users")), (self.kind, _("All actions"))):
            box.addItem(everyone, None)
            box.currentIndexChanged.connect(lambda _i: self._apply_filter())
            bar.addWidget(box)
        layout.addLayout(bar)
        self.table = QTableView()
        configure_table(self.table, self.proxy, CHANGE_COLUMNS)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self._apply_filter)

    def refresh(self) -> None:
        operations.query(self.ctx, load_recent, owner=self, key="recent", label=_("Loading the history…"),
                         on_success=self._loaded)

    def reset(self) -> None:
        self.model.set_rows([])

    def _loaded(self, result) -> None:
        found, users, kinds = result
        self.hit_limit = len(found) >= LIMIT
        _fill(self.user, [(u, u) for u in users])
        _fill(self.kind, [(kind_label(k), k) for k in kinds])
        self.model.set_rows(rows_of(found))
        fit_columns(self.table, stretch=6, max_width=210)
        if not found:
            self.subtitle.setText(_("Nothing changed yet: every save, import, bank statement and deletion "
                                    "is listed here, with the old and new values."))
        elif self.hit_limit:
            self.subtitle.setText(_("The latest {n} changes; older ones: clustermanager history --since DATE")
                                  .format(n=count(LIMIT)))
        else:
            self.subtitle.setText(_("{n} changes").format(n=count(len(found))))
        self._apply_filter()

    def current_filter(self) -> RowFilter:
        user, kind = self.user.currentData(), self.kind.currentData()
        if user is None and kind is None:
            return RowFilter(self.search.text())
        return RowFilter(self.search.text(), (user, kind),
                         lambda r: (user is None or r.user == user) and (kind is None or r.kind == kind))

    def _apply_filter(self) -> None:
        self.proxy.set_filter(self.current_filter())
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        return _("{shown} of {total} shown").format(shown=count(self.proxy.rowCount()),
                                                    total=count(self.model.rowCount()))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()


def _fill(box: QComboBox, items: list[tuple[str, str]]) -> None:
    """Keep the choice when the list is read again."""
    chosen = box.currentData()
    box.blockSignals(True)
    while box.count() > 1:
        box.removeItem(1)
    for text, data in items:
        box.addItem(text, data)
    box.setCurrentIndex(max(0, box.findData(chosen)) if chosen is not None else 0)
    box.blockSignals(False)
