"""A collaboration project's way to funding: the programme it is (or was) submitted to, and the funding
each partner requested and was granted. The dated stages themselves (submitted, approved, rejected) are
status changes in `project_status_change`, the one history of a project."""

from __future__ import annotations

import enum
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clustermanager.i18n import N_
from clustermanager.models.base import Base, Money, enum_column


class Programme(enum.StrEnum):
    AGENCY_INNOVATION = "agency_innovation"  # the agency's (VLAIO) innovation / development projects
    ICON = "icon"
    CSBO = "csbo"
    EUROPEAN = "european"  # a European call (Horizon Europe, Interreg, ...)
    OTHER = "other"

    @property
    def label(self) -> str:
        return PROGRAMME_LABELS[self]


PROGRAMME_LABELS = {
    Programme.AGENCY_INNOVATION: N_("Agency innovation project"),
    Programme.ICON: N_("ICON"),
    Programme.CSBO: N_("cSBO"),
    Programme.EUROPEAN: N_("European call"),
    Programme.OTHER: N_("Other programme"),
}


class ProjectApplication(Base):
    """The funding programme a project is submitted to (one per project)."""

    __tablename__ = "project_application"

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), unique=True)
    programme: Mapped[Programme] = mapped_column(enum_column(Programme))
    call: Mapped[str | None] = mapped_column(String(200))  # the call's name or reference


class PartnerFunding(Base):
    """What one partner asked the programme for, and what it was granted (None: not decided yet)."""

    __tablename__ = "project_partner_funding"
    __table_args__ = (
        UniqueConstraint("project_id", "member_id"),
        CheckConstraint("requested >= 0", name="requested_not_negative"),
        CheckConstraint("granted IS NULL OR granted >= 0", name="granted_not_negative"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"))
    requested: Mapped[Decimal] = mapped_column(Money)
    granted: Mapped[Decimal | None] = mapped_column(Money)
