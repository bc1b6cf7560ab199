"""UBL 2.1 XML for Peppol BIS Billing 3.0 (the format Belgian e-invoicing uses since 2026).

One line per document; the VAT breakdown has one subtotal. Exemption reason codes from the VATEX
list go with the categories that have a single meaning (AE reverse charge, O outside the scope);
an exemption (E) carries the code chosen for its fee category (io/einvoice/vatex.py) when there is
one, and always the article the accountant named as its reason text.
"""

from __future__ import annotations

import base64
from decimal import Decimal

from lxml import etree

from clustermanager.io.einvoice.document import EDocument, Party

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
ROOT_NS = {False: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
           True: "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"}
EXEMPTION_CODES = {"AE": "VATEX-EU-AE", "O": "VATEX-EU-O"}
DEFAULT_REASONS = {"E": "Exempt from VAT", "AE": "Reverse charge", "O": "Not subject to VAT"}
CURRENCY = "EUR"


def _amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"


def _rate(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text if "." not in text else text.rstrip("0").rstrip(".")


class _Builder:
    def __init__(self, root):
        self.root = root

    @staticmethod
    def el(parent, tag: str, text: str | None = None, ns: str = CBC, **attrib):
        node = etree.SubElement(parent, f"{{{ns}}}{tag}", {k: v for k, v in attrib.items() if v is not None})
        if text is not None:
            node.text = text
        return node

    def cac(self, parent, tag: str):
        return self.el(parent, tag, ns=CAC)

    def money(self, parent, tag: str, value: Decimal):
        return self.el(parent, tag, _amount(value), currencyID=CURRENCY)


def _endpoint(endpoint: str) -> tuple[str, str]:
    scheme, _sep, ident = endpoint.partition(":")
    return scheme, ident


def _party(b: _Builder, parent, party: Party, *, vat_category: str, seller: bool) -> None:
    node = b.cac(parent, "Party")
    if party.endpoint:
        scheme, ident = _endpoint(party.endpoint)
        b.el(node, "EndpointID", ident, schemeID=scheme)
    if party.enterprise_number:
        ident_node = b.cac(node, "PartyIdentification")
        b.el(ident_node, "ID", party.enterprise_number, schemeID="0208")
    b.el(b.cac(node, "PartyName"), "Name", party.name)
    address = b.cac(node, "PostalAddress")
    if party.street:
        b.el(address, "StreetName", party.street)
    if party.city:
        b.el(address, "CityName", party.city)
    if party.postcode:
        b.el(address, "PostalZone", party.postcode)
    b.el(b.cac(address, "Country"), "IdentificationCode", party.country)
    if party.vat_number and vat_category != "O":
        scheme = b.cac(node, "PartyTaxScheme")
        b.el(scheme, "CompanyID", party.vat_number)
        b.el(b.cac(scheme, "TaxScheme"), "ID", "VAT")
    legal = b.cac(node, "PartyLegalEntity")
    b.el(legal, "RegistrationName", party.name)
    if party.enterprise_number:
        b.el(legal, "CompanyID", party.enterprise_number, schemeID="0208")
    if seller and party.legal_form:
        b.el(legal, "CompanyLegalForm", party.legal_form)
    if party.email or party.contact_name:
        contact = b.cac(node, "Contact")
        if party.contact_name:
            b.el(contact, "Name", party.contact_name)
        if party.email:
            b.el(contact, "ElectronicMail", party.email)


def _tax_category(b: _Builder, parent, tag: str, doc: EDocument, *, with_reason: bool) -> None:
    cat = b.cac(parent, tag)
    b.el(cat, "ID", doc.vat_category)
    if doc.vat_category != "O":
        b.el(cat, "Percent", _rate(doc.vat_rate))
    if with_reason and doc.vat_category in ("E", "AE", "O"):
        code = EXEMPTION_CODES.get(doc.vat_category) or (doc.exemption_code if doc.vat_category == "E" else None)
        if code:
            b.el(cat, "TaxExemptionReasonCode", code)
        b.el(cat, "TaxExemptionReason", doc.exemption_reason or DEFAULT_REASONS[doc.vat_category])
    b.el(b.cac(cat, "TaxScheme"), "ID", "VAT")


def build_xml(doc: EDocument) -> bytes:
    """The document as UBL 2.1 (Invoice or CreditNote), UTF-8 with an XML declaration."""
    credit = doc.credit_note
    root = etree.Element(f"{{{ROOT_NS[credit]}}}{'CreditNote' if credit else 'Invoice'}",
                         nsmap={None: ROOT_NS[credit], "cac": CAC, "cbc": CBC})
    b = _Builder(root)
    b.el(root, "CustomizationID", CUSTOMIZATION_ID)
    b.el(root, "ProfileID", PROFILE_ID)
    b.el(root, "ID", doc.number)
    b.el(root, "IssueDate", doc.issued_on.isoformat())
    if doc.due_on and not credit:
        b.el(root, "DueDate", doc.due_on.isoformat())
    b.el(root, "CreditNoteTypeCode" if credit else "InvoiceTypeCode", "381" if credit else "380")
    if doc.note:
        b.el(root, "Note", doc.note)
    b.el(root, "DocumentCurrencyCode", CURRENCY)
    b.el(root, "BuyerReference", doc.buyer_reference or doc.number)
    period = b.cac(root, "InvoicePeriod")
    b.el(period, "StartDate", doc.period[0].isoformat())
    b.el(period, "EndDate", doc.period[1].isoformat())
    if credit and doc.invoice_number:
        ref = b.cac(b.cac(root, "BillingReference"), "InvoiceDocumentReference")
        b.el(ref, "ID", doc.invoice_number)
        if doc.invoice_issued_on:
            b.el(ref, "IssueDate", doc.invoice_issued_on.isoformat())
    if doc.pdf:
        attached = b.cac(root, "AdditionalDocumentReference")
        b.el(attached, "ID", doc.number)
        b.el(attached, "DocumentDescription", "PDF")
        b.el(b.cac(attached, "Attachment"), "EmbeddedDocumentBinaryObject", base64.b64encode(doc.pdf).decode("ascii"),
             mimeCode="application/pdf", filename=doc.pdf_name or f"{doc.number}.pdf")
    _party(b, b.cac(root, "AccountingSupplierParty"), doc.seller, vat_category=doc.vat_category, seller=True)
    _party(b, b.cac(root, "AccountingCustomerParty"), doc.buyer, vat_category=doc.vat_category, seller=False)
    if doc.iban:
        means = b.cac(root, "PaymentMeans")
        b.el(means, "PaymentMeansCode", "30", name="Credit transfer")
        if credit and doc.due_on:
            b.el(means, "PaymentDueDate", doc.due_on.isoformat())
        if doc.payment_id:
            b.el(means, "PaymentID", doc.payment_id)
        account = b.cac(means, "PayeeFinancialAccount")
        b.el(account, "ID", doc.iban)
        b.el(account, "Name", doc.seller.name)
        if doc.bic:
            b.el(b.cac(account, "FinancialInstitutionBranch"), "ID", doc.bic)
    tax = b.cac(root, "TaxTotal")
    b.money(tax, "TaxAmount", doc.vat_amount)
    sub = b.cac(tax, "TaxSubtotal")
    b.money(sub, "TaxableAmount", doc.amount)
    b.money(sub, "TaxAmount", doc.vat_amount)
    _tax_category(b, sub, "TaxCategory", doc, with_reason=True)
    totals = b.cac(root, "LegalMonetaryTotal")
    b.money(totals, "LineExtensionAmount", doc.amount)
    b.money(totals, "TaxExclusiveAmount", doc.amount)
    b.money(totals, "TaxInclusiveAmount", doc.total)
    if doc.prepaid:  # the PDF's "already paid": the e-invoice says the same (BR-CO-16)
        b.money(totals, "PrepaidAmount", doc.prepaid)
    b.money(totals, "PayableAmount", doc.payable)
    line = b.cac(root, "CreditNoteLine" if credit else "InvoiceLine")
    b.el(line, "ID", "1")
    b.el(line, "CreditedQuantity" if credit else "InvoicedQuantity", "1", unitCode="C62")
    b.money(line, "LineExtensionAmount", doc.amount)
    item = b.cac(line, "Item")
    b.el(item, "Name", doc.line_name[:200])
    _tax_category(b, item, "ClassifiedTaxCategory", doc, with_reason=False)
    price = b.cac(line, "Price")
    b.money(price, "PriceAmount", doc.amount)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
