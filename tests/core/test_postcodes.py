"""The province follows from a Belgian postcode when left empty; a foreign postcode leaves it empty."""

import datetime as dt

import pytest

from clustermanager.postcodes import province_for_postcode
from clustermanager.services import members


@pytest.mark.parametrize(("postcode", "country", "province"), [
    ("9000", "BE", "Oost-Vlaanderen"), ("B-8500", "BE", "West-Vlaanderen"), ("1050", "BE", "Brussels Hoofdstedelijk Gewest"),
    ("1348", "BE", "Brabant wallon"), ("1800", "BE", "Vlaams-Brabant"), ("3001", "BE", "Vlaams-Brabant"),
    ("3600", "BE", "Limburg"), ("2440", "BE", "Antwerpen"), ("4000", "BE", "Liège"), ("5000", "BE", "Namur"),
    ("6700", "BE", "Luxembourg"), ("6000", "BE", "Hainaut"), ("7000", "BE", "Hainaut"),
    ("5611", "NL", None), ("59000", "FR", None), ("900", "BE", None), ("abcd", "BE", None), (None, "BE", None),
])
def test_province_for_postcode(postcode, country, province):
    assert province_for_postcode(postcode, country) == province


def test_a_member_without_province_gets_it_from_its_postcode(session):
    def add(name, postcode, country="BE", province=None):
        return members.create_member(session, members.MemberInput(
            name=name, kind="company", size_class="small", joined_on=dt.date(2024, 1, 1), postcode=postcode,
            country=country, province=province))

    assert add("Gent BV", "9052").province == "Oost-Vlaanderen"
    assert add("Eindhoven BV", "5611", "NL").province is None
    assert add("Own choice BV", "9000", province="Vlaanderen").province == "Vlaanderen"  # what was given stays
