"""The exemption codes offered are the ones the official rules know, and an exempt line carries its code."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

import clustermanager.io.einvoice as einvoice_pkg
from clustermanager.io.einvoice import vatex
from clustermanager.io.einvoice.document import EDocument, Party
from clustermanager.io.einvoice.ubl import build_xml
from clustermanager.io.einvoice.validate import validate_xml

RULES = Path(einvoice_pkg.__file__).parent / "rules" / "EN16931-UBL-validation.xslt"


def test_every_offered_code_is_in_the_code_list_of_the_shipped_rules():
    known = set(re.findall(r"VATEX-EU-[0-9A-Z-]+", RULES.read_text(encoding="utf-8")))
    assert set(vatex.EXEMPT_CODES) <= known
    assert vatex.MEMBERSHIP_CODE in vatex.EXEMPT_CODES
    assert not {"VATEX-EU-AE", "VATEX-EU-O"} & set(vatex.EXEMPT_CODES)  # fixed by their own categories


def test_a_code_is_checked_and_described():
    assert vatex.check_code(" vatex-eu-132-1l ") == "VATEX-EU-132-1L"
    assert vatex.check_code("") is None
    with pytest.raises(ValueError):
        vatex.check_code("VATEX-EU-AE")
    assert vatex.describe("VATEX-EU-132-1L") == "VATEX-EU-132-1L: art. 132(1)(l), non-profit organisations to their members"


def _exempt(code: str | None) -> EDocument:
    seller = Party(name="Cluster vzw", street="Dok 1", postcode="9000", city="Gent", country="BE",
                   vat_number="BE0417497106", enterprise_number="0417497106", endpoint="0208:0417497106")
    buyer = Party(name="Stad Gent", street="Botermarkt 1", postcode="9000", city="Gent", country="BE",
                  vat_number=None, enterprise_number="0207451227", endpoint="0208:0207451227")
    return EDocument(number="2025-00001", issued_on=dt.date(2025, 2, 1), seller=seller, buyer=buyer,
                     line_name="Membership fee 2025", amount=Decimal("500.00"), vat_category="E",
                     vat_rate=Decimal("0"), vat_amount=Decimal("0.00"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
                     due_on=dt.date(2025, 3, 3), payment_id="+++090/9337/55493+++", iban="BE71096123456769",
                     exemption_reason="Art. 44 §2 11° WBTW", exemption_code=code)


def test_an_exempt_line_carries_its_code_and_its_article_and_passes_the_rules():
    xml = build_xml(_exempt("VATEX-EU-132-1L")).decode()
    assert xml.count("<cbc:TaxExemptionReasonCode>VATEX-EU-132-1L</cbc:TaxExemptionReasonCode>") >= 1
    assert "Art. 44 §2 11° WBTW" in xml
    assert validate_xml(build_xml(_exempt("VATEX-EU-132-1L"))) == []
    assert "TaxExemptionReasonCode" not in build_xml(_exempt(None)).decode()
