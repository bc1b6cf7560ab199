"""Writes the sample statements in this folder from the published layouts (run it to refresh them).

CODA 2.6 (Febelfin, "Standard CODA"): 128-character records. camt.053.001.02 (ISO 20022).
The fee calls they pay are the ones tests/core/feeworld.py generates for 2025: Acme NV
+++250/0000/00186+++ (1,210.00) and Big NV +++250/0000/00287+++ (3,630.00).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
IBAN = "BE71096123456769"


def record(*fields: tuple[int, str]) -> str:
    """Place (1-based position, text) fields in a 128-character record."""
    line = [" "] * 128
    for pos, text in fields:
        line[pos - 1:pos - 1 + len(text)] = list(text)
    assert len(line) == 128, fields
    return "".join(line)


def amount(sign: str, cents: int) -> str:
    return sign + f"{cents * 10:015d}"  # 3 decimals


def movement(seq: int, ref: str, cents: int, structured: str | None, text: str, name: str, iban: str,
             date: str = "100325") -> list[str]:
    sign = "0" if cents > 0 else "1"
    comm = ("1" + "101" + structured).ljust(54) if structured else ("0" + text[:53]).ljust(54)
    s = f"{seq:04d}0000"
    return [
        record((1, "21"), (3, s), (11, ref.ljust(21)), (32, amount(sign, abs(cents))), (48, date),
               (54, "00150000" if cents > 0 else "13370000"), (62, comm), (116, date), (122, "012"), (125, "0"),
               (126, "1"), (128, "0")),
        record((1, "22"), (3, s), (11, (text[53:] if not structured else "").ljust(53)), (99, "GKCCBEBB"),
               (126, "1"), (128, "0")),
        record((1, "23"), (3, s), (11, iban.ljust(34) + "EUR"), (48, name.ljust(35)), (126, "0"), (128, "0")),
    ]


def coda(movements: list[list[str]], old_cents: int, *, trailer_fix: int = 0) -> str:
    moves = [r for m in movements for r in m]
    amounts = [int(m[0][32:47]) // 10 * (1 if m[0][31] == "0" else -1) for m in movements]
    credit, debit = sum(a for a in amounts if a > 0), -sum(a for a in amounts if a < 0)
    new = old_cents + credit - debit
    account = IBAN.ljust(31) + "   EUR"
    lines = [
        record((1, "00000"), (6, "100325"), (12, "725"), (15, "05"), (25, "0000000012"),
               (35, "TEST CLUSTER VZW".ljust(26)), (61, "KREDBEBB   "), (72, "00417497106"), (84, "00000"),
               (128, "2")),
        record((1, "12"), (3, "012"), (6, account), (43, amount("0", old_cents)), (59, "090325"),
               (65, "TEST CLUSTER VZW".ljust(26)), (91, "Zichtrekening"), (126, "012")),
        *moves,
        record((1, "4 00010000"), (33, "Thank you for banking with us")),
        record((1, "8012"), (5, account), (42, amount("0", new)), (58, "100325"), (128, "0")),
    ]
    count = sum(1 for r in lines if r[0] in "1238")
    lines.append(record((1, "9"), (17, f"{count:06d}"), (23, f"{debit * 10:015d}"),
                        (38, f"{(credit + trailer_fix) * 10:015d}"), (128, "2")))
    return "\r\n".join(lines) + "\r\n"


MOVES = [
    movement(1, "REF0000000000001", 121000, "250000000186", "", "ACME NV", "BE62510007547061"),
    movement(2, "REF0000000000002", 100000, None, "Lidgeld 2025 +++250/0000/00287+++ deel 1", "BIG NV",
             "BE43068999999501"),
    movement(3, "REF0000000000003", 25000, None, "Membership fee Foo BV, invoice missing", "FOO BV",
             "BE56001234567888"),
    movement(4, "REF0000000000004", -4500, None, "Bank charges March", "", ""),
]


def camt(entries: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>STMT-2025-03-10</MsgId>
      <CreDtTm>2025-03-10T18:00:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>2025-012</Id>
      <ElctrncSeqNb>12</ElctrncSeqNb>
      <CreDtTm>2025-03-10T18:00:00</CreDtTm>
      <Acct>
        <Id><IBAN>{IBAN}</IBAN></Id>
        <Ccy>EUR</Ccy>
      </Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">1000.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2025-03-09</Dt></Dt>
      </Bal>
{entries}    </Stmt>
  </BkToCstmrStmt>
</Document>
"""


