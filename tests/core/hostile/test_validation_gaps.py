"""Values that looked fine but were not (issue 16, point 13): each gets a clear message naming the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clustermanager import validation as v
from clustermanager.errors import ValidationError
from clustermanager.services import cluster
from clustermanager.services import members as svc


def _member(**fields):
    return svc.MemberInput(**{"name": "Gap NV", "kind": "company", "joined_on": dt.date(2020, 1, 1), **fields})


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"country": "XX"}, "country", "exists"),
    ({"country": "ZZ"}, "country", "exists"),
    ({"postcode": "0999"}, "postcode", "1000 to 9999"),
    ({"postcode": "12345"}, "postcode", "1000 to 9999"),
    ({"postcode": "٣٠٠٠"}, "postcode", "1000 to 9999"),  # Arabic-Indic digits
    ({"joined_on": dt.date.today() + dt.timedelta(days=3 * 365)}, "joined_on", "year ahead"),
])
def test_a_member_that_cannot_be_right_is_refused(db, fields, field, words):
    with db.session() as s, pytest.raises(ValidationError) as caught:
        svc.create_member(s, _member(**fields))
    problem = next(p for p in caught.value.problems if p.field == field)
    assert words in problem.message


def test_real_codes_and_foreign_postcodes_are_fine(db):
    with db.session() as s:
        svc.create_member(s, _member(name="NL BV", country="nl", postcode="1012 AB"))
        svc.create_member(s, _member(name="Gent NV", country="BE", postcode="9000"))
        svc.create_member(s, _member(name="Soon NV", joined_on=dt.date.today() + dt.timedelta(days=90)))


def test_a_subsidy_larger_than_the_budget_is_refused(db):
    with db.session() as s, pytest.raises(ValidationError) as caught:
        cluster.set_year(s, 2025, Decimal("1000"), Decimal("1500"))
    assert caught.value.problems[0].field == "subsidy"


@pytest.mark.parametrize("text", ["0.001", "١٢٣", "１２,５０", "12,5٠"])
def test_fees_of_a_tenth_of_a_cent_and_digits_of_other_scripts_are_refused(text):
    with pytest.raises(ValidationError) as caught:
        v.money(text, "amount")
    assert caught.value.problems[0].field == "amount"


def test_dates_in_other_scripts_digits_are_refused():
    with pytest.raises(ValidationError):
        v.parse_date_text("١٥/٠٣/٢٠٢٥", "joined_on")
