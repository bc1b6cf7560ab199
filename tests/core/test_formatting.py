"""Amounts, numbers, percentages and dates per language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clustermanager import i18n
from clustermanager.formatting import (
    format_date,
    format_money,
    format_number,
    format_percent,
    format_vat_rate,
)


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "1.234,56 EUR"), ("fr", "1.234,56 EUR"), ("en", "1,234.56 EUR"),
])
def test_money_follows_the_language(lang, expected):
    assert format_money(Decimal("1234.56"), lang) == expected


def test_money_is_rounded_half_up_to_cents_and_keeps_its_sign():
    assert format_money(Decimal("0.005"), "nl") == "0,01 EUR"
    assert format_money(Decimal("-1234567.8"), "fr") == "-1.234.567,80 EUR"
    assert format_money(250, "nl") == "250,00 EUR"


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        format_money(12.5, "nl")


def test_numbers_and_percentages():
    assert format_number(1234567, "nl") == "1.234.567"
    assert format_number(Decimal("12.5"), "fr") == "12,5"
    assert format_number(Decimal("2.345"), "en", decimals=2) == "2.35"
    assert format_number(Decimal("7"), "nl", decimals=0) == "7"
    assert format_percent(Decimal("0.125"), "nl") == "13%"
    assert format_percent(Decimal("0.125"), "fr", decimals=1) == "12,5\u00a0%"
    assert format_percent(Decimal("0.5"), "en") == "50%"


def test_dates_short_and_long():
    day = dt.date(2026, 3, 5)
    assert {lang: format_date(day, lang) for lang in ("en", "nl", "fr")} == dict.fromkeys(("en", "nl", "fr"),
                                                                                          "05/03/2026")
    assert format_date(day, "nl", "long") == "5 maart 2026"
    assert format_date(day, "fr", "long") == "5 mars 2026"
    assert format_date(dt.datetime(2026, 3, 5, 14, 0), "en", "long") == "5 March 2026"


def test_without_a_language_the_apps_language_is_used():
    try:
        i18n.set_language("fr")
        assert format_date(dt.date(2026, 12, 1), style="long") == "1 décembre 2026"
        assert format_money(Decimal("1000")) == "1.000,00 EUR"
    finally:
        i18n.set_language("en")


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language"):
        format_money(Decimal(1), "de")


def test_vat_rates_keep_only_the_decimals_they_have():
    assert format_vat_rate(Decimal("21.00"), "nl") == "21%"
    assert format_vat_rate(Decimal("5.50"), "nl") == "5,5%"
    assert format_vat_rate(Decimal("5.5"), "en") == "5.5%"
    assert format_vat_rate(Decimal("6"), "fr") == "6\u00a0%"
    assert format_vat_rate(0, "nl") == "0%"


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_amounts_and_fixed_decimals_are_written_as_babel_writes_them(lang):
    """format_money and format_number(decimals=N) group and separate without Babel's pattern machinery
    (the PDF formats thousands of amounts); they must write exactly what Babel writes for the same
    rounded value, negatives, zero, -0 and large numbers included."""
    import random

    from babel.numbers import format_decimal

    from clustermanager.formatting import _NUMBER_LOCALES, CENT

    rng = random.Random(19)
    values = [Decimal(v) for v in ("0", "-0", "-0.004", "0.005", "999.995", "-1234.565", "1E+3", "12345678901.23")]
    values += [Decimal(rng.randint(-10**12, 10**12)).scaleb(-rng.randint(0, 4)) for _ in range(400)]
    locale = _NUMBER_LOCALES[lang]
    for value in values:
        cents = value.quantize(CENT, rounding="ROUND_HALF_UP")
        assert format_money(value, lang) == format_decimal(cents, format="#,##0.00", locale=locale) + " EUR", value
        for decimals in (0, 1, 3):
            rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
            assert format_number(value, lang, decimals) == format_decimal(rounded, format=pattern, locale=locale)
