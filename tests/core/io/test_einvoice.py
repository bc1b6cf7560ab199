"""Every kind of e-invoice passes the official EN 16931 and Peppol BIS 3.0 rules; a broken one fails."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from lxml import etree

from clustermanager.errors import UserError
from clustermanager.io.einvoice import ubl
from clustermanager.io.einvoice.validate import RULE_SETS, validate_xml
from clustermanager.reports import einvoices, invoices
from clustermanager.services import cluster, invoicing
from tests.helpers import invoiceworld

NS = {"cbc": ubl.CBC, "cac": ubl.CAC}


@pytest.fixture
def world(session):
    return session, invoiceworld.build(session)


def _xml(session, kind, ids, lang="nl"):
    if "credit_note" in kind:
        [d] = invoices.load_credit_note_data(session, [ids[kind]], lang)
    else:
        [d] = invoices.load_invoice_data(session, [ids[kind]], lang)
    return d, ubl.build_xml(einvoices.to_document(d, invoices.pdf_bytes(d)))


def test_the_rules_ship_inside_the_package_with_their_licences():
    for path in RULE_SETS.values():
        assert path.is_file() and "clustermanager" in path.parts
    folder = next(iter(RULE_SETS.values())).parent
    assert (folder / "LICENSE-EN16931-EUPL-1.2.txt").is_file() and (folder / "LICENSE-SchXslt-MIT.txt").is_file()


@pytest.mark.parametrize(("kind", "category"), [
    ("taxed", "S"), ("exempt", "E"), ("reverse_charge", "AE"), ("foreign", "AE"), ("long", "S"),
    ("credit_note", "S"), ("reverse_charge_credit_note", "AE"),
])
def test_every_kind_passes_the_official_rules(world, kind, category):
    session, ids = world
    d, xml = _xml(session, kind, ids)
    assert validate_xml(xml) == []
    tree = etree.fromstring(xml)
    assert tree.findtext("cbc:CustomizationID", namespaces=NS) == ubl.CUSTOMIZATION_ID
    assert tree.findtext("cbc:ProfileID", namespaces=NS) == ubl.PROFILE_ID
    assert tree.findtext(".//cac:TaxSubtotal/cac:TaxCategory/cbc:ID", namespaces=NS) == category
    assert tree.findtext(".//cac:PaymentMeans/cbc:PaymentID", namespaces=NS) == d.call.communication_text
    pdf = tree.find(".//cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject", NS)
    assert pdf.get("mimeCode") == "application/pdf" and base64.b64decode(pdf.text).startswith(b"%PDF")
    buyer = tree.find("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", NS)
    assert f"{buyer.get('schemeID')}:{buyer.text}" == invoicing.einvoice_address(d.member)
    if category != "S":
        assert tree.findtext(".//cac:TaxCategory/cbc:TaxExemptionReason", namespaces=NS)
    if category == "AE":
        assert tree.findtext(".//cac:TaxCategory/cbc:TaxExemptionReasonCode", namespaces=NS) == "VATEX-EU-AE"
    if "credit_note" in kind:
        assert tree.tag.endswith("}CreditNote")
        assert tree.findtext(".//cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID",
                             namespaces=NS) == d.call.number


def test_exempt_invoice_names_the_article(world):
    session, ids = world
    _d, xml = _xml(session, "exempt", ids, "fr")
    tree = etree.fromstring(xml)
    assert "Art. 44, §2, 11° WBTW" in tree.findtext(".//cac:TaxSubtotal//cbc:TaxExemptionReason", namespaces=NS)
    assert tree.findtext(".//cac:TaxSubtotal//cbc:TaxExemptionReasonCode", namespaces=NS) == "VATEX-EU-132-1L"


def test_a_supplier_without_vat_registration_sends_outside_the_scope(world):
    session, ids = world
    profile = cluster.get_profile(session)
    cluster.save_profile(session, cluster.ProfileData(**{**profile.__dict__, "vat_registered": False}))
    from clustermanager.services import fees

    fees.set_fee(session, 2026, "small", "100", "21")
    from tests.helpers import feeworld  # noqa: F401

    [call] = [c for c in fees.generate_calls(session, 2026, issued_on=dt.date(2026, 2, 1)).created][:1]
    [d] = invoices.load_invoice_data(session, [call.id], "en")
    assert d.vat_category == "O"
    xml = ubl.build_xml(einvoices.to_document(d))
    assert validate_xml(xml) == []
    assert b"VATEX-EU-O" in xml and b"<cbc:Percent>" not in xml


def test_a_broken_e_invoice_fails_with_its_rule(world):
    session, ids = world
    _d, xml = _xml(session, "taxed", ids)
    tree = etree.fromstring(xml)
    tree.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS).text = "1.00"
    assert "BR-CO-16" in {f.rule for f in validate_xml(etree.tostring(tree))}
    tree = etree.fromstring(xml)
    tree.find("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", NS).set("schemeID", "9999")
    assert any(f.rule_set == "PEPPOL" for f in validate_xml(etree.tostring(tree)))


def test_the_app_validates_before_writing_and_names_the_invoice_and_rule(world, tmp_path, monkeypatch):
    session, ids = world
    real = einvoices.build_xml
    monkeypatch.setattr(einvoices, "build_xml", lambda doc: real(doc).replace(b"<cbc:PayableAmount currencyID=\"EUR\">",
                                                                           b"<cbc:PayableAmount currencyID=\"EUR\">9"))
    with pytest.raises(UserError, match=r"2025-0000\d.*BR-CO-16"):
        invoices.export_invoices(session, 2025, tmp_path / "out", call_ids=[ids["taxed"]], ubl=True)
    assert not list((tmp_path / "out").glob("*"))


def test_einvoices_for_a_year_leave_out_members_without_peppol(world, tmp_path):
    session, ids = world
    files, left_out = einvoices.export_einvoices(session, 2025, tmp_path / "new" / "peppol", lang="en")
    names = {p.name for p in files}
    assert "credit-note-CN2025-00001.xml" in names and "credit-note-CN2025-00002.xml" in names
    assert "Papier Only NV" in left_out
    assert all(validate_xml(p.read_bytes()) == [] for p in files[:3])


def test_an_invoice_written_after_a_part_payment_says_what_is_left_like_its_pdf(world):
    from decimal import Decimal

    from clustermanager.services import payments

    session, ids = world
    d, _xml_before = _xml(session, "taxed", ids)
    part = (d.call.total / 2).quantize(Decimal("0.01"))
    payments.record_payment(session, ids["taxed"], part, dt.date(2025, 3, 1))
    d, xml = _xml(session, "taxed", ids)
    assert validate_xml(xml) == []
    totals = etree.fromstring(xml).find("cac:LegalMonetaryTotal", NS)
    assert Decimal(totals.findtext("cbc:PrepaidAmount", namespaces=NS)) == part
    assert Decimal(totals.findtext("cbc:PayableAmount", namespaces=NS)) == d.call.total - part
    assert "PrepaidAmount" not in _xml(session, "credit_note", ids)[1].decode()
