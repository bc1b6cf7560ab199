"""The Activities tab of the member detail: the activities the member's people took part in."""

from __future__ import annotations

from clustermanager.i18n import _
from clustermanager.services import activities
from clustermanager.ui.activities.screen import ACTIVITY_COLUMNS
from clustermanager.ui.common.member_rows_tab import MemberRowsTab
from clustermanager.ui.operations import Change


class MemberActivitiesTab(MemberRowsTab):
    columns = ACTIVITY_COLUMNS
    shown = ("starts_on", "title", "kind", "location")
    topic = Change.ACTIVITIES

    def load(self, session):
        return activities.list_activities(session, member_id=self.member_id)

    def describe(self, rows) -> str:
        if not rows:
            return _("Not on the list of any activity yet. Participants are added in Activities.")
        return _("On the list of {n} activities").format(n=len(rows))
