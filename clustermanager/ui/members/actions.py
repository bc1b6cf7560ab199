"""End or delete a membership: shared by the register's context menu and the member detail."""

from __future__ import annotations

import datetime as dt

from clustermanager.i18n import _
from clustermanager.services import members as service
from clustermanager.ui import operations
from clustermanager.ui.common import dialogs
from clustermanager.ui.operations import Change


def end_membership(parent, ctx, member_id: int, name: str, *, on_done=None) -> dt.date | None:
    """Ask for the leaving date and record it (on the task runner); the member's history is kept.
    Returns the date asked (None: cancelled); `on_done(day)` once it was recorded."""
    day = dialogs.ask_date(parent, _("End membership"),
                           _("{name} stays in the register with its history, but no longer counts as a "
                             "member after this date.").format(name=name),
                           _("Last day of membership"), dt.date.today())
    if day is None:
        return None
    operations.change(ctx, lambda session: service.end_membership(session, member_id, day),
                      changes=(Change.MEMBERS,), parent=parent,
                      on_success=(lambda _r: on_done(day)) if on_done else None)
    return day


def delete_member(parent, ctx, member_id: int, name: str, *, on_done=None) -> bool:
    """Delete a member entered by mistake, after confirmation (refused when history would be lost).
    True if the deletion started; `on_done()` once it succeeded."""
    if not dialogs.confirm(parent, _("Delete member"),
                           _("Delete {name}? Only do this for a member entered by mistake; to record that a "
                             "member left, end the membership instead. The member and its contacts go to the "
                             "Trash, from which they can be restored.").format(name=name),
                           action=_("Delete")):
        return False
    operations.change(ctx, lambda session: service.delete_member(session, member_id),
                      changes=(Change.MEMBERS,), parent=parent,
                      on_success=(lambda _r: on_done()) if on_done else None)
    return True
