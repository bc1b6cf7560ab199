"""What one e-invoice or e-credit note says, as plain data (amounts in euro, Decimal)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Party:
    name: str
    country: str  # ISO 3166 alpha-2
    endpoint: str | None  # Peppol participant ID "scheme:identifier" (0208:0417497106)
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    vat_number: str | None = None  # with its country prefix (BE0417497106)
    enterprise_number: str | None = None  # Belgian, 10 digits: the legal registration (scheme 0208)
    legal_form: str | None = None  # "vzw, RPR Gent, afdeling Gent" (the seller's additional legal information)
    email: str | None = None
    contact_name: str | None = None


@dataclass(frozen=True)
class EDocument:
    """An invoice (`credit_note` False) or a credit note, with a single line: the membership fee."""

    number: str
    issued_on: dt.date
    seller: Party
    buyer: Party
    line_name: str
    amount: Decimal  # excluding VAT, positive
    vat_category: str  # S, E, AE, O
    vat_rate: Decimal  # percent
    vat_amount: Decimal
    period: tuple[dt.date, dt.date]
    credit_note: bool = False
    due_on: dt.date | None = None
    payment_id: str | None = None  # the structured communication
    iban: str | None = None
    bic: str | None = None
    exemption_reason: str | None = None  # the legal ground of a 0 % rate, as text
    exemption_code: str | None = None  # an exempt (E) line's VATEX code, e.g. VATEX-EU-132-1L
    invoice_number: str | None = None  # a credit note: the invoice it corrects
    invoice_issued_on: dt.date | None = None
    note: str | None = None  # a credit note's reason
    buyer_reference: str | None = None
    pdf: bytes | None = None  # the same document as PDF, embedded
    prepaid: Decimal = Decimal("0")  # an invoice: what was paid already when it was written (as on its PDF)
    pdf_name: str | None = None

    @property
    def total(self) -> Decimal:
        return self.amount + self.vat_amount

    @property
    def payable(self) -> Decimal:
        return self.total - self.prepaid
