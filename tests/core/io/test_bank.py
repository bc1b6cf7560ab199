"""The statement readers on their own: format detection, communications in free text, record checks."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from clustermanager.errors import FileFormatError
from clustermanager.io import bank
from clustermanager.io.bank import camt053, coda

DATA = Path(__file__).parents[2] / "data" / "bank"


@pytest.mark.parametrize(("text", "expected"), [
    ("+++250/0000/00186+++", "250000000186"),
    ("Lidgeld ***250/0000/00186*** dank", "250000000186"),
    ("factuur 250/0000/00186", "250000000186"),
    ("250000000186", "250000000186"),
    ("+++250/0000/00187+++", None),  # wrong check digits
    ("account 250000000186 in a sentence", None),  # bare digits inside text are not trusted
    (None, None),
])
def test_structured_communication_found_in_free_text(text, expected):
    assert bank.structured_in_text(text) == expected


def test_format_detection():
    assert bank.detect_format((DATA / "statement.cod").read_bytes()) == bank.CODA
    assert bank.detect_format((DATA / "statement.xml").read_bytes()) == bank.CAMT053
    assert bank.detect_format(b"<html></html>") is None
    assert bank.detect_format(b"name;amount\n") is None


def test_coda_reads_movements_counterparties_and_unique_references():
    statement = coda.parse((DATA / "statement.cod").read_bytes())
    assert statement.account == "BE71096123456769" and len(statement.lines) == 4
    first = statement.lines[0]
    assert (first.amount, first.structured_communication, first.counterparty_name, first.counterparty_iban) == (
        Decimal("1210.00"), "250000000186", "ACME NV", "BE62510007547061")
    assert statement.lines[3].amount == Decimal("-45.00") and len(statement.credits) == 3
    assert len({line.bank_reference for line in statement.lines}) == 4


def test_coda_record_too_long_names_the_line():
    lines = (DATA / "statement.cod").read_text(encoding="cp1252").splitlines()
    lines[2] += "XX"
    with pytest.raises(FileFormatError, match="line 3: a CODA record has 128 characters"):
        coda.parse("\n".join(lines).encode("cp1252"))


def test_camt_skips_pending_entries_and_splits_batches():
    statement = camt053.parse((DATA / "statement.xml").read_bytes())
    assert [line.amount for line in statement.lines] == [Decimal("1210.00"), Decimal("1000.00"), Decimal("250.00"),
                                                         Decimal("-45.00")]
    assert statement.lines[1].structured_communication == "250000000287"  # typed in the free text
    assert all(line.bank_reference.startswith("camt:BE71096123456769:CAMT-") for line in statement.lines)


def test_camt_053_version_8_layout():
    xml = b"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
 <BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId></GrpHdr>
  <Stmt><Id>S-2026-7</Id><Acct><Id><IBAN>BE71096123456769</IBAN></Id></Acct>
   <Ntry><Amt Ccy="EUR">963.16</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
    <BookgDt><DtTm>2026-04-02T10:15:00+02:00</DtTm></BookgDt>
    <NtryDtls><TxDtls><Refs><AcctSvcrRef>TX-9</AcctSvcrRef></Refs>
     <RltdPties><Dbtr><Pty><Nm>Artemotion Consult BV</Nm></Pty></Dbtr></RltdPties>
     <RmtInf><Strd><CdtrRefInf><Ref>+++250/0000/07866+++</Ref></CdtrRefInf></Strd></RmtInf>
    </TxDtls></NtryDtls></Ntry>
  </Stmt></BkToCstmrStmt></Document>"""
    [line] = camt053.parse(xml).lines
    assert (line.amount, line.counterparty_name, line.structured_communication, line.booked_on.isoformat()) == (
        Decimal("963.16"), "Artemotion Consult BV", "250000007866", "2026-04-02")
    assert line.bank_reference == "camt:BE71096123456769:S-2026-7:1:1"  # no entry reference: statement + position


def test_camt_with_an_unknown_encoding_is_refused_on_line_1():
    data = (DATA / "statement.xml").read_bytes().replace(b'encoding="UTF-8"', b'encoding="UTF-Z"', 1)
    assert b"UTF-Z" in data
    with pytest.raises(FileFormatError, match="line 1: .*unknown encoding"):
        camt053.parse(data)


@pytest.mark.parametrize("amount", ["1e30", "99999999999999.00"])
def test_camt_amount_beyond_an_amount_column_names_its_line(amount):
    data = (DATA / "statement.xml").read_bytes().replace(b'<Amt Ccy="EUR">1210.00</Amt>',
                                                         f'<Amt Ccy="EUR">{amount}</Amt>'.encode(), 1)
    with pytest.raises(FileFormatError, match=r"line \d+: .*too large"):
        camt053.parse(data)


def test_coda_amount_beyond_an_amount_column_names_its_line():
    lines = (DATA / "statement.cod").read_text(encoding="cp1252").splitlines()
    lines[2] = lines[2][:32] + "9" * 15 + lines[2][47:]  # the first movement: 999,999,999,999.999
    with pytest.raises(FileFormatError, match="line 3: .*too large"):
        coda.parse("\n".join(lines).encode("cp1252"))
