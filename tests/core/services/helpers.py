"""Small builders for hand-made clusters in the activity and project tests."""

from __future__ import annotations

import datetime as dt

from clustermanager.services import members


def member(session, name: str, kind: str = "company", joined: dt.date = dt.date(2020, 1, 1),
           left: dt.date | None = None, size: str | None = None) -> int:
    size = size or ("small" if kind == "company" else None)
    return members.create_member(session, members.MemberInput(
        name=name, kind=kind, size_class=size, joined_on=joined, left_on=left)).id


def contact(session, member_id: int, first: str, last: str, email: str | None = None) -> int:
    return members.add_contact(session, member_id, members.ContactInput(
        first_name=first, last_name=last, email=email)).id
