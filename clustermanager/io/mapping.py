"""Which column holds which field: proposed from header names (Dutch, English, French), corrected
by the user (remembered per set of headers by services.import_mappings); and the cell values
normalised to what a field expects.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from clustermanager import validation as v
from clustermanager.errors import FileFormatError, ValidationError
from clustermanager.i18n import N_, _
from clustermanager.models import MemberKind, SizeClass


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str  # N_(): pass through _() to show
    kind: str  # how values are normalised, see normalise_value
    synonyms: tuple[str, ...]  # normalised header names (see normalise_header)

    @property
    def is_contact(self) -> bool:
        return self.key.startswith("contact_")


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", N_("Name"), "text", (
        "naam", "name", "nom", "organisatie", "organisation", "organization", "bedrijf", "bedrijfsnaam",
        "company", "company name", "entreprise", "societe", "raison sociale", "naam organisatie", "lid",
        "member", "membre", "nom de l entreprise", "organisation name")),
    FieldSpec("enterprise_number", N_("Enterprise number"), "enterprise_number", (
        "ondernemingsnummer", "enterprise number", "numero d entreprise", "kbo", "kbo nummer", "bce",
        "numero bce", "kbo nr", "company number", "ondernemingsnr")),
    FieldSpec("vat_number", N_("VAT number"), "vat", (
        "btw", "btw nummer", "btw nr", "vat", "vat number", "vat no", "tva", "numero de tva", "numero tva")),
    FieldSpec("kind", N_("Type"), "member_kind", (
        "type", "soort", "categorie lid", "kind", "member type", "type de membre", "type lid", "aard")),
    FieldSpec("size_class", N_("Size"), "size_class", (
        "grootte", "size", "taille", "omvang", "size class", "grootteklasse")),
    FieldSpec("email", N_("E-mail"), "email", (
        "e mail", "email", "mail", "courriel", "adresse e mail", "e mail adres", "emailadres")),
    FieldSpec("joined_on", N_("Member since"), "date", (
        "lid sinds", "member since", "membre depuis", "joined", "joined on", "start lidmaatschap",
        "startdatum", "date d adhesion", "aangesloten op", "lid vanaf")),
    FieldSpec("left_on", N_("Member until"), "date", (
        "lid tot", "member until", "membre jusqu au", "left", "left on", "einde lidmaatschap", "uitgetreden",
        "einddatum", "date de sortie")),
    FieldSpec("street", N_("Street"), "text", ("straat", "street", "rue", "adres", "address", "adresse")),
    FieldSpec("postcode", N_("Postcode"), "code", (
        "postcode", "post code", "postal code", "zip", "code postal", "postnummer")),
    FieldSpec("municipality", N_("Municipality"), "text", (
        "gemeente", "municipality", "commune", "stad", "city", "ville", "plaats", "localite", "woonplaats")),
    FieldSpec("province", N_("Province"), "text", ("provincie", "province")),
    FieldSpec("country", N_("Country"), "country", ("land", "country", "pays", "landcode", "country code")),
    FieldSpec("website", N_("Website"), "text", ("website", "site web", "site", "web", "url", "webstek")),
    FieldSpec("nace_code", N_("NACE code"), "code", ("nace", "nace code", "code nace", "nacebel", "sector code")),
    FieldSpec("fee_category", N_("Fee category"), "text", (
        "lidgeldcategorie", "fee category", "categorie de cotisation", "categorie", "category")),
    FieldSpec("notes", N_("Notes"), "text", ("opmerkingen", "opmerking", "notes", "note", "remarks", "remarques",
                                             "commentaar", "comments")),
    FieldSpec("contact_first_name", N_("Contact first name"), "text", (
        "voornaam", "first name", "firstname", "given name", "prenom", "voornaam contactpersoon",
        "contact first name", "prenom du contact")),
    FieldSpec("contact_last_name", N_("Contact last name"), "text", (
        "achternaam", "familienaam", "last name", "lastname", "surname", "family name", "nom de famille",
        "contact last name", "naam contactpersoon", "nom du contact")),
    FieldSpec("contact_name", N_("Contact (full name)"), "text", (
        "contactpersoon", "contact", "contact person", "contact name", "personne de contact", "contact persoon")),
    FieldSpec("contact_email", N_("Contact e-mail"), "email", (
        "e mail contactpersoon", "contact e mail", "contact email", "email contact", "e mail contact",
        "courriel du contact", "e mail du contact")),
    FieldSpec("contact_phone", N_("Contact phone"), "text", (
        "telefoon", "tel", "phone", "telephone", "gsm", "mobile", "mobiel", "phone number", "telefoonnummer",
        "contact phone")),
    FieldSpec("contact_role", N_("Contact role"), "text", (
        "functie", "rol", "role", "fonction", "job title", "title", "contact role", "functie contactpersoon")),
    FieldSpec("contact_consent", N_("Contact consent"), "bool", (
        "toestemming", "consent", "consentement", "akkoord", "gdpr", "opt in", "optin")),
    FieldSpec("contact_language", N_("Contact language"), "text", (
        "taal", "language", "langue", "taal contactpersoon", "contact language", "langue du contact")),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}

Mapping = tuple[str | None, ...]  # one field key (or None: ignored) per header column


def normalise_header(text: str) -> str:
    """'Numéro d'entreprise ' -> 'numero d entreprise': lower case, no accents, words only."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def propose_mapping(headers: tuple[str, ...] | list[str]) -> Mapping:
    """Exact synonyms first, then a header that contains a synonym; each field used at most once."""
    normal = [normalise_header(h) for h in headers]
    result: list[str | None] = [None] * len(headers)
    used: set[str] = set()
    for i, name in enumerate(normal):
        for spec in FIELDS:
            if spec.key not in used and name in spec.synonyms:
                result[i] = spec.key
                used.add(spec.key)
                break
    for i, name in enumerate(normal):
        if result[i] is not None or not name:
            continue
        words = f" {name} "
        about_contact = any(w in words for w in (" contact", "persoon", "personne"))
        candidates = [(len(s), spec.key) for spec in FIELDS if spec.key not in used
                      and spec.is_contact == about_contact for s in spec.synonyms if f" {s} " in words]
        if candidates:
            key = max(candidates)[1]
            result[i] = key
            used.add(key)
    from clustermanager.io.column_targets import contact_columns_first  # it reads FIELDS from here

    return contact_columns_first(tuple(result))


