"""The Projects tab of the member detail: the projects the member is a partner in."""

from __future__ import annotations

from clustermanager.i18n import _
from clustermanager.services import projects
from clustermanager.ui.common.member_rows_tab import MemberRowsTab
from clustermanager.ui.operations import Change
from clustermanager.ui.projects.screen import PROJECT_COLUMNS


class MemberProjectsTab(MemberRowsTab):
    columns = PROJECT_COLUMNS
    shown = ("title", "kind", "status", "starts_on", "lead")
    stretch = 0
    topic = Change.PROJECTS

    @staticmethod
    def warn(row) -> bool:
        return not row.meets_company_rule

    def load(self, session):
        return projects.list_projects(session, member_id=self.member_id)

    def describe(self, rows) -> str:
        if not rows:
            return _("Not a partner in any project yet. Partners are added in Projects.")
        return _("Partner in {n} projects").format(n=len(rows))
