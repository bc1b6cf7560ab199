"""The project's status history: every dated change of its status, with a way to correct a date.

The report counts a project by the status it had on a period's last day and by the dated changes
("started in 2025"), so a wrong date changes a figure: the user corrects it here (the status itself
stays; a new status is set on the General tab with the day it took effect).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget

from clustermanager.i18n import N_, _
from clustermanager.services import project_status
from clustermanager.services.project_status import StatusChangeData
from clustermanager.ui import operations
from clustermanager.ui.common import dialogs
from clustermanager.ui.common.numbers import day
from clustermanager.ui.operations import Change
from clustermanager.ui.tables.layout import cell

HEADERS = (N_("Status"), N_("Since"), N_("Note"))


class StatusHistory(QWidget):
    """`corrected()` after a date was changed or a change removed (the dialog reloads the project)."""

    corrected = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.project_id: int | None = None
        self.changes: list[StatusChangeData] = []
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setColumnWidth(0, 180)
        self.table.setColumnWidth(1, 120)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.correct_selected())
        self.explain = QLabel(_("The report counts each project by the status it had on the period's last day; "
                                "correct a date here if a change was entered on the wrong day."))
        self.explain.setWordWrap(True)
        self.correct_button = QPushButton(_("Correct date…"))
        self.correct_button.clicked.connect(self.correct_selected)
        self.delete_button = QPushButton(_("Remove change…"))
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def load(self, project_id: int) -> None:
        self.project_id = project_id
        operations.query(self.ctx, lambda session: project_status.status_history(session, project_id),
                         owner=self, key="history", on_success=self.show_changes)

    def show_changes(self, changes: list[StatusChangeData]) -> None:
        self.changes = list(reversed(changes))  # the latest first: the one that says today's status
        self.table.setRowCount(len(self.changes))
        for row, change in enumerate(self.changes):
            self.table.setItem(row, 0, cell(_(change.status.label)))
            self.table.setItem(row, 1, cell(day(change.changed_on)))
            self.table.setItem(row, 2, cell(change.note or ""))
        self._update_buttons()

    def selected(self) -> StatusChangeData | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.changes[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.correct_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen and len(self.changes) > 1)

    def correct_selected(self) -> None:
        change = self.selected()
        if change is None:
            return
        on = dialogs.ask_date(self, _("Correct the date"),
                              _("On which day did the project become “{status}”?").format(status=_(change.status.label)),
                              _("Since"), change.changed_on)
        if on is not None and on != change.changed_on:
            self.correct(change, on)

    def correct(self, change: StatusChangeData, on: dt.date) -> None:
        operations.change(self.ctx, lambda session: project_status.correct_status_date(
            session, change.id, on, expected_version=change.version), changes=(Change.PROJECTS,),
            parent=self, on_success=lambda _r: self._changed(), label=_("Correcting the date…"))

    def delete_selected(self) -> None:
        change = self.selected()
        if change is None or not dialogs.confirm(
                self, _("Remove change"), _("Remove “{status}” since {day} from the history?").format(
                    status=_(change.status.label), day=day(change.changed_on)), action=_("Remove")):
            return
        operations.change(self.ctx, lambda session: project_status.delete_status_change(session, change.id),
                          changes=(Change.PROJECTS,), parent=self, on_success=lambda _r: self._changed())

    def _changed(self) -> None:
        if self.project_id is not None:
            self.load(self.project_id)
        self.corrected.emit()
