"""Invoice numbering and credit notes: what Belgian VAT rules ask of a fee call once it is issued.

- `DocumentSequence`: the last number used per kind of document (invoice, credit note) and year. A
  number is taken by raising `last` in the issuing transaction, which locks the row until it commits:
  two users issuing at once get consecutive numbers, none lost, none twice.
- `CreditNote`: a document of its own, with its own number, crediting (part of) one fee call.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clustermanager.i18n import N_
from clustermanager.models.base import Base, Money, Rate
from clustermanager.models.fees import FeeCall


class DocumentKind(enum.StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class VatGround(enum.StrEnum):
    """Why a fee category carries no VAT (its UBL VAT category code in `code`)."""

    EXEMPT = "exempt"  # E: exempt, with the article the accountant names
    REVERSE_CHARGE = "reverse_charge"  # AE: the customer (in another EU country) accounts for the VAT
    OUTSIDE_SCOPE = "outside_scope"  # O: the supplier is not VAT-registered

    @property
    def code(self) -> str:
        return {"exempt": "E", "reverse_charge": "AE", "outside_scope": "O"}[self.value]

    @property
    def label(self) -> str:
        return VAT_GROUND_LABELS[self]


VAT_GROUND_LABELS = {
    VatGround.EXEMPT: N_("Exempt from VAT"),
    VatGround.REVERSE_CHARGE: N_("Reverse charge"),
    VatGround.OUTSIDE_SCOPE: N_("Outside the scope of VAT"),
}


class DocumentSequence(Base):
    __tablename__ = "document_sequence"
    __table_args__ = (UniqueConstraint("kind", "year"),)

    kind: Mapped[str] = mapped_column(String(20))
    year: Mapped[int]
    last: Mapped[int] = mapped_column(default=0)


class CreditNote(Base):
    """A credit note on one fee call: amounts are positive and reduce what the member owes."""

    __tablename__ = "credit_note"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("vat_amount >= 0", name="vat_not_negative"),
    )

    fee_call_id: Mapped[int] = mapped_column(ForeignKey("fee_call.id", ondelete="RESTRICT"), index=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    year: Mapped[int] = mapped_column(index=True)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(500))
    amount: Mapped[Decimal] = mapped_column(Money)  # excluding VAT
    vat_rate: Mapped[Decimal] = mapped_column(Rate)
    vat_amount: Mapped[Decimal] = mapped_column(Money)

    fee_call: Mapped[FeeCall] = relationship()

    @property
    def total(self) -> Decimal:
        return self.amount + self.vat_amount
