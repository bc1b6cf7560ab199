"""The cluster organisation itself: profile, yearly budget and subsidy, app settings."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Boolean, Date, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from clustermanager.i18n import N_
from clustermanager.models.base import Base, Money, Rate, enum_column


class ClusterKind(enum.StrEnum):
    SPEARHEAD = "spearhead"
    IBN = "ibn"

    @property
    def label(self) -> str:
        return CLUSTER_KIND_LABELS[self]


CLUSTER_KIND_LABELS = {
    ClusterKind.SPEARHEAD: N_("Spearhead cluster"),
    ClusterKind.IBN: N_("Innovative Business Network"),
}


class ClusterProfile(Base):
    """One row: who the cluster is, for invoices, reports and the window title."""

    __tablename__ = "cluster_profile"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ClusterKind] = mapped_column(enum_column(ClusterKind), default=ClusterKind.IBN)
    enterprise_number: Mapped[str | None] = mapped_column(String(10))
    street: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(16))
    municipality: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2), default="BE")
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(50))
    website: Mapped[str | None] = mapped_column(String(200))
    iban: Mapped[str | None] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    funding_start: Mapped[dt.date | None] = mapped_column(Date)
    funding_end: Mapped[dt.date | None] = mapped_column(Date)
    # The agency's share of the budget; the members must raise at least (1 - rate) of it.
    funding_rate: Mapped[Decimal] = mapped_column(Rate, default=Decimal("0.5"))
    notes: Mapped[str | None] = mapped_column(Text)
    # The supplier's legal identity on its invoices (Company Code art. 2:20, VAT Code art. 53 / KB nr. 1).
    legal_form: Mapped[str | None] = mapped_column(String(20))  # vzw, ivzw, nv, bv, cv ...
    vat_registered: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    vat_number: Mapped[str | None] = mapped_column(String(14))  # BE + the enterprise number
    legal_register: Mapped[str | None] = mapped_column(String(3))  # RPR (Dutch) / RPM (French)
    court_division: Mapped[str | None] = mapped_column(String(100))  # "Gent, afdeling Gent"
    registered_office: Mapped[str | None] = mapped_column(String(300))  # empty: the address above
    peppol_id: Mapped[str | None] = mapped_column(String(100))  # empty: 0208 + enterprise number


class ClusterYear(Base):
    """The budget and the agency's subsidy for one calendar year."""

    __tablename__ = "cluster_year"
    __table_args__ = (UniqueConstraint("year"),)

    year: Mapped[int]
    budget: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    subsidy: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    # The project budget the government earmarks for the cluster's projects (clusterpact): the
    # denominator of the leverage indicator.
    earmarked_budget: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"), server_default="0")


class Setting(Base):
    """Cluster-wide settings kept with the data (a JSON value per key), e.g. pro-rata fees."""

    __tablename__ = "setting"
    __table_args__ = (UniqueConstraint("key"),)

    key: Mapped[str] = mapped_column(String(100))
    value: Mapped[str] = mapped_column(Text, default="null")