def ntry(ref: str, amt: str, ind: str, details: str, status: str = "BOOK") -> str:
    return f"""      <Ntry>
        <Amt Ccy="EUR">{amt}</Amt>
        <CdtDbtInd>{ind}</CdtDbtInd>
        <Sts>{status}</Sts>
        <BookgDt><Dt>2025-03-10</Dt></BookgDt>
        <ValDt><Dt>2025-03-10</Dt></ValDt>
        <AcctSvcrRef>{ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
{details}        </NtryDtls>
      </Ntry>
"""


def tx(name: str, iban: str, remittance: str, amt: str | None = None) -> str:
    amount_xml = f'<AmtDtls><TxAmt><Amt Ccy="EUR">{amt}</Amt></TxAmt></AmtDtls>' if amt else ""
    return f"""          <TxDtls>
            {amount_xml}
            <RltdPties>
              <Dbtr><Nm>{name}</Nm></Dbtr>
              <DbtrAcct><Id><IBAN>{iban}</IBAN></Id></DbtrAcct>
            </RltdPties>
            <RmtInf>{remittance}</RmtInf>
          </TxDtls>
"""


STRD = ("<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp>"
        "<Ref>{}</Ref></CdtrRefInf></Strd>")
CAMT_ENTRIES = (
    ntry("CAMT-0001", "1210.00", "CRDT", tx("ACME NV", "BE62510007547061", STRD.format("250000000186")))
    + ntry("CAMT-0002", "1250.00", "CRDT",
           tx("BIG NV", "BE43068999999501", "<Ustrd>Lidgeld 2025 250/0000/00287</Ustrd>", "1000.00")
           + tx("FOO BV", "BE56001234567888", "<Ustrd>Membership Foo BV</Ustrd>", "250.00"))
    + ntry("CAMT-0003", "45.00", "DBIT", tx("KBC", "BE71096123456769", "<Ustrd>Bank charges</Ustrd>"))
    + ntry("CAMT-0004", "99.00", "CRDT", tx("PENDING BV", "BE56001234567888", "<Ustrd>pending</Ustrd>"), "PDNG")
)


def main() -> None:
    good = coda(MOVES, 100000)
    write("statement.cod", good)
    lines = good.split("\r\n")
    bad_amount = lines.copy()
    bad_amount[5] = bad_amount[5][:40] + "12X4" + bad_amount[5][44:]  # line 6: the 2nd movement's 2.1
    write("bad_amount.cod", "\r\n".join(bad_amount))
    write("bad_totals.cod", coda(MOVES, 100000, trailer_fix=1))
    write("no_trailer.cod", "\r\n".join(lines[:-2]) + "\r\n")
    write("statement.xml", camt(CAMT_ENTRIES))
    write("not_well_formed.xml", camt(CAMT_ENTRIES).replace("</CdtDbtInd>", "</CdtDbtIndX>", 3))
    write("entities.xml", '<?xml version="1.0"?>\n<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa">'
          '<!ENTITY b "&a;&a;&a;&a;&a;">]>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
          "<BkToCstmrStmt><Stmt><Id>&b;</Id></Stmt></BkToCstmrStmt></Document>\n")
    write("missing_amount.xml", camt(CAMT_ENTRIES.replace('<Amt Ccy="EUR">1250.00</Amt>', "", 1)))


def write(name: str, text: str) -> None:
    (HERE / name).write_bytes(text.encode("utf-8" if name.endswith(".xml") else "cp1252"))


if __name__ == "__main__":
    main()
