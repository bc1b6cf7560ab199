"""The VATEX exemption reason codes an exempt (E) invoice line may carry in a Peppol e-invoice.

The EU code list (CEF VATEX) names the article of the VAT Directive (2006/112/EC) behind an
exemption. The Belgian VAT Code's exemptions transpose those articles: art. 44 §2 11° of the Belgian
code (services of non-profit organisations to their members) is art. 132(1)(l) of the Directive, so
`VATEX-EU-132-1L`. The accountant names the article; the code is its machine-readable twin, which an
accounting package books without reading the text. Codes of the other categories (AE, O, ...) are
fixed by the category and not offered here. tests/core/io/test_vatex.py checks every code against
the list in the shipped rule sets.
"""

from __future__ import annotations

from clustermanager.i18n import N_, _

# Art. 132(1)(a)-(q) of the Directive: exemptions for activities in the public interest.
_ARTICLE_132 = {
    "A": N_("public postal services"), "B": N_("hospital and medical care"),
    "C": N_("medical care by the medical professions"), "D": N_("human organs, blood and milk"),
    "E": N_("dental technicians"), "F": N_("independent groups of persons (cost sharing)"),
    "G": N_("welfare and social security"), "H": N_("protection of children and young persons"),
    "I": N_("education"), "J": N_("private tuition"), "K": N_("staff supplied by religious or philosophical bodies"),
    "L": N_("non-profit organisations to their members"), "M": N_("sport and physical education"),
    "N": N_("cultural services"), "O": N_("fund-raising events"), "P": N_("transport of sick or injured persons"),
    "Q": N_("public radio and television"),
}
_OTHERS = ("VATEX-EU-132", "VATEX-EU-135-1", "VATEX-EU-143", "VATEX-EU-148", "VATEX-EU-151", "VATEX-EU-309",
           "VATEX-EU-79-C")
EXEMPT_CODES: tuple[str, ...] = tuple(f"VATEX-EU-132-1{letter}" for letter in _ARTICLE_132) + _OTHERS
# What a Belgian cluster's membership fees usually are when exempt (art. 44 §2 11°).
MEMBERSHIP_CODE = "VATEX-EU-132-1L"


def describe(code: str) -> str:
    """`VATEX-EU-132-1L: art. 132(1)(l), non-profit organisations to their members` (translated)."""
    if code.startswith("VATEX-EU-132-1") and code[-1] in _ARTICLE_132:
        return _("{code}: art. 132(1)({letter}), {what}").format(
            code=code, letter=code[-1].lower(), what=_(_ARTICLE_132[code[-1]]))
    return code


def check_code(value: object) -> str | None:
    """The code, upper-cased, or None when empty; ValueError when it is not an exemption code."""
    text = str(value or "").strip().upper()
    if not text:
        return None
    if text not in EXEMPT_CODES:
        raise ValueError(text)
    return text
