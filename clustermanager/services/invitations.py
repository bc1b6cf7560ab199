"""An activity's calendar invitation: the activity as an `io.calendar.CalendarEvent`, one or many per file."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from clustermanager.errors import UserError
from clustermanager.i18n import _
from clustermanager.io.calendar import CalendarEvent, calendar_bytes, write_calendar
from clustermanager.services import activities, cluster


def _is_link(text: str | None) -> bool:
    return bool(text) and text.strip().lower().startswith(("http://", "https://"))


def activity_event(a: activities.ActivityDetail, profile: cluster.ProfileData | None) -> CalendarEvent:
    domain = "clustermanager.invalid"
    if profile and profile.email and "@" in profile.email:
        domain = profile.email.rsplit("@", 1)[1]
    start_time = None
    if a.start_time:
        hours, minutes = a.start_time.replace(".", ":").split(":")[:2]
        start_time = dt.time(int(hours), int(minutes))
    link = a.location.strip() if _is_link(a.location) else None
    location = None if link else a.location
    if location is None and a.online:
        location = _("Online")
    organiser = a.organiser or (profile.name if profile else None)
    return CalendarEvent(
        uid=f"activity-{a.id}@{domain}", title=a.title, starts_on=a.starts_on, ends_on=a.ends_on,
        start_time=start_time, location=location, url=link, description=a.description,
        organiser_name=organiser, organiser_email=profile.email if profile else None, sequence=max(a.version - 1, 0),
    )


def activity_events(session: Session, activity_ids: Sequence[int]) -> list[CalendarEvent]:
    if not activity_ids:
        raise UserError(_("Choose at least one activity."))
    profile = cluster.get_profile(session)
    return [activity_event(activities.get_activity(session, i), profile) for i in activity_ids]


def invitation_bytes(session: Session, activity_ids: Sequence[int]) -> bytes:
    return calendar_bytes(activity_events(session, activity_ids))


def write_invitation(session: Session, activity_ids: Sequence[int], path: str | os.PathLike) -> Path:
    """One `.ics` file with the activities (one, or a selection of them)."""
    return write_calendar(activity_events(session, activity_ids), path)
