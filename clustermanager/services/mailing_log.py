"""The log of mailings written: what went to whom, when. Shown on the member, used by selections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clustermanager.models import Contact, Mailing, MailingRecipient
from clustermanager.models.base import utcnow


@dataclass(frozen=True)
class Reached:
    """One contact a mailing reached, as the writer hands it to the log."""

    contact_id: int
    member_id: int
    file_name: str | None = None
    without_consent: bool = False


@dataclass(frozen=True)
class MailingData:
    id: int
    template: str
    selection: str | None
    written_at: dt.datetime
    year: int | None
    activity_id: int | None
    subject: str
    legal_notice: bool
    recipients: int


@dataclass(frozen=True)
class MailingLogEntry:
    """A mailing as seen from a member or a contact: which person got which mailing, when."""

    mailing_id: int
    template: str
    subject: str
    written_at: dt.datetime
    year: int | None
    contact_id: int
    contact_name: str
    without_consent: bool
    selection: str | None = None
    file_name: str | None = None


def record_mailing(session: Session, *, template: str, subject: str, reached: Iterable[Reached],
                   selection: str | None = None, year: int | None = None, activity_id: int | None = None,
                   legal_notice: bool = False, written_at: dt.datetime | None = None) -> MailingData:
    """Log one mailing and every contact it reached (in the caller's transaction)."""
    mailing = Mailing(template=template, selection=selection, written_at=written_at or utcnow(), year=year,
                      activity_id=activity_id, subject=subject[:300], legal_notice=legal_notice)
    session.add(mailing)
    session.flush()
    rows = [{"mailing_id": mailing.id, "contact_id": r.contact_id, "member_id": r.member_id,
             "file_name": r.file_name, "without_consent": r.without_consent, "version": 1}
            for r in {r.contact_id: r for r in reached}.values()]
    if rows:
        session.execute(MailingRecipient.__table__.insert(), rows)
    return MailingData(mailing.id, template, selection, mailing.written_at, year, activity_id, mailing.subject,
                       legal_notice, len(rows))


def list_mailings(session: Session) -> list[MailingData]:
    counts = (select(MailingRecipient.mailing_id, func.count().label("n"))
              .group_by(MailingRecipient.mailing_id).subquery())
    query = (select(Mailing, func.coalesce(counts.c.n, 0)).outerjoin(counts, counts.c.mailing_id == Mailing.id)
             .order_by(Mailing.written_at.desc(), Mailing.id.desc()))
    return [MailingData(m.id, m.template, m.selection, m.written_at, m.year, m.activity_id, m.subject,
                        m.legal_notice, n) for m, n in session.execute(query)]


def _entries(session: Session, condition) -> list[MailingLogEntry]:
    query = (select(Mailing, MailingRecipient, Contact.first_name, Contact.last_name)
             .join(MailingRecipient, MailingRecipient.mailing_id == Mailing.id)
             .join(Contact, Contact.id == MailingRecipient.contact_id)
             .where(condition).order_by(Mailing.written_at.desc(), Mailing.id.desc(), Contact.last_name))
    return [MailingLogEntry(m.id, m.template, m.subject, m.written_at, m.year, r.contact_id,
                            f"{first} {last}".strip(), r.without_consent, m.selection, r.file_name)
            for m, r, first, last in session.execute(query)]


def member_mailings(session: Session, member_id: int) -> list[MailingLogEntry]:
    """Every mailing any contact of this member received, newest first."""
    return _entries(session, MailingRecipient.member_id == member_id)


def contact_mailings(session: Session, contact_id: int) -> list[MailingLogEntry]:
    return _entries(session, MailingRecipient.contact_id == contact_id)
