"""Activities the cluster organises and who took part."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clustermanager.i18n import N_
from clustermanager.models.base import Base
from clustermanager.models.member import Contact, Member

# Built-in kinds; the preferences may add more, so the column is a free code, not an enum.
ACTIVITY_KINDS = {
    "matchmaking": N_("Matchmaking event"),
    "workshop": N_("Workshop"),
    "training": N_("Training"),
    "study_visit": N_("Study visit"),
    "network_event": N_("Network event"),
    "webinar": N_("Webinar"),
    "conference": N_("Conference"),
    "other": N_("Other"),
}


class Activity(Base):
    __tablename__ = "activity"
    __table_args__ = (
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates"),
        Index("ix_activity_dates", "starts_on", "ends_on"),
    )

    kind: Mapped[str] = mapped_column(String(40), index=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    start_time: Mapped[str | None] = mapped_column(String(5))  # "14:00", local time
    location: Mapped[str | None] = mapped_column(String(200))
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    international: Mapped[bool] = mapped_column(Boolean, default=False)
    organiser: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[str | None] = mapped_column(String(300))  # comma-separated

    participations: Mapped[list[Participation]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
    )


class Participation(Base):
    """A person at an activity: a member's contact, or someone from outside (name, organisation)."""

    __tablename__ = "participation"
    __table_args__ = (
        Index("ix_participation_member", "member_id", "activity_id"),
        Index("ix_participation_contact", "contact_id"),
    )

    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"))
    name: Mapped[str | None] = mapped_column(String(200))  # people from outside
    organisation: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    registered: Mapped[bool] = mapped_column(Boolean, default=True)
    attended: Mapped[bool] = mapped_column(Boolean, default=False)

    activity: Mapped[Activity] = relationship(back_populates="participations")
    contact: Mapped[Contact | None] = relationship()
    member: Mapped[Member | None] = relationship()
