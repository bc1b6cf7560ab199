"""A read-only register table on the member detail, filtered to one member (its activities, its projects).

Each feature subclasses it for the tab it adds to the member detail (activities/member_tab.py,
projects/member_tab.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from clustermanager.i18n import _
from clustermanager.ui.common.register_screen import configure_table
from clustermanager.ui.tables.layout import fit_columns
from clustermanager.ui.tables.row_table import RowProxyModel, RowTableModel


class MemberRowsTab(QWidget):
    """A read-only register table filtered to one member, loaded through the task runner."""

    columns: tuple = ()
    shown: tuple[str, ...] = ()  # the column keys this tab shows
    stretch = 1  # the column that takes the spare width
    topic = ""

    def __init__(self, ctx, member_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        self.model = RowTableModel(self.columns, self, warn=self.warn)
        self.proxy = RowProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.summary = QLabel()
        self.table = QTableView()
        configure_table(self.table, self.proxy, self.columns)
        for number, column in enumerate(self.columns):  # what this member tab is about, not the totals
            self.table.setColumnHidden(number, column.key not in self.shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        ctx.data_changed.connect(self._on_data_changed)
        self.refresh()

    warn = None

    def _on_data_changed(self, topic: str) -> None:
        if topic == self.topic:
            self.refresh()

    def load(self, session):
        raise NotImplementedError

    def describe(self, rows) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        self.ctx.tasks.run(lambda session, _progress: self.load(session), label=_("Loading…"),
                           on_success=self._loaded)

    def _loaded(self, rows) -> None:
        self.model.set_rows(rows)
        fit_columns(self.table, stretch=self.stretch)
        self.summary.setText(self.describe(rows))
