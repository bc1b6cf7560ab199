"""Field checks and normalisers shared by the services, the importers and the forms.

Each returns the normalised value or raises ValidationError naming the field and the value.
Belgian numbers are checked with python-stdnum, never by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from stdnum import iban as stdnum_iban
from stdnum.be import ogm_vcs
from stdnum.be import vat as be_vat
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError

from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.text_safety import first_unsafe

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2200, 12, 31)
MAX_AMOUNT = Decimal("9999999999.99")  # Numeric(12, 2)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_text(value: object, field: str, *, required: bool = False, max_length: int = 200) -> str | None:
    text = "" if value is None else str(value).strip()
    if text and text.isascii() and text.isprintable():  # most text: no NUL, no surrogate, no control character
        if len(text) > max_length:
            raise ValidationError(field, text[:40] + "…", _("is longer than {n} characters").format(n=max_length))
        return text
    if "\x00" in text:
        raise ValidationError(field, value, _("contains a NUL character"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes (a wrong encoding) arrive as lone surrogates
        raise ValidationError(field, text.encode("utf-8", "backslashreplace").decode("ascii")[:40],
                              _("is not valid text (wrong character encoding?)")) from None
    if not text:
        if required:
            raise ValidationError(field, value, _("is required"))
        return None
    unsafe = first_unsafe(text)
    if unsafe is not None:  # an escape, a form feed, a right-to-left override: invisible, and they break writers
        raise ValidationError(field, text.encode("ascii", "backslashreplace").decode("ascii")[:40],
                              _("contains an invisible control character ({code}) at position {n}; remove it")
                              .format(code=unsafe[1], n=unsafe[0]))
    if len(text) > max_length:
        raise ValidationError(field, text[:40] + "…", _("is longer than {n} characters").format(n=max_length))
    return text


# Codes that babel lists as territories but that are no country: unknown, EU, eurozone, UN, outlying Oceania.
_NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO"}
JOIN_AHEAD = dt.timedelta(days=366)  # a joining date further ahead is a typing error (2052 for 2025)


def country_codes() -> frozenset[str]:
    """ISO 3166 two-letter codes of real countries and territories (CLDR, through babel)."""
    global _COUNTRIES
    if _COUNTRIES is None:
        from babel import Locale

        _COUNTRIES = frozenset(k for k in Locale("en").territories
                               if len(k) == 2 and k.isalpha() and k not in _NOT_COUNTRIES)
    return _COUNTRIES


_COUNTRIES: frozenset[str] | None = None


def country(value: object, field: str = "country", *, default: str = "BE") -> str:
    """A two-letter country code that exists ('be' -> 'BE'); empty is `default`."""
    text = (clean_text(value, field, max_length=2) or default).upper()
    if len(text) != 2 or not (text.isascii() and text.isalpha()):
        raise ValidationError(field, value, _("must be a two-letter country code (BE, NL, ...)"))
    if text not in country_codes():
        raise ValidationError(field, value, _("is not a country code that exists (BE, NL, FR, DE, ...)"))
    return text


def belgian_postcode(value: object, field: str = "postcode") -> str | None:
    """A Belgian postcode: four digits from 1000 to 9999."""
    text = clean_text(value, field, max_length=16)
    if text is None:
        return None
    if not (len(text) == 4 and text.isascii() and text.isdigit() and 1000 <= int(text) <= 9999):
        raise ValidationError(field, text, _("is not a Belgian postcode (four digits, 1000 to 9999)"))
    return text


def ascii_digits(text: str, field: str) -> None:
    """Digits from another script ('١٢٣', '１２３') read as numbers in Python: refuse them in numbers."""
    odd = next((c for c in text if c.isdigit() and not ("0" <= c <= "9")), None)
    if odd is not None:
        raise ValidationError(field, text, _("uses the digit {digit!r} from another script; type the digits 0-9")
                              .format(digit=odd))


def not_far_ahead(value: dt.date | None, field: str, *, today: dt.date | None = None) -> dt.date | None:
    """A date that is at most a year ahead (a joining date of 2052 is a typing error)."""
    if value is not None and value > (today or dt.date.today()) + JOIN_AHEAD:
        raise ValidationError(field, value.isoformat(), _("lies more than a year ahead; check the year"))
    return value


def like_pattern(text: str) -> str:
    """A LIKE pattern (escape '\\') finding `text` anywhere, lower case: % and _ are what the user typed."""
    return "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def enterprise_number(value: object, field: str = "enterprise_number") -> str | None:
    """A Belgian enterprise number in any common form -> 10 digits ('0417497106'); None if empty."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if len(text) == 10 and text.isascii() and text.isdigit() and text[0] in "01" and int(text) > 0 \
            and (int(text[:-2]) + int(text[-2:])) % 97 == 0:
        return text  # already the ten digits stdnum would return (the check the importer repeats per row)
    try:
        return be_vat.validate(text)
    except StdnumError as exc:
        raise ValidationError(
            field, text, _("is not a valid Belgian enterprise number (10 digits, 0xxx.xxx.xxx, mod-97 check)")
        ) from exc


