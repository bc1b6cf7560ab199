"""Membership fees: the schedule, the calls (invoices), payments and in-kind contributions."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clustermanager.i18n import N_
from clustermanager.models.base import Base, Money, Rate, enum_column
from clustermanager.models.member import Member


class FeeSchedule(Base):
    """The fee for one category in one year, before VAT."""

    __tablename__ = "fee_schedule"
    __table_args__ = (
        UniqueConstraint("year", "category"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("vat_rate >= 0", name="vat_rate_not_negative"),
    )

    year: Mapped[int] = mapped_column(index=True)
    category: Mapped[str] = mapped_column(String(50))
    amount: Mapped[Decimal] = mapped_column(Money)
    vat_rate: Mapped[Decimal] = mapped_column(Rate, default=Decimal("21"))  # percent
    description: Mapped[str | None] = mapped_column(String(200))
    # A 0 % category's legal ground (models.invoicing.VatGround value) and, when exempt, the article.
    vat_ground: Mapped[str | None] = mapped_column(String(20))
    vat_article: Mapped[str | None] = mapped_column(String(200))
    # The exemption's VATEX code for the e-invoice (io/einvoice/vatex.py), e.g. VATEX-EU-132-1L.
    vat_exemption_code: Mapped[str | None] = mapped_column(String(30))


class FeeCallStatus(enum.StrEnum):
    """The life of the call itself; paid / partly paid / overdue follow from its payments."""

    ISSUED = "issued"
    CANCELLED = "cancelled"
    CREDITED = "credited"

    @property
    def label(self) -> str:
        return FEE_CALL_STATUS_LABELS[self]


FEE_CALL_STATUS_LABELS = {
    FeeCallStatus.ISSUED: N_("Issued"),
    FeeCallStatus.CANCELLED: N_("Cancelled"),
    FeeCallStatus.CREDITED: N_("Credited"),
}


class FeeCall(Base):
    """One member's fee for one year: an invoice with its structured communication."""

    __tablename__ = "fee_call"
    __table_args__ = (
        Index("ix_fee_call_member_year", "member_id", "year"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("vat_amount >= 0", name="vat_not_negative"),
    )

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"))
    year: Mapped[int] = mapped_column(index=True)
    category: Mapped[str | None] = mapped_column(String(50))
    number: Mapped[str | None] = mapped_column(String(30), unique=True)  # invoice number
    amount: Mapped[Decimal] = mapped_column(Money)  # excluding VAT
    vat_rate: Mapped[Decimal] = mapped_column(Rate, default=Decimal("0"))
    vat_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    # Fixed when issued: the UBL VAT category (S standard, E exempt, AE reverse charge, O outside the
    # scope) and the legal ground printed on a 0 % invoice.
    vat_category: Mapped[str] = mapped_column(String(2), default="S", server_default="S")
    vat_ground_text: Mapped[str | None] = mapped_column(String(200))
    vat_exemption_code: Mapped[str | None] = mapped_column(String(30))
    issued_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    # 12 digits (10 + mod-97 check), shown as +++xxx/xxxx/xxxxx+++
    structured_communication: Mapped[str] = mapped_column(String(12), unique=True)
    status: Mapped[FeeCallStatus] = mapped_column(enum_column(FeeCallStatus), default=FeeCallStatus.ISSUED)
    credited_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    reminded_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    member: Mapped[Member] = relationship()
    payments: Mapped[list[Payment]] = relationship(back_populates="fee_call")

    @property
    def total(self) -> Decimal:
        return self.amount + self.vat_amount


class PaymentSource(enum.StrEnum):
    MANUAL = "manual"
    CODA = "coda"
    CAMT053 = "camt053"


class Payment(Base):
    """Money received. Unmatched payments (no fee call yet) wait for matching by hand."""

    __tablename__ = "payment"
    __table_args__ = (CheckConstraint("amount <> 0", name="amount_not_zero"),)

    fee_call_id: Mapped[int | None] = mapped_column(ForeignKey("fee_call.id", ondelete="RESTRICT"), index=True)
    paid_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    source: Mapped[PaymentSource] = mapped_column(enum_column(PaymentSource), default=PaymentSource.MANUAL)
    counterparty_name: Mapped[str | None] = mapped_column(String(200))
    counterparty_iban: Mapped[str | None] = mapped_column(String(34))
    communication: Mapped[str | None] = mapped_column(String(300))
    structured_communication: Mapped[str | None] = mapped_column(String(12), index=True)
    # Identifies the statement line (bank, statement number, sequence) so a re-import adds nothing.
    bank_reference: Mapped[str | None] = mapped_column(String(120), unique=True)
    note: Mapped[str | None] = mapped_column(Text)
    # The account the statement was for (IBAN): with the day, amount and counterparty it recognises the
    # same movement when it comes back in another format (CODA, then camt.053).
    bank_account: Mapped[str | None] = mapped_column(String(34))
    # An unapplied credit: the part of a payment above what its fee call asked (or money of a member no
    # call claims), kept as its own row with the member; `part_of_id` is the payment it was split from.
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"), index=True)
    part_of_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id", ondelete="CASCADE"), index=True)
    refunded_on: Mapped[dt.date | None] = mapped_column(Date)

    fee_call: Mapped[FeeCall | None] = relationship(back_populates="payments")
    member: Mapped[Member | None] = relationship()
    part_of: Mapped[Payment | None] = relationship(remote_side="Payment.id", foreign_keys="Payment.part_of_id")


class InKindContribution(Base):
    """A member's contribution in kind (hours, equipment, venue), valued but kept apart from cash."""

    __tablename__ = "in_kind_contribution"
    __table_args__ = (CheckConstraint("value >= 0", name="value_not_negative"),)

    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    contributed_on: Mapped[dt.date | None] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(300))
    value: Mapped[Decimal] = mapped_column(Money)

    member: Mapped[Member | None] = relationship()