def check_mapping(headers, mapping: Mapping) -> None:
    """A mapping fits its headers, names known fields, uses each once and maps a name column."""
    if len(mapping) != len(headers):
        raise ValidationError("mapping", len(mapping), _("has {n} columns; the sheet has {m}").format(
            n=len(mapping), m=len(headers)))
    seen: set[str] = set()
    for key in mapping:
        if key is None:
            continue
        if key not in FIELD_BY_KEY:
            raise ValidationError("mapping", key, _("is not a known field"))
        if key in seen:
            raise ValidationError("mapping", key, _("is given to two columns"))
        seen.add(key)
    if "name" not in seen and "enterprise_number" not in seen and "vat_number" not in seen:
        raise ValidationError("mapping", "", _("needs a column for the name or the enterprise number"))


# ---------------------------------------------------------------------------------------------
# Mapping files (the remembered mappings are a setting: services.import_mappings)


def mapping_from_file(path: str | Path, headers) -> Mapping:
    """A JSON file {"Header in the sheet": "field", ...}; headers not named there are ignored."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FileFormatError(_("The mapping file cannot be read: {error}").format(error=exc), path=str(path)) from exc
    if not isinstance(data, dict):
        raise FileFormatError(_('The mapping file must be a JSON object {"header": "field"}.'), path=str(path))
    by_header = {normalise_header(k): val for k, val in data.items()}
    mapping = tuple(by_header.get(normalise_header(h)) or None for h in headers)
    check_mapping(headers, mapping)
    return mapping


def mapping_to_json(headers, mapping: Mapping) -> dict[str, str]:
    return {h: k for h, k in zip(headers, mapping, strict=True) if k}


# ---------------------------------------------------------------------------------------------
# Values

_YES = {"ja", "j", "yes", "y", "oui", "o", "true", "waar", "vrai", "1", "x", "ok", "akkoord", "d accord"}
_NO = {"nee", "n", "neen", "no", "non", "false", "onwaar", "faux", "0", "-"}
_KINDS = {
    MemberKind.COMPANY: ("company", "bedrijf", "onderneming", "entreprise", "societe", "firma", "kmo", "business"),
    MemberKind.KNOWLEDGE: ("knowledge institution", "knowledge_institution", "kennisinstelling", "universiteit",
                           "university", "universite", "onderzoekscentrum", "research centre", "research center",
                           "hogeschool", "institution de recherche", "institution de connaissance",
                           "centre de recherche", "knowledge"),
    MemberKind.GOVERNMENT: ("government", "overheid", "gouvernement", "public body", "pouvoirs publics",
                            "autorite publique", "administration", "openbaar bestuur", "publiek"),
    MemberKind.OTHER: ("other", "andere", "ander", "autre", "vzw", "federatie", "federation", "ngo", "asbl"),
}
_SIZES = {
    SizeClass.MICRO: ("micro", "micro onderneming", "micro entreprise", "zeer klein", "micro enterprise"),
    SizeClass.SMALL: ("small", "klein", "kleine", "petite", "petit", "kleine onderneming"),
    SizeClass.MEDIUM: ("medium", "middelgroot", "middelgrote", "moyenne", "moyen", "middel"),
    SizeClass.LARGE: ("large", "groot", "grote", "grande", "grand", "grote onderneming", "big"),
}
_COUNTRIES = {
    "BE": ("belgie", "belgium", "belgique", "belgien", "be"), "NL": ("nederland", "netherlands", "pays bas", "nl"),
    "FR": ("frankrijk", "france", "fr"), "DE": ("duitsland", "germany", "allemagne", "deutschland", "de"),
    "LU": ("luxemburg", "luxembourg", "lu"), "GB": ("verenigd koninkrijk", "united kingdom", "royaume uni", "uk"),
}
_LOOKUP_KINDS = {w: k for k, words in _KINDS.items() for w in words}
_LOOKUP_SIZES = {w: k for k, words in _SIZES.items() for w in words}
_LOOKUP_COUNTRIES = {w: k for k, words in _COUNTRIES.items() for w in words}


def as_text(value) -> str | None:
    """A cell as text: numbers without a spurious '.0', dates in ISO, spaces trimmed."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    text = " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()
    return text or None


