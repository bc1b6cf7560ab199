"""Calendar invitations as iCalendar files (RFC 5545), built with the `icalendar` library.

Times are local Belgian time: each event carries `TZID=Europe/Brussels` and the file a VTIMEZONE for
the years its events span, so Outlook, Apple Calendar and Google show the right hour on either side
of the clock change. An activity without a start time is an all-day event (DTEND the day after its
last day); one with a start time lasts `DEFAULT_DURATION` (activities have no end time) or, over
several days, until the same hour on its last day plus that duration. METHOD is PUBLISH: the file
adds the event to a calendar; replies go by e-mail, not through the calendar.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from clustermanager.io.atomic import atomic_write

TZID = "Europe/Brussels"
BRUSSELS = ZoneInfo(TZID)
DEFAULT_DURATION = dt.timedelta(hours=2)
PRODID = "-//ClusterManager//Activities//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    start_time: dt.time | None = None
    location: str | None = None
    url: str | None = None  # the online link
    description: str | None = None
    organiser_name: str | None = None
    organiser_email: str | None = None
    sequence: int = 0  # raise it when the activity changes: calendars replace the older copy


def _times(e: CalendarEvent):
    last = e.ends_on or e.starts_on
    if e.start_time is None:
        return e.starts_on, last + dt.timedelta(days=1)
    start = dt.datetime.combine(e.starts_on, e.start_time, tzinfo=BRUSSELS)
    return start, dt.datetime.combine(last, e.start_time, tzinfo=BRUSSELS) + DEFAULT_DURATION


def build_calendar(events: Sequence[CalendarEvent], *, now: dt.datetime | None = None) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    for e in events:
        ev = icalendar.Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", stamp)
        ev.add("sequence", e.sequence)
        ev.add("summary", e.title)
        start, end = _times(e)
        ev.add("dtstart", start)
        ev.add("dtend", end)
        if e.location:
            ev.add("location", e.location)
        if e.url:
            ev.add("url", e.url)
        description = "\n\n".join(filter(None, ((e.description or "").strip(), e.url)))
        if description:
            ev.add("description", description)
        if e.organiser_email:
            params = {"cn": e.organiser_name} if e.organiser_name else {}
            ev.add("organizer", icalendar.vCalAddress(f"mailto:{e.organiser_email}"), parameters=params)
        ev.add("status", "CONFIRMED")
        ev.add("transp", "OPAQUE")
        cal.add_component(ev)
    if any(e.start_time is not None for e in events):
        years = [d.year for e in events for d in (e.starts_on, e.ends_on or e.starts_on)]
        cal.add_missing_timezones(first_date=dt.date(min(years) - 1, 1, 1), last_date=dt.date(max(years) + 1, 12, 31))
    return cal


def calendar_bytes(events: Sequence[CalendarEvent], *, now: dt.datetime | None = None) -> bytes:
    return build_calendar(events, now=now).to_ical()


def write_calendar(events: Sequence[CalendarEvent], path: str | os.PathLike, *, now: dt.datetime | None = None) -> Path:
    data = calendar_bytes(events, now=now)
    with atomic_write(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)
