"""What one invoice or credit note shows, read from the services (reports only read, never write)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from clustermanager.errors import UserError, ValidationError
from clustermanager.i18n import _, current_language, translator
from clustermanager.services import cluster, fees, invoicing
from clustermanager.services import members as msvc

# File names in the document's language (plain ASCII, the same on every system).
FILE_WORDS = {
    "en": {"invoice": "invoice", "credit_note": "credit-note", "invoices": "invoices", "credit_notes": "credit-notes"},
    "nl": {"invoice": "factuur", "credit_note": "creditnota", "invoices": "facturen", "credit_notes": "creditnotas"},
    "fr": {"invoice": "facture", "credit_note": "note-de-credit", "invoices": "factures",
           "credit_notes": "notes-de-credit"},
}


@dataclass(frozen=True)
class InvoiceData:
    """Everything one invoice, reminder or credit note (`note` set) shows."""

    profile: cluster.ProfileData
    member: msvc.MemberDetail
    call: fees.FeeCallRow
    contact_name: str | None
    lang: str | None = None  # the document's language; None: the app's
    note: invoicing.CreditNoteRow | None = None

    @property
    def language(self) -> str:
        return self.lang or current_language()

    @property
    def is_credit_note(self) -> bool:
        return self.note is not None

    @property
    def number(self) -> str:
        return self.note.number if self.note else (self.call.number or str(self.call.id))

    @property
    def issued_on(self) -> dt.date:
        return self.note.issued_on if self.note else self.call.issued_on

    @property
    def amount(self) -> Decimal:
        """Excluding VAT."""
        return self.note.amount if self.note else self.call.amount

    @property
    def vat_amount(self) -> Decimal:
        return self.note.vat_amount if self.note else self.call.vat_amount

    @property
    def total(self) -> Decimal:
        return self.amount + self.vat_amount

    @property
    def vat_rate(self) -> Decimal:
        return self.call.vat_rate

    @property
    def vat_category(self) -> str:
        return self.call.vat_category

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """The membership year the fee is for (the period of the service)."""
        return dt.date(self.call.year, 1, 1), dt.date(self.call.year, 12, 31)

    def description(self) -> str:
        _ = translator(self.lang)
        what = _("Membership fee {year}").format(year=self.call.year)
        if self.call.category:
            what += f" ({fees.category_label(self.call.category, self.lang)})"
        return what

    def ground_text(self) -> str | None:
        """The legal ground printed for a 0 % line, in the document's language; None when VAT is charged."""
        _ = translator(self.lang)
        code = self.vat_category
        if code == "E":
            article = self.call.vat_ground_text
            return (_("Exempt from VAT: {article}.").format(article=article.rstrip("."))
                    if article else _("Exempt from VAT."))
        if code == "AE":
            return _("Reverse charge: the VAT is due by the customer (article 196 of Council Directive "
                     "2006/112/EC; article 21, §2 of the Belgian VAT Code).")
        if code == "O":
            return _("Not subject to VAT: {name} is not registered for VAT.").format(name=self.profile.name)
        return None

    def file_name(self) -> str:
        words = FILE_WORDS.get(self.language, FILE_WORDS["en"])
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in self.number)
        return f"{words['credit_note' if self.note else 'invoice']}-{safe}.pdf"


def batch_file_name(year: int, lang: str | None, *, credit_notes: bool = False) -> str:
    words = FILE_WORDS.get(lang or current_language(), FILE_WORDS["en"])
    return f"{words['credit_notes' if credit_notes else 'invoices']}-{year}.pdf"


def require_profile(session: Session) -> cluster.ProfileData:
    profile = cluster.get_profile(session)
    if profile is None:
        raise UserError(_("Fill in the cluster profile (name, address, IBAN) before making invoices."))
    if not profile.iban:
        raise ValidationError("iban", None, _("the cluster profile needs an IBAN: members pay to it"))
    if profile.vat_registered and not profile.effective_vat_number:
        raise ValidationError("vat_number", None,
                              _("a VAT-registered cluster's invoices carry its VAT number: fill in the "
                                "enterprise number in the cluster profile"))
    return profile


def _main_contact(member: msvc.MemberDetail) -> str | None:
    main = next((c for c in member.contacts if c.is_main), member.contacts[0] if member.contacts else None)
    return main.full_name if main else None


def load_invoice_data(session: Session, call_ids: Sequence[int], lang: str | None = None) -> list[InvoiceData]:
    profile = require_profile(session)
    out = []
    for call_id in call_ids:
        call = fees.get_call(session, call_id)
        member = msvc.get_member(session, call.member_id)
        out.append(InvoiceData(profile, member, call, _main_contact(member), lang))
    return out


def load_credit_note_data(session: Session, note_ids: Sequence[int], lang: str | None = None) -> list[InvoiceData]:
    profile = require_profile(session)
    out = []
    for note_id in note_ids:
        note = invoicing.get_credit_note(session, note_id)
        call = fees.get_call(session, note.fee_call_id)
        member = msvc.get_member(session, call.member_id)
        out.append(InvoiceData(profile, member, call, _main_contact(member), lang, note))
    return out
