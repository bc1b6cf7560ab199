"""Peppol e-invoices for invoices and credit notes: the data mapped to UBL, validated, then written.

Each file is checked with the official EN 16931 and Peppol BIS 3.0 rules before anything is written;
a failure names the document and the rule. The PDF of the same document is embedded in it. The files
go into a folder the cluster hands to its Peppol access point or accounting package: the app itself
sends nothing over the network.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from clustermanager.errors import UserError
from clustermanager.i18n import _
from clustermanager.io.atomic import atomic_write
from clustermanager.io.einvoice.document import EDocument, Party
from clustermanager.io.einvoice.ubl import build_xml
from clustermanager.io.einvoice.validate import validate_xml
from clustermanager.progress import OnProgress
from clustermanager.reports.invoice_data import InvoiceData, load_credit_note_data, load_invoice_data
from clustermanager.services import invoicing


def receives_einvoice(d: InvoiceData) -> bool:
    """A member with a Peppol address that did not opt out gets e-invoices; the others the PDF only."""
    return invoicing.einvoice_address(d.member) is not None


def to_document(d: InvoiceData, pdf: bytes | None = None) -> EDocument:
    p, m, call = d.profile, d.member, d.call
    legal = ", ".join(filter(None, (p.legal_form, " ".join(filter(None, (p.legal_register, p.court_division))))))
    seller = Party(
        name=p.name, country=p.country, endpoint=p.effective_peppol_id, street=p.street, postcode=p.postcode,
        city=p.municipality, vat_number=p.effective_vat_number, enterprise_number=p.enterprise_number,
        legal_form=legal or None, email=p.email)
    buyer_vat = f"BE{m.enterprise_number}" if m.enterprise_number else m.vat_number
    buyer = Party(
        name=m.name, country=m.country, endpoint=invoicing.einvoice_address(m), street=m.street, postcode=m.postcode,
        city=m.municipality, vat_number=buyer_vat, enterprise_number=m.enterprise_number,
        email=m.email, contact_name=d.contact_name)
    return EDocument(
        number=d.number, issued_on=d.issued_on, seller=seller, buyer=buyer, line_name=d.description(),
        amount=d.amount, vat_category=d.vat_category, vat_rate=d.vat_rate, vat_amount=d.vat_amount,
        period=d.period, credit_note=d.is_credit_note, due_on=None if d.is_credit_note else call.due_on,
        payment_id=call.communication_text, iban=p.iban, bic=p.bic, exemption_reason=d.ground_text(),
        exemption_code=call.vat_exemption_code if d.vat_category == "E" else None,
        invoice_number=call.number if d.is_credit_note else None,
        invoice_issued_on=call.issued_on if d.is_credit_note else None,
        note=d.note.reason if d.note else None, buyer_reference=call.number or d.number,
        pdf=pdf, pdf_name=d.file_name(),
        prepaid=Decimal("0") if d.is_credit_note else max(Decimal("0"), min(call.paid, call.total)))


def xml_file_name(d: InvoiceData) -> str:
    return d.file_name().removesuffix(".pdf") + ".xml"


def build_validated(items: Sequence[InvoiceData], progress: OnProgress | None = None) -> dict[str, bytes]:
    """{file name: UBL XML} for each document, each validated; UserError naming the document and rule."""
    from clustermanager.reports.invoices import pdf_bytes

    report = progress or (lambda _p, _m: None)
    out = {}
    for i, d in enumerate(items):
        xml = build_xml(to_document(d, pdf_bytes(d)))
        failures = validate_xml(xml)
        if failures:
            raise UserError(_("The e-invoice for {number} ({member}) breaks the rule {rule}: nothing was "
                              "written.").format(number=d.number, member=d.member.name,
                                                 rule="; ".join(str(f) for f in failures[:3])))
        out[xml_file_name(d)] = xml
        report(int(100 * (i + 1) / len(items)), d.member.name)
    return out


def write_all(files: dict[str, bytes], folder: Path) -> list[Path]:
    written = []
    for name, xml in files.items():
        with atomic_write(folder / name) as tmp:
            Path(tmp).write_bytes(xml)
        written.append(folder / name)
    return written


def export_einvoices(session: Session, year: int, out_dir: str | os.PathLike, *,
                     call_ids: Sequence[int] | None = None, lang: str | None = None,
                     progress: OnProgress | None = None) -> tuple[list[Path], list[str]]:
    """The e-invoices of the year's invoices (or the calls given) and of their credit notes, for
    members who receive them; returns the files and the names of the members left out (PDF only)."""
    from clustermanager.reports.invoices import output_folder, year_call_ids

    ids = year_call_ids(session, year) if call_ids is None else list(call_ids)
    items = load_invoice_data(session, ids, lang)
    wanted = set(ids)  # the credit notes on these calls, whenever they were issued
    notes = [n.id for n in invoicing.list_credit_notes(session) if n.fee_call_id in wanted]
    items += load_credit_note_data(session, notes, lang)
    if not items:
        raise UserError(_("There are no fee calls for {year} yet.").format(year=year))
    sent = [d for d in items if receives_einvoice(d)]
    left_out = sorted({d.member.name for d in items if not receives_einvoice(d)})
    files = build_validated(sent, progress)
    return write_all(files, output_folder(out_dir)), left_out
