"""Collaboration projects between members (samenwerkingsinitiatieven)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clustermanager.i18n import N_
from clustermanager.models.base import Base, Money, enum_column
from clustermanager.models.member import Member
from clustermanager.models.types import FixedDecimal

# A project counts as a collaboration initiative only with this many companies among its partners.
MIN_COMPANIES = 3


class ProjectKind(enum.StrEnum):
    B2B = "b2b"
    EDUCATION = "education_training"
    MARKET_EXPLORATION = "market_exploration"
    COMMON_TOOLS = "common_tools"
    NEW_PRODUCTS = "new_products_services"
    COOPERATIVE_INNOVATION = "cooperative_innovation"

    @property
    def label(self) -> str:
        return PROJECT_KIND_LABELS[self]


PROJECT_KIND_LABELS = {
    ProjectKind.B2B: N_("B2B collaboration"),
    ProjectKind.EDUCATION: N_("Joint education and training"),
    ProjectKind.MARKET_EXPLORATION: N_("Joint market exploration or feasibility study"),
    ProjectKind.COMMON_TOOLS: N_("Development of common tools"),
    ProjectKind.NEW_PRODUCTS: N_("Development of new services and products"),
    ProjectKind.COOPERATIVE_INNOVATION: N_("Cooperative innovation project"),
}


class ProjectStatus(enum.StrEnum):
    IDEA = "idea"
    PREPARATION = "preparation"
    SUBMITTED = "submitted"  # to a funding programme (project_application names which)
    APPROVED = "approved"
    REJECTED = "rejected"
    RUNNING = "running"
    COMPLETED = "completed"
    STOPPED = "stopped"

    @property
    def label(self) -> str:
        return PROJECT_STATUS_LABELS[self]


PROJECT_STATUS_LABELS = {
    ProjectStatus.IDEA: N_("Idea"),
    ProjectStatus.PREPARATION: N_("In preparation"),
    ProjectStatus.SUBMITTED: N_("Submitted"),
    ProjectStatus.APPROVED: N_("Approved"),
    ProjectStatus.REJECTED: N_("Rejected"),
    ProjectStatus.RUNNING: N_("Running"),
    ProjectStatus.COMPLETED: N_("Completed"),
    ProjectStatus.STOPPED: N_("Stopped"),
}


class FundingSource(enum.StrEnum):
    OWN = "own"
    AGENCY = "agency"
    EUROPEAN = "european"
    OTHER = "other"

    @property
    def label(self) -> str:
        return FUNDING_SOURCE_LABELS[self]


FUNDING_SOURCE_LABELS = {
    FundingSource.OWN: N_("Own means"),
    FundingSource.AGENCY: N_("Agency project funding"),
    FundingSource.EUROPEAN: N_("European programme"),
    FundingSource.OTHER: N_("Other"),
}


class PartnerRole(enum.StrEnum):
    LEAD = "lead"
    PARTNER = "partner"


class Project(Base):
    __tablename__ = "project"
    __table_args__ = (
        CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="dates"),
        CheckConstraint("budget IS NULL OR budget >= 0", name="budget_not_negative"),
    )

    kind: Mapped[ProjectKind] = mapped_column(enum_column(ProjectKind), index=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[ProjectStatus] = mapped_column(enum_column(ProjectStatus), default=ProjectStatus.IDEA)
    starts_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    budget: Mapped[Decimal | None] = mapped_column(Money)
    funding_source: Mapped[FundingSource | None] = mapped_column(enum_column(FundingSource))
    description: Mapped[str | None] = mapped_column(Text)
    results: Mapped[str | None] = mapped_column(Text)

    partners: Mapped[list[ProjectPartner]] = relationship(
        back_populates="project", cascade="all, delete-orphan"
    )


class ProjectPartner(Base):
    __tablename__ = "project_partner"
    __table_args__ = (
        UniqueConstraint("project_id", "member_id"),
        CheckConstraint("budget_share IS NULL OR budget_share >= 0", name="share_not_negative"),
        CheckConstraint("in_kind_hours IS NULL OR in_kind_hours >= 0", name="hours_not_negative"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"), index=True)
    role: Mapped[PartnerRole] = mapped_column(enum_column(PartnerRole), default=PartnerRole.PARTNER)
    budget_share: Mapped[Decimal | None] = mapped_column(Money)
    in_kind_hours: Mapped[Decimal | None] = mapped_column(FixedDecimal(10, 2))

    project: Mapped[Project] = relationship(back_populates="partners")
    member: Mapped[Member] = relationship()
