"""End or delete a membership: shared by the register's context menu and the member detail."""

from __future__ import annotations

import datetime as dt

from clustermanager.i18n import _
from clustermanager.services import members as service
from clustermanager.ui.common import dialogs
from clustermanager.ui.common.errors import show_error


def end_membership(parent, ctx, member_id: int, name: str) -> dt.date | None:
    """Ask for the leaving date and record it; the member's history is kept. Returns the date."""
    day = dialogs.ask_date(parent, _("End membership"),
                           _("{name} stays in the register with its history, but no longer counts as a "
                             "member after this date.").format(name=name),
                           _("Last day of membership"), dt.date.today())
    if day is None:
        return None
    try:
        with ctx.db.session() as session:
            service.end_membership(session, member_id, day)
    except Exception as exc:  # noqa: BLE001 (shown: a UserError as such, a bug logged)
        show_error(parent, exc)
        return None
    ctx.notify("members")
    return day


def delete_member(parent, ctx, member_id: int, name: str) -> bool:
    """Delete a member entered by mistake, after confirmation; refused when history would be lost."""
    if not dialogs.confirm(parent, _("Delete member"),
                           _("Delete {name} for good? Only do this for a member entered by mistake; "
                             "to record that a member left, end the membership instead.").format(name=name),
                           action=_("Delete")):
        return False
    try:
        with ctx.db.session() as session:
            service.delete_member(session, member_id)
    except Exception as exc:  # noqa: BLE001
        show_error(parent, exc)
        return False
    ctx.notify("members")
    return True
