"""Extra tabs on the member detail, added by features (fees, activities, projects...).

Each entry is `(title, "module:Class")`; mark the title with `N_()`. The class is a QWidget taking
`(ctx, member_id, parent=None)`. Add entries by appending a line, so merges stay trivial.
"""

from __future__ import annotations

from clustermanager.i18n import N_  # noqa: F401  (features use it when they add their line)

MEMBER_TABS: list[tuple[str, str]] = [
    (N_("Fees"), "clustermanager.ui.member_fees_tab:MemberFeesTab"),
    (N_("Activities"), "clustermanager.ui.member_engagement:MemberActivitiesTab"),
    (N_("Projects"), "clustermanager.ui.member_engagement:MemberProjectsTab"),
]
