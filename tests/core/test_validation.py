import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clustermanager import validation as v
from clustermanager.errors import ValidationError


@pytest.mark.parametrize("text", ["0417.497.106", "BE 0417 497 106", "417497106", "BE0417497106", " 0417497106 "])
def test_enterprise_number_in_every_common_form(text):
    assert v.enterprise_number(text) == "0417497106"
    assert v.format_enterprise_number("0417497106") == "0417.497.106"


def test_invalid_enterprise_number_names_field_and_value():
    with pytest.raises(ValidationError) as err:
        v.enterprise_number("0417.497.107")
    assert err.value.field == "enterprise_number"
    assert "0417.497.107" in str(err.value)


def test_structured_communication_made_and_checked_by_stdnum():
    digits = v.make_structured_communication(2025, 42)
    assert len(digits) == 12 and digits.startswith("2500000042")
    assert v.structured_communication(v.format_structured_communication(digits)) == digits
    with pytest.raises(ValidationError):
        v.structured_communication("+++250/0000/04200+++")


@given(st.integers(min_value=2000, max_value=2099), st.integers(min_value=0, max_value=10**8 - 1))
def test_every_generated_communication_is_valid(year, seq):
    assert v.structured_communication(v.make_structured_communication(year, seq))


@pytest.mark.parametrize(("text", "expected"), [
    ("1234.56", "1234.56"), ("1234,56", "1234.56"), ("1.234,56", "1234.56"), ("1,234.56", "1234.56"),
    ("€ 1 234,56", "1234.56"), ("12", "12.00"), (Decimal("3.45"), "3.45"), (7, "7.00"), ("1.234.567", "1234567.00"),
    ("1.5", "1.50"), ("0,12", "0.12"),
])
def test_money_parses_belgian_and_english_forms(text, expected):
    assert v.money(text, "amount") == Decimal(expected)


@pytest.mark.parametrize(("text", "thousands", "decimals"), [("1.500", "1500", "1,50"), ("1.234", "1234", "1,234"),
                                                             ("1,500", "1500", "1,50")])
def test_a_point_or_comma_before_three_digits_is_ambiguous_and_shows_both_readings(text, thousands, decimals):
    """In Belgian writing '1.500' is fifteen hundred; an English export means one and a half (issue 16, 7)."""
    with pytest.raises(ValidationError) as err:
        v.money(text, "amount")
    assert err.value.field == "amount" and thousands in str(err.value) and decimals in str(err.value)


def test_the_source_language_settles_an_ambiguous_amount():
    assert v.money("1.500", "amount", decimal_mark=",") == Decimal("1500.00")
    assert v.money("1,500", "amount", decimal_mark=",") == Decimal("1.50")
    assert v.money("1.500", "amount", decimal_mark=".") == Decimal("1.50")


@pytest.mark.parametrize("bad", ["0.001", "0,125", "12,5055", Decimal("3.455"), Decimal("1e-30")])
def test_more_than_two_decimals_are_refused_not_rounded(bad):
    with pytest.raises(ValidationError, match="more than two decimals"):
        v.money(bad, "amount")


@pytest.mark.parametrize("bad", ["-5", "abc", "1e400", "99999999999"])
def test_money_refuses_negative_absurd_and_garbage(bad):
    with pytest.raises(ValidationError) as err:
        v.money(bad, "amount")
    assert err.value.field == "amount"


def test_money_refuses_float():
    with pytest.raises(ValidationError, match="float"):
        v.money(0.1, "amount")


@pytest.mark.parametrize(("text", "expected"), [
    ("15/03/2021", dt.date(2021, 3, 15)), ("2021-03-15", dt.date(2021, 3, 15)), ("15.03.2021", dt.date(2021, 3, 15)),
    ("15-3-2021", dt.date(2021, 3, 15)), (dt.datetime(2021, 3, 15, 10, 0), dt.date(2021, 3, 15)),
])
def test_dates_as_belgians_write_them(text, expected):
    assert v.parse_date_text(text, "joined_on") == expected


@pytest.mark.parametrize("bad", ["31/02/2021", "yesterday", "1850-01-01", "9999-01-01"])
def test_bad_dates_are_refused(bad):
    with pytest.raises(ValidationError) as err:
        v.parse_date_text(bad, "joined_on")
    assert err.value.field == "joined_on"


def test_email_and_iban():
    assert v.email(" Jan@Example.BE ") == "jan@example.be"
    with pytest.raises(ValidationError):
        v.email("jan.example.be")
    assert v.iban("BE71 0961 2345 6769") == "BE71096123456769"
    with pytest.raises(ValidationError):
        v.iban("BE71 0961 2345 6768")


def test_foreign_vat():
    assert v.foreign_vat_number("NL 004495445 B01") == "NL004495445B01"
    with pytest.raises(ValidationError):
        v.foreign_vat_number("NL004495446B01")