def to_decimal(value, field: str, *, required: bool = False, allow_negative: bool = True) -> Decimal | None:
    """An amount from a number cell (Excel stores floats) or text with a decimal comma."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    elif isinstance(value, str):
        value = value.strip()
    return v.money(value, field, required=required, allow_negative=allow_negative)


def to_date(value, field: str) -> dt.date | None:
    """A date cell, an Excel serial number (from a CSV), or text 15/03/2021 or 2021-03-15."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value < 120000:
        from openpyxl.utils.datetime import from_excel

        value = from_excel(value)
    return v.parse_date_text(value, field)


def to_bool(value, field: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    word = normalise_header(as_text(value) or "")
    if word in _YES:
        return True
    if word in _NO or not word:
        return False
    raise ValidationError(field, value, _("is not yes or no (ja/nee, oui/non)"))


def _choice(lookup: dict, value, field: str, allowed: str):
    text = as_text(value)
    if text is None:
        return None
    found = lookup.get(normalise_header(text))
    if found is None:
        raise ValidationError(field, text, _("is not one of: {allowed}").format(allowed=allowed))
    return found


def normalise_value(spec: FieldSpec, value):
    """The value a field expects, or ValidationError naming the field and the value."""
    if isinstance(value, str) and not value.strip():
        value = None
    if value is None:
        return None
    kind, field = spec.kind, spec.key
    if kind == "text":
        return as_text(value)
    if kind == "code":  # postcodes and NACE codes: numbers stored as numbers must lose their '.0'
        return as_text(value)
    if kind == "enterprise_number":
        return v.enterprise_number(_digits_text(value), field)
    if kind == "vat":
        return _vat(value, field)
    if kind == "email":
        return v.email(as_text(value), field)
    if kind == "date":
        return to_date(value, field)
    if kind == "bool":
        return to_bool(value, field)
    if kind == "member_kind":
        return _choice(_LOOKUP_KINDS, value, field, _("company, knowledge institution, government, other"))
    if kind == "size_class":
        return _choice(_LOOKUP_SIZES, value, field, _("micro, small, medium, large"))
    if kind == "country":
        text = as_text(value)
        code = _LOOKUP_COUNTRIES.get(normalise_header(text))
        if code is None and len(text) == 2 and text.isalpha():
            code = text.upper()
        if code is None:
            raise ValidationError(field, text, _("is not a country (a two-letter code such as BE or NL)"))
        return code
    raise AssertionError(kind)


def _digits_text(value) -> str:
    """An enterprise number typed as a number loses its leading zero: 417497106 -> '0417497106'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:010d}"
    return str(value)


def _vat(value, field: str) -> str:
    """A BTW/VAT/TVA column: a Belgian number becomes the enterprise number ('BE' + 10 digits)."""
    text = _digits_text(value).strip()
    compact = re.sub(r"[\s.\-/]", "", text).upper()
    if compact.isdigit() or compact.startswith("BE"):
        return "BE" + v.enterprise_number(compact, field)
    return v.foreign_vat_number(text, field)
