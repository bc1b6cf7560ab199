"""Column mapping from Dutch, English and French headers, and the normalised values."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from clustermanager.errors import ValidationError
from clustermanager.io.mapping import (
    FIELD_BY_KEY,
    mapping_from_file,
    normalise_value,
    propose_mapping,
    to_decimal,
)
from clustermanager.models import MemberKind, SizeClass


def test_dutch_english_and_french_headers():
    assert propose_mapping(["Naam", "Ondernemingsnummer", "BTW", "E-mail", "Lid sinds", "Postcode", "Gemeente",
                            "Provincie", "Land", "Type", "Grootte"]) == (
        "name", "enterprise_number", "vat_number", "email", "joined_on", "postcode", "municipality", "province",
        "country", "kind", "size_class")
    assert propose_mapping(["Name", "Enterprise number", "VAT", "Member since", "Municipality"]) == (
        "name", "enterprise_number", "vat_number", "joined_on", "municipality")
    assert propose_mapping(["Nom", "Numéro d'entreprise", "TVA", "Membre depuis", "Commune", "Pays"]) == (
        "name", "enterprise_number", "vat_number", "joined_on", "municipality", "country")


def test_contact_columns_and_unknown_headers():
    assert propose_mapping(["Bedrijf", "Voornaam", "Familienaam", "E-mail contactpersoon", "Telefoon", "Functie",
                            "Iets anders", "E-mail"]) == (
        "name", "contact_first_name", "contact_last_name", "contact_email", "contact_phone", "contact_role",
        None, "email")


def test_a_field_is_given_to_one_column_only():
    assert propose_mapping(["Naam", "Name"]) == ("name", None)


@pytest.mark.parametrize("raw", ["0417.497.106", "BE 0417 497 106", "417497106", 417497106, " 0417497106 ",
                                 417497106.0])
def test_enterprise_number_in_any_form(raw):
    assert normalise_value(FIELD_BY_KEY["enterprise_number"], raw) == "0417497106"


def test_vat_column_gives_belgian_numbers_their_enterprise_number():
    spec = FIELD_BY_KEY["vat_number"]
    assert normalise_value(spec, "BE0417.497.106") == "BE0417497106"
    assert normalise_value(spec, "NL004495445B01") == "NL004495445B01"
    with pytest.raises(ValidationError, match="VAT number"):
        normalise_value(spec, "BE0417497107")


@pytest.mark.parametrize("raw", ["15/03/2021", "2021-03-15", "15.03.2021", dt.datetime(2021, 3, 15), 44270])
def test_dates_as_excel_dates_or_text(raw):
    assert normalise_value(FIELD_BY_KEY["joined_on"], raw) == dt.date(2021, 3, 15)


def test_amounts_with_a_decimal_comma_and_excel_floats():
    assert to_decimal("1.234,56", "amount") == Decimal("1234.56")
    assert to_decimal(1234.56, "amount") == Decimal("1234.56")
    assert to_decimal("€ 12,5", "amount") == Decimal("12.50")


@pytest.mark.parametrize(("raw", "expected"), [("ja", True), ("Nee", False), ("yes", True), ("no", False),
                                               ("oui", True), ("Non", False), ("x", True), (1, True), (None, None)])
def test_yes_no_in_three_languages(raw, expected):
    assert normalise_value(FIELD_BY_KEY["contact_consent"], raw) is expected


def test_choices_and_codes_in_three_languages():
    assert normalise_value(FIELD_BY_KEY["kind"], "Kennisinstelling") is MemberKind.KNOWLEDGE
    assert normalise_value(FIELD_BY_KEY["kind"], "Entreprise ") is MemberKind.COMPANY
    assert normalise_value(FIELD_BY_KEY["size_class"], "Middelgroot") is SizeClass.MEDIUM
    assert normalise_value(FIELD_BY_KEY["country"], "Belgique") == "BE"
    assert normalise_value(FIELD_BY_KEY["postcode"], 9000) == "9000"
    assert normalise_value(FIELD_BY_KEY["postcode"], 9000.0) == "9000"
    assert normalise_value(FIELD_BY_KEY["name"], "  Acme   NV  ") == "Acme NV"
    with pytest.raises(ValidationError, match="Type"):
        normalise_value(FIELD_BY_KEY["kind"], "Vereniging zonder naam")


def test_mapping_file(tmp_path):
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"Firma": "name", "Nr": "enterprise_number"}), encoding="utf-8")
    assert mapping_from_file(path, ["Firma", "Nr", "Other"]) == ("name", "enterprise_number", None)
    path.write_text(json.dumps({"Firma": "nonsense"}), encoding="utf-8")
    with pytest.raises(ValidationError, match="nonsense"):
        mapping_from_file(path, ["Firma"])
