"""What the cluster writes for a progress report, and reports as they were submitted."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clustermanager.models.base import Base


class ReportNarrative(Base):
    """The story for one period: achievements, challenges, plans after funding ends."""

    __tablename__ = "report_narrative"
    __table_args__ = (
        UniqueConstraint("period_start", "period_end"),
        CheckConstraint("period_end >= period_start", name="period"),
    )

    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    achievements: Mapped[str] = mapped_column(Text, default="")
    challenges: Mapped[str] = mapped_column(Text, default="")
    plans: Mapped[str] = mapped_column(Text, default="")


class FrozenReport(Base):
    """A submitted report's figures exactly as they were (ReportData as JSON)."""

    __tablename__ = "frozen_report"

    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    label: Mapped[str] = mapped_column(String(100))
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime)
    data_json: Mapped[str] = mapped_column(Text)