def peppol_id(value: object, field: str = "peppol_id") -> str | None:
    """A Peppol participant ID `scheme:identifier` (`0208:0417497106`); a 0208 ID is checked as an
    enterprise number. None if empty."""
    text = clean_text(value, field, max_length=100)
    if not text:
        return None
    scheme, sep, ident = text.replace(" ", "").partition(":")
    if not sep or not (len(scheme) == 4 and scheme.isdigit()) or not ident or not ident.isascii():
        raise ValidationError(field, text, _("must be a Peppol ID: a 4-digit scheme, a colon and the identifier "
                                             "(0208:0417497106)"))
    if scheme == "0208":
        ident = enterprise_number(ident, field)
    return f"{scheme}:{ident}"


def format_enterprise_number(number: str | None) -> str:
    if not number:
        return ""
    return f"{number[:4]}.{number[4:7]}.{number[7:]}"


def foreign_vat_number(value: object, field: str = "vat_number") -> str | None:
    """An EU VAT number with its country prefix ('NL004495445B01'); None if empty."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    try:
        return eu_vat.validate(text)
    except StdnumError as exc:
        raise ValidationError(field, text, _("is not a valid EU VAT number (country code and number)")) from exc


def structured_communication(value: object, field: str = "structured_communication") -> str:
    """'+++010/8068/17183+++' or the bare 12 digits -> '010806817183'."""
    text = "" if value is None else str(value)
    try:
        return ogm_vcs.validate(text)
    except StdnumError as exc:
        raise ValidationError(field, text, _("is not a valid structured communication (+++xxx/xxxx/xxxxx+++)")) from exc


def format_structured_communication(digits: str) -> str:
    return f"+++{ogm_vcs.format(digits)}+++"


def iban(value: object, field: str = "iban") -> str | None:
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    try:
        return stdnum_iban.validate(text)
    except StdnumError as exc:
        raise ValidationError(field, text, _("is not a valid IBAN")) from exc


def email(value: object, field: str = "email") -> str | None:
    text = clean_text(value, field)
    if text is None:
        return None
    if not _EMAIL.match(text):
        raise ValidationError(field, text, _("is not an e-mail address"))
    return text.lower()


MAIL_LANGUAGES = ("nl", "fr", "en")  # the languages the app writes letters and mailings in
LANGUAGE_NAMES = {  # what a spreadsheet writes in a language column
    "nederlands": "nl", "dutch": "nl", "vlaams": "nl", "neerlandais": "nl", "néerlandais": "nl",
    "frans": "fr", "french": "fr", "francais": "fr", "français": "fr",
    "engels": "en", "english": "en", "anglais": "en",
}


def language(value: object, field: str = "language") -> str | None:
    """A person's language as nl, fr or en ("NL", "fr-BE", "Nederlands", "Français" are fine); None when empty."""
    text = (clean_text(value, field) or "").lower().replace("_", "-")
    if not text:
        return None
    if text in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[text]
    if text[:2] not in MAIL_LANGUAGES or len(text) not in (2, 5):
        raise ValidationError(field, value, _("use nl, fr or en"))
    return text[:2]


def date_in_range(value: dt.date | None, field: str, *, required: bool = False) -> dt.date | None:
    if value is None:
        if required:
            raise ValidationError(field, value, _("is required"))
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise ValidationError(field, value, _("is not a date"))
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            field, value.isoformat(), _("must lie between {a} and {b}").format(a=EARLIEST_DATE.year, b=LATEST_DATE.year)
        )
    return value


