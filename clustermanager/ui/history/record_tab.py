"""The History tab of one record (a member, an activity, a project): every change to it and to what
hangs on it (a member's contacts, an activity's participants, a project's partners), newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from clustermanager.i18n import _
from clustermanager.services.history import entries
from clustermanager.ui import operations
from clustermanager.ui.common.numbers import count
from clustermanager.ui.common.register_screen import configure_table
from clustermanager.ui.history.changes_table import CHANGE_COLUMNS, ChangesModel, rows_of, when
from clustermanager.ui.tables.filter_proxy import FilterProxy
from clustermanager.ui.tables.layout import fit_columns

LIMIT = 2000  # a record's history shown at once; older entries: Recent changes or the command line


class RecordHistoryTab(QWidget):
    def __init__(self, ctx, table: str, row_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.record_table, self.row_id = ctx, table, row_id
        self.model = ChangesModel(self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.summary = QLabel(_("Loading…"))
        self.summary.setWordWrap(True)
        self.table = QTableView()
        configure_table(self.table, self.proxy, CHANGE_COLUMNS)
        record = [c.key for c in CHANGE_COLUMNS].index("record")  # the member or one of its contacts
        self.table.setColumnHidden(record, table != "member")
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        ctx.data_changed.connect(lambda _topic: self.refresh())  # any change may be one of this record's
        self.refresh()

    def refresh(self) -> None:
        key = entries.RecordKey(self.record_table, self.row_id, None)
        operations.query(self.ctx, lambda session: entries.history(session, record=key, limit=LIMIT),
                         owner=self, key="history", on_success=self._loaded)

    def _loaded(self, found) -> None:
        rows = rows_of(found)
        self.model.set_rows(rows)
        fit_columns(self.table, stretch=6, max_width=210)
        if not rows:
            self.summary.setText(_("No changes recorded yet. Changes made from now on are listed here."))
        else:
            first = min(rows, key=lambda r: r.id)
            self.summary.setText(_("{n} changes, newest first; the first on {when} by {user}.").format(
                n=count(len({r.id for r in rows})), when=when(first.at), user=first.user))


class MemberHistoryTab(RecordHistoryTab):
    """The member detail's History tab (registered in history/__init__.py)."""

    def __init__(self, ctx, member_id: int, parent=None):
        super().__init__(ctx, "member", member_id, parent)
