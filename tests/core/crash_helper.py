"""Run by tests/core/test_crash_safety.py in a child process that gets killed in the middle of its work.

`python -m tests.core.crash_helper DB N`: imports N members through the member service in one
transaction (like an importer), printing a line per 100 so the test knows it is mid-way.
"""

from __future__ import annotations

import datetime as dt
import sys

from clustermanager.db import open_database
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


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
