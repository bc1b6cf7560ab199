"""camt.053 statements are checked as CODA ones are; UTF-16 ones are read (issue 16, points 11 and 14)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from clustermanager.errors import FileFormatError
from clustermanager.io.bank import camt053, parse_statement

DATA = Path(__file__).resolve().parents[2] / "data" / "bank"
STATEMENT = (DATA / "statement.xml").read_bytes()
BOOKED = Decimal("1210.00") + Decimal("1250.00") - Decimal("45.00")  # the booked entries of statement.xml


def _closing(amount: Decimal) -> bytes:
    balance = (f'<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{amount}</Amt>'
               f'<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2025-03-31</Dt></Dt></Bal>\n      <Ntry>').encode()
    return STATEMENT.replace(b"<Ntry>", balance, 1)


def test_entry_details_that_do_not_add_up_to_the_entry_are_refused_on_its_line():
    data = STATEMENT.replace(b'<Amt Ccy="EUR">1250.00</Amt>', b'<Amt Ccy="EUR">10.00</Amt>', 1)
    line = STATEMENT[:STATEMENT.index(b'<Amt Ccy="EUR">1250.00</Amt>')].count(b"\n")  # the <Ntry> line above
    with pytest.raises(FileFormatError, match="10.00 EUR has details adding up to 1250.00") as caught:
        camt053.parse(data)
    assert caught.value.row == line


def test_a_closing_balance_that_does_not_follow_is_refused():
    assert len(camt053.parse(_closing(Decimal("1000.00") + BOOKED)).lines) == 4  # the right one is fine
    with pytest.raises(FileFormatError, match="closing balance 9999.00 does not follow"):
        camt053.parse(_closing(Decimal("9999.00")))


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_a_utf16_camt_file_is_read(tmp_path, codec):
    text = STATEMENT.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    path = tmp_path / "statement.xml"
    path.write_bytes(text.encode(codec))
    assert len(parse_statement(path).lines) == 4


def test_utf16_text_that_is_no_statement_says_what_it_is(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_bytes("naam\tbedrag\nZoë\t12,50\n".encode("utf-16"))
    with pytest.raises(FileFormatError, match="UTF-16 text but neither"):
        parse_statement(path)
