"""Times the fee jobs on a large synthetic cluster: generate calls, totals, overdue, self-funding, import.

    PYTHONPATH=. python benchmarks/bench_fees.py [--members 100000]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from clustermanager.db import open_database
from clustermanager.demo import generate_demo
from clustermanager.services import bank_import, fees, self_funding


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:<45} {time.perf_counter() - start:8.2f} s")
    return result


def camt_statement(calls: list[fees.FeeCallRow]) -> str:
    entries = "".join(
        f"<Ntry><Amt Ccy=\"EUR\">{c.outstanding}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
        f"<BookgDt><Dt>2026-03-01</Dt></BookgDt><AcctSvcrRef>BENCH-{c.id}</AcctSvcrRef><NtryDtls><TxDtls>"
        f"<RmtInf><Strd><CdtrRefInf><Ref>{c.structured_communication}</Ref></CdtrRefInf></Strd></RmtInf>"
        f"</TxDtls></NtryDtls></Ntry>\n" for c in calls)
    return ('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
            f"<BkToCstmrStmt><Stmt><Id>BENCH</Id>{entries}</Stmt></BkToCstmrStmt></Document>")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.cmdb")
        with db.session() as s:
            timed(f"demo with {args.members} members", lambda: generate_demo(s, members=args.members, seed=1,
                                                                               year=2025))
        with db.session() as s:
            fees.copy_schedule(s, 2025, 2026, Decimal("3"))
            result = timed("generate_calls (new year)", lambda: fees.generate_calls(s, 2026,
                                                                                   issued_on=dt.date(2026, 2, 1)))
            print(f"  {len(result.created)} calls created")
        with db.session() as s:
            timed("generate_calls again (nothing to add)", lambda: fees.generate_calls(s, 2026))
            timed("year_totals 2025", lambda: fees.year_totals(s, 2025))
            timed("self_funding 2025", lambda: self_funding.self_funding(s, 2025))
            overdue = timed("overdue_calls (all years)", lambda: fees.overdue_calls(s))
            print(f"  {len(overdue)} overdue")
            calls = fees.list_calls(s, year=2026)[:5000]
        path = Path(folder) / "statement.xml"
        path.write_text(camt_statement(calls), encoding="utf-8")
        with db.session() as s:
            r = timed(f"import camt.053 with {len(calls)} entries", lambda: bank_import.import_statement(s, path))
            print(f"  {r.summary}")
        with db.session() as s:
            timed("re-import the same statement", lambda: bank_import.import_statement(s, path))
        db.close()


if __name__ == "__main__":
    main()