def money(value: object, field: str, *, allow_negative: bool = False, required: bool = True,
          decimal_mark: str | None = None) -> Decimal | None:
    """Decimal with two places from a Decimal, int or text ('1.234,56', '1234.56'); never float.

    More than two decimals are refused, never rounded (a fee of 0.001 is a typing error). Text such
    as '1.500' is ambiguous in Belgium (a point groups thousands) and refused with both readings,
    unless `decimal_mark` ('.' or ',') says how the source writes numbers.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, value, _("is required"))
        return None
    if isinstance(value, float):
        raise ValidationError(field, value, _("must be given as an exact amount, not a float"))
    if isinstance(value, bool):
        raise ValidationError(field, value, _("is not an amount"))
    amount = (Decimal(value) if isinstance(value, Decimal | int)
              else parse_decimal_text(str(value), field, decimal_mark=decimal_mark))
    if not amount.is_finite():
        raise ValidationError(field, value, _("is not an amount"))
    if amount < 0 and not allow_negative:
        raise ValidationError(field, str(value), _("must not be negative"))
    if abs(amount) > MAX_AMOUNT:
        raise ValidationError(field, str(value), _("is too large"))
    cents = amount.quantize(Decimal("0.01"))
    if cents != amount:
        raise ValidationError(field, str(value), _("has more than two decimals; amounts are in euro and cent"))
    return cents


_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:([.,])\d{3})+$")  # 1.234 or 1,234,567: every group three digits


def parse_decimal_text(text: str, field: str, *, decimal_mark: str | None = None) -> Decimal:
    """Accept '1234.56', '1234,56', '1.234,56', '1,234.56', '€ 1 234,56', '1.234.567'.

    One point or comma followed by exactly three digits ('1.500') is ambiguous: a Belgian writes a
    thousand and five hundred so, an English export one and a half. It is refused with both
    readings, unless `decimal_mark` says which it is.
    """
    ascii_digits(text, field)
    cleaned = re.sub(r"[\s€]|EUR", "", text.strip(), flags=re.IGNORECASE).replace("\u00a0", "")
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned or "." in cleaned:
        mark = "," if "," in cleaned else "."
        grouped = _GROUPED.match(cleaned)
        if cleaned.count(mark) > 1 and grouped:  # 1.234.567: only a thousands separator repeats
            cleaned = cleaned.replace(mark, "")
        elif grouped and cleaned.lstrip("+-")[0] != "0" and decimal_mark != mark:
            if decimal_mark is None:
                whole, _sep, part = cleaned.partition(mark)
                cents = part.rstrip("0").ljust(2, "0")  # 1.500 read as decimals is 1,50
                raise ValidationError(field, text, _(
                    "is ambiguous: it can mean {thousands} (the {mark} groups thousands) or {whole},{part} "
                    "(the {mark} is the decimal sign); write {thousands} or {whole},{part}").format(
                    thousands=whole + part, mark=mark, whole=whole, part=cents))
            cleaned = cleaned.replace(mark, "")  # the source writes decimals with the other sign
        else:
            cleaned = cleaned.replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValidationError(field, text, _("is not an amount")) from exc


def make_structured_communication(year: int, sequence: int) -> str:
    """A unique 12-digit structured communication for the `sequence`-th fee call of `year`.

    The first 10 digits are the year's last two digits and an 8-digit sequence; the last two are
    the mod-97 check digits computed by python-stdnum.
    """
    if not 0 <= sequence < 10**8:
        raise ValueError(f"sequence out of range: {sequence}")
    base = f"{year % 100:02d}{sequence:08d}"
    return base + ogm_vcs.calc_check_digits(base)


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$", re.ASCII), ("d", "m", "y")),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$", re.ASCII), ("y", "m", "d")),
)


def parse_date_text(value: object, field: str, *, required: bool = False) -> dt.date | None:
    """A date from a date, or text as Belgians write it: '15/03/2021', '15-03-2021', '15.03.2021',
    or ISO '2021-03-15'. Day before month: a Belgian sheet never means March 15 by 03/15."""
    if isinstance(value, dt.datetime):
        return date_in_range(value.date(), field, required=required)
    if isinstance(value, dt.date):
        return date_in_range(value, field, required=required)
    text = "" if value is None else str(value).strip()
    if not text:
        return date_in_range(None, field, required=required)
    text = text.split("T")[0].split(" ")[0]
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            try:
                return date_in_range(dt.date(parts["y"], parts["m"], parts["d"]), field)
            except ValueError:
                break
    raise ValidationError(field, text, _("is not a date (use 31/12/2025 or 2025-12-31)"))
