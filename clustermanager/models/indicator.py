"""The agency's indicators: targets per year or for the whole funding period, and the cluster's own
(custom) indicators with a value per year. The built-in indicators are not stored: they are computed
from the data by the report (`reports/indicators`)."""

from __future__ import annotations

import enum
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clustermanager.i18n import N_
from clustermanager.models.base import Base, enum_column
from clustermanager.models.types import FixedDecimal

# Targets and values: counts, amounts in euro and shares (0.3500 = 35 %) in one exact type.
IndicatorNumber = FixedDecimal(16, 4)


class TargetSource(enum.StrEnum):
    SUPPORT_AGREEMENT = "support_agreement"
    CLUSTERPACT = "clusterpact"
    ACTION_PLAN = "action_plan"

    @property
    def label(self) -> str:
        return TARGET_SOURCE_LABELS[self]


TARGET_SOURCE_LABELS = {
    TargetSource.SUPPORT_AGREEMENT: N_("Support agreement"),
    TargetSource.CLUSTERPACT: N_("Clusterpact"),
    TargetSource.ACTION_PLAN: N_("Action plan"),
}


class IndicatorTarget(Base):
    """A target for one indicator (built-in or custom, by key): for a year, or (year NULL) for the
    whole funding period."""

    __tablename__ = "indicator_target"
    __table_args__ = (UniqueConstraint("indicator_key", "year"),)

    indicator_key: Mapped[str] = mapped_column(String(60), index=True)
    year: Mapped[int | None] = mapped_column(Integer)  # None: the whole funding period
    value: Mapped[Decimal] = mapped_column(IndicatorNumber)
    source: Mapped[TargetSource] = mapped_column(enum_column(TargetSource), default=TargetSource.SUPPORT_AGREEMENT)


class CustomIndicator(Base):
    """An indicator the data cannot know (press coverage, staff in FTE, ...), filled in by hand."""

    __tablename__ = "custom_indicator"
    __table_args__ = (UniqueConstraint("key"),)

    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(40), default="")
    # cumulative: the period's result is the sum of the years; yearly: the last year's value
    cumulative: Mapped[bool] = mapped_column(Boolean, default=False)


class CustomIndicatorValue(Base):
    __tablename__ = "custom_indicator_value"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),
                      CheckConstraint("year >= 1990 AND year <= 2200", name="year"))

    indicator_id: Mapped[int] = mapped_column(ForeignKey("custom_indicator.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(IndicatorNumber)
