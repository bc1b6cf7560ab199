"""Reaching the members: saved selections, the user's own mail templates and the log of mailings.

A selection keeps its criteria (JSON), not its people: it is evaluated again each time it is used.
A mailing written (the drafts of one run) is logged once, with one row per contact it reached, so
"received the 2026 invitation" is a question the database can answer.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clustermanager.models.base import Base, utcnow


class SavedSelection(Base):
    __tablename__ = "saved_selection"
    __table_args__ = (UniqueConstraint("name"),)

    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(String(300))
    criteria: Mapped[str] = mapped_column(Text, default="{}")  # JSON, services.selections.Criteria


class MailTemplate(Base):
    """The user's version of a template in one language; the shipped text is used where none exists."""

    __tablename__ = "mail_template"
    __table_args__ = (UniqueConstraint("name", "language"),)

    name: Mapped[str] = mapped_column(String(50))
    language: Mapped[str] = mapped_column(String(2))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)


class Mailing(Base):
    """One run of `mailings write`: which template, for which selection, when, and what it was about."""

    __tablename__ = "mailing"

    template: Mapped[str] = mapped_column(String(50), index=True)
    selection: Mapped[str | None] = mapped_column(String(100))
    written_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    year: Mapped[int | None] = mapped_column(Integer)  # the fee year, or the activity's year
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id", ondelete="SET NULL"))
    subject: Mapped[str] = mapped_column(String(300), default="")
    legal_notice: Mapped[bool] = mapped_column(Boolean, default=False)  # sent to contacts without consent too

    recipients: Mapped[list[MailingRecipient]] = relationship(
        back_populates="mailing", cascade="all, delete-orphan")


class MailingRecipient(Base):
    """A contact a mailing reached (a draft was written for them)."""

    __tablename__ = "mailing_recipient"
    __table_args__ = (UniqueConstraint("mailing_id", "contact_id"),)

    mailing_id: Mapped[int] = mapped_column(ForeignKey("mailing.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str | None] = mapped_column(String(200))
    without_consent: Mapped[bool] = mapped_column(Boolean, default=False)

    mailing: Mapped[Mailing] = relationship(back_populates="recipients")
