"""Run by tests/core/test_crash_safety.py in a child process that gets killed in the middle of its work.

`python -m tests.helpers.crash_helper DB N`: imports N members through the member service in one
transaction (like an importer), printing a line per 100 so the test knows it is mid-way.
`python -m tests.helpers.crash_helper DB fee-calls YEAR`: the year's fee-call run (services.fees.generate_calls).
`python -m tests.helpers.crash_helper DB statement FILE`: a bank-statement import (services.bank_import).
For these two, the process says `inserted into TABLE` once the first batch of rows went to the database
and then holds still inside the open transaction, so the kill lands mid-run even on a busy machine.
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from sqlalchemy import event

from clustermanager.db import Database, open_database
from clustermanager.services import bank_import, fees
from clustermanager.services import members as svc


def main(path: str, count: int) -> None:
    db = open_database(path)
    with db.session() as session:
        for i in range(count):
            svc.create_member(session, svc.MemberInput(
                name=f"Imported {i:06d} BV", kind="company", size_class="small", joined_on=dt.date(2024, 1, 1),
                municipality="Gent"))
            if i % 100 == 0:
                session.flush()
                print(i, flush=True)
    print("committed", flush=True)


def hold_after_first_insert(db: Database, table: str) -> None:
    """Once an INSERT into `table` has run, say so and wait to be killed (the transaction stays open)."""

    @event.listens_for(db.engine, "after_cursor_execute")
    def inserted(_conn, _cursor, statement, _params, _context, _executemany):
        if statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()} "):
            print(f"inserted into {table}", flush=True)
            time.sleep(120)


def run_job(path: str, job: str, arg: str) -> None:
    db = open_database(path)
    table = {"fee-calls": "fee_call", "statement": "payment"}[job]
    hold_after_first_insert(db, table)
    with db.session() as session:
        if job == "fee-calls":
            fees.generate_calls(session, int(arg), issued_on=dt.date(int(arg), 1, 15))
        else:
            bank_import.import_statement(session, arg)
    print("committed", flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 4:
        run_job(*sys.argv[1:4])
    else:
        main(sys.argv[1], int(sys.argv[2]))
