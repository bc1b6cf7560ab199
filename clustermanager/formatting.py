"""Numbers, amounts, percentages and dates as people in each language write them (Babel underneath).

Every function takes the language explicitly (`"en"`, `"nl"`, `"fr"`) or, with None, the app's
current one: a report is formatted in the language chosen for that export, whatever the app runs in.
Belgian practice (and issue 9): `1.234,56 EUR` in Dutch and in French (CLDR's fr_BE would group
thousands with a narrow space, which most Belgian invoices and spreadsheets do not); dates `31/12/2025`.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

from clustermanager.i18n import LANGUAGES, current_language

LOCALES = {"en": "en_IE", "nl": "nl_BE", "fr": "fr_BE"}  # en_IE: English with euros and day/month/year
_NUMBER_LOCALES = {"en": "en_IE", "nl": "nl_BE", "fr": "nl_BE"}  # point for thousands, comma for decimals
_PERCENT_SPACE = {"en": "", "nl": "", "fr": "\u00a0"}  # French typography: a non-breaking space before %
CENT = Decimal("0.01")


def _language(lang: str | None) -> str:
    lang = lang or current_language()
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {sorted(LANGUAGES)}")
    return lang


def _exact(value) -> Decimal:
    if isinstance(value, float):  # money and counts are exact; a float here is a bug upstream
        raise TypeError("format an exact Decimal or int, not a float")
    return Decimal(value)


_SEPARATORS: dict[str, dict[int, str]] = {}


def _fixed(value: Decimal, decimals: int, lang: str) -> str:
    """An already rounded `value` grouped by thousands with exactly `decimals` digits, in the symbols
    Babel gives the language's number locale: what `format_decimal(value, "#,##0.00")` writes, without
    parsing the pattern for every amount (a report's PDF formats some 15,000 of them)."""
    table = _SEPARATORS.get(lang)
    if table is None:
        locale = _NUMBER_LOCALES[lang]
        table = _SEPARATORS[lang] = str.maketrans({",": get_group_symbol(locale), ".": get_decimal_symbol(locale),
                                                   "-": get_minus_sign_symbol(locale)})
    return f"{value:,.{decimals}f}".translate(table)


def format_money(amount: Decimal | int, lang: str | None = None, currency: str = "EUR") -> str:
    """`1.234,56 EUR` (nl, fr), `1,234.56 EUR` (en); cents rounded half up."""
    lang = _language(lang)
    cents = _exact(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{_fixed(cents, 2, lang)} {currency}"


def format_number(value: Decimal | int, lang: str | None = None, decimals: int | None = None) -> str:
    """`1.234.567` / `12,5`; with `decimals`, exactly that many digits after the comma."""
    lang = _language(lang)
    value = _exact(value)
    if decimals is None:
        return format_decimal(value, format="#,##0.###", locale=_NUMBER_LOCALES[lang])
    return _fixed(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), decimals, lang)


def format_percent(fraction: Decimal | int, lang: str | None = None, decimals: int | None = 0) -> str:
    """A fraction as a percentage: 0.125 -> `13%` (nl, en), `13 %` (fr); `12,5%` with decimals=1;
    decimals=None: the digits there are (a VAT rate of 5.5 -> `5,5%`)."""
    lang = _language(lang)
    return format_number(_exact(fraction) * 100, lang, decimals) + _PERCENT_SPACE[lang] + "%"


def format_vat_rate(rate_percent: Decimal | int, lang: str | None = None) -> str:
    """A VAT rate given in percent, with its decimals only if it has any: 21 -> `21%` (French `21 %`),
    5.5 -> `5,5%`. The one format of a rate on screens, invoices and the command line."""
    return format_percent(_exact(rate_percent) / 100, lang, decimals=None)


def format_date(value: dt.date, lang: str | None = None, style: str = "short") -> str:
    """`short`: 05/03/2026 in every language; `medium`/`long`/`full`: the language's own (`5 maart 2026`)."""
    lang = _language(lang)
    if isinstance(value, dt.datetime):
        value = value.date()
    if style == "short":
        return value.strftime("%d/%m/%Y")
    return _babel_date(value, format=style, locale=LOCALES[lang])
