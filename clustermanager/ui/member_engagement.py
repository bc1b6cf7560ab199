"""Member detail tabs: the activities the member's people took part in, and the member's projects."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from clustermanager.i18n import _
from clustermanager.services import activities, projects
from clustermanager.ui.register_screen import configure_table
from clustermanager.ui.row_table import RowProxyModel, RowTableModel
from clustermanager.ui.screens.activities import ACTIVITY_COLUMNS
from clustermanager.ui.screens.projects import PROJECT_COLUMNS
from clustermanager.ui.table_layout import fit_columns


class _MemberRowsTab(QWidget):
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


class MemberActivitiesTab(_MemberRowsTab):
    columns = ACTIVITY_COLUMNS
    shown = ("starts_on", "title", "kind", "location")
    topic = "activities"

    def load(self, session):
        return activities.list_activities(session, member_id=self.member_id)

    def describe(self, rows) -> str:
        if not rows:
            return _("Not on the list of any activity yet. Participants are added in Activities.")
        return _("On the list of {n} activities").format(n=len(rows))


class MemberProjectsTab(_MemberRowsTab):
    columns = PROJECT_COLUMNS
    shown = ("title", "kind", "status", "starts_on", "lead")
    stretch = 0
    topic = "projects"

    @staticmethod
    def warn(row) -> bool:
        return not row.meets_company_rule

    def load(self, session):
        return projects.list_projects(session, member_id=self.member_id)

    def describe(self, rows) -> str:
        if not rows:
            return _("Not a partner in any project yet. Partners are added in Projects.")
        return _("Partner in {n} projects").format(n=len(rows))
