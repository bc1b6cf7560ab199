"""The fee world with every kind of invoice: taxed, exempt, reverse charge (a German company), a Dutch
customer with its own Peppol ID, a member without e-invoices, a credit note; and the longest names."""

from __future__ import annotations

import datetime as dt

from clustermanager.services import cluster, fees, invoicing
from clustermanager.services import members as msvc
from tests.helpers import feeworld

LONG_CATEGORY = "Grote onderneming met meer dan 250 werknemers (EU)"  # 50 characters, the column's limit
LONG_NAME = ("Vlaams Interuniversitair Instituut voor Biotechnologie en Duurzame Industriële Innovatie in de "
             "Maakindustrie en Logistiek")


def build(session) -> dict:
    """Returns {kind: call id} and the credit note's id under "credit_note"."""
    ids = feeworld.build(session)
    profile = cluster.get_profile(session)
    cluster.save_profile(session, cluster.ProfileData(**{
        **profile.__dict__, "name": "Test Cluster", "legal_form": "vzw", "legal_register": "RPR",
        "court_division": "Gent, afdeling Gent", "email": "info@test.example"}))
    fees.set_fee(session, feeworld.YEAR, "government", "500", "0", vat_article="Art. 44, §2, 11° WBTW",
                  vat_exemption_code="VATEX-EU-132-1L")
    fees.set_fee(session, feeworld.YEAR, LONG_CATEGORY.lower(), "4000", "21")
    de = msvc.create_member(session, msvc.MemberInput(
        name="Rheinland Technik GmbH", kind="company", size_class="medium", vat_number="DE136695976",
        street="Hauptstraße 5", postcode="50667", municipality="Köln", country="DE", peppol_id="9930:DE136695976",
        joined_on=dt.date(2020, 1, 1), fee_category="small"))
    nl = msvc.create_member(session, msvc.MemberInput(
        name="Delta Water BV", kind="company", size_class="small", vat_number="NL004495445B01",
        street="Kade 1", postcode="3011 AA", municipality="Rotterdam", country="NL",
        peppol_id="9944:NL004495445B01", joined_on=dt.date(2020, 1, 1)))
    long = msvc.create_member(session, msvc.MemberInput(
        name=LONG_NAME, kind="company", size_class="large", enterprise_number="0403.170.701",
        street="Technologiepark-Zwijnaarde 122, gebouw Ardoyen, derde verdieping", postcode="9052",
        municipality="Gent", joined_on=dt.date(2020, 1, 1), fee_category=LONG_CATEGORY))
    optout = msvc.create_member(session, msvc.MemberInput(
        name="Papier Only NV", kind="company", size_class="small", enterprise_number="0202.239.951",
        joined_on=dt.date(2020, 1, 1), einvoice_opt_out=True))
    for key, enterprise in (("acme", "0404.616.494"), ("big", "0403.199.702"), ("city", "0207.451.227")):
        detail = msvc.get_member(session, ids[key])
        msvc.update_member(session, ids[key], msvc.MemberInput(**{
            **detail.to_input().__dict__, "enterprise_number": enterprise, "street": "Markt 1",
            "postcode": "9000", "municipality": "Gent"}))
    calls = {c.member_id: c.id for c in fees.generate_calls(session, feeworld.YEAR,
                                                             issued_on=dt.date(2025, 2, 1)).created}
    note = invoicing.issue_credit_note(session, calls[ids["big"]], "Korting afgesproken", "121",
                                       on=dt.date(2025, 3, 1))
    de_note = invoicing.issue_credit_note(session, calls[de.id], "Dubbel aangerekend", on=dt.date(2025, 3, 2))
    return {"taxed": calls[ids["big"]], "exempt": calls[ids["city"]], "reverse_charge": calls[de.id],
            "foreign": calls[nl.id], "long": calls[long.id], "opted_out": calls[optout.id],
            "credit_note": note.id, "reverse_charge_credit_note": de_note.id}
