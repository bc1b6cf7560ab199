"""Member organisations and the people (contacts) who work there."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clustermanager.i18n import N_
from clustermanager.models.base import Base, enum_column


class MemberKind(enum.StrEnum):
    """The triple helix, plus everyone else."""

    COMPANY = "company"
    KNOWLEDGE = "knowledge_institution"
    GOVERNMENT = "government"
    OTHER = "other"

    @property
    def label(self) -> str:
        return MEMBER_KIND_LABELS[self]


MEMBER_KIND_LABELS = {
    MemberKind.COMPANY: N_("Company"),
    MemberKind.KNOWLEDGE: N_("Knowledge institution"),
    MemberKind.GOVERNMENT: N_("Government / public body"),
    MemberKind.OTHER: N_("Other"),
}


class SizeClass(enum.StrEnum):
    """EU SME definition (Recommendation 2003/361/EC); only for companies."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"

    @property
    def label(self) -> str:
        return SIZE_CLASS_LABELS[self]

    @property
    def is_sme(self) -> bool:
        return self is not SizeClass.LARGE


SIZE_CLASS_LABELS = {
    SizeClass.MICRO: N_("Micro"),
    SizeClass.SMALL: N_("Small"),
    SizeClass.MEDIUM: N_("Medium"),
    SizeClass.LARGE: N_("Large"),
}


class Member(Base):
    __tablename__ = "member"
    __table_args__ = (
        CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="period"),
        Index("ix_member_period", "joined_on", "left_on"),
    )

    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[MemberKind] = mapped_column(enum_column(MemberKind), index=True)
    size_class: Mapped[SizeClass | None] = mapped_column(enum_column(SizeClass))
    # Belgian enterprise number, normalised to 10 digits; foreign members carry a VAT number instead.
    enterprise_number: Mapped[str | None] = mapped_column(String(10), unique=True)
    vat_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    nace_code: Mapped[str | None] = mapped_column(String(10))
    nace_version: Mapped[str | None] = mapped_column(String(10))
    street: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(16))
    municipality: Mapped[str | None] = mapped_column(String(100))
    province: Mapped[str | None] = mapped_column(String(50))
    country: Mapped[str] = mapped_column(String(2), default="BE")
    website: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    fee_category: Mapped[str | None] = mapped_column(String(50))
    # E-invoices: the Peppol participant ID (empty: 0208 + enterprise number); opted out: PDF only.
    peppol_id: Mapped[str | None] = mapped_column(String(100))
    einvoice_opt_out: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    notes: Mapped[str | None] = mapped_column(Text)
    joined_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="member", cascade="all, delete-orphan", order_by="Contact.last_name"
    )

    def is_active_on(self, day: dt.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on >= day)


class Contact(Base):
    """A person at a member organisation: personal data (GDPR), hence consent and erasure."""

    __tablename__ = "contact"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str | None] = mapped_column(String(200), index=True)
    phone: Mapped[str | None] = mapped_column(String(50))
    role: Mapped[str | None] = mapped_column(String(100))
    is_main: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str | None] = mapped_column(String(2))  # nl, fr, en: for mailings; None: the default
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_on: Mapped[dt.date | None] = mapped_column(Date)
    erased_on: Mapped[dt.date | None] = mapped_column(Date)

    member: Mapped[Member] = relationship(back_populates="contacts")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
