"""What the register's search index costs a bulk write: members and contacts inserted by plain SQL.

Three ways in one run, on a fresh migrated database each time:
  floor      the search triggers dropped (what the inserts cost without any index upkeep),
  row by row the triggers as a single write (a form) meets them: each member's search row and
             full-text rows written per inserted row, again for each of its contacts,
  deferred   as the imports, the undo and the demo write (models/search.deferred_index): the triggers
             note the changed members, one set-based refill at the end.
Target: deferred <= 2x the floor (CPU). On PostgreSQL (--url) the work is the server's: read the walls.

    PYTHONPATH=$PWD python benchmarks/bench_search_index.py [--members 10000] [--runs 3] [--url URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clustermanager.db import open_database  # noqa: E402
from clustermanager.models import Contact, Member  # noqa: E402
from clustermanager.models.search import deferred_index  # noqa: E402

SQLITE_TRIGGERS = ("member_search_member_ai", "member_search_contact_ai", "member_search_fts_contact_ai",
                   "member_search_member_ai_later", "member_search_contact_ai_later")
POSTGRES_TRIGGERS = ("member_search_member ON member", "member_search_contact ON contact")


def rows(members: int) -> tuple[list[dict], list[dict]]:
    now = dt.datetime(2026, 1, 1)
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    towns = [("9000", "Gent"), ("2000", "Antwerpen"), ("3000", "Leuven"), ("8500", "Kortrijk")]
    ms = [dict(id=i, name=f"Bedrijf {i:06d} NV", kind="company", size_class=("micro", "small", "medium")[i % 3],
               enterprise_number=f"0{i:09d}", country="BE", postcode=towns[i % 4][0], municipality=towns[i % 4][1],
               joined_on=dt.date(2015, 1, 1) + dt.timedelta(days=i % 3000), einvoice_opt_out=False, **stamps)
          for i in range(1, members + 1)]
    cs = [dict(member_id=(j % members) + 1, first_name=("Jan", "An", "Élise", "Pieter")[j % 4],
               last_name=f"Peeters{j}", is_main=j < members, consent=False, **stamps) for j in range(2 * members)]
    return ms, cs


class Target:
    """A fresh database per run: a temporary SQLite file, or a new schema on a PostgreSQL server."""

    def __init__(self, url: str | None):
        self.url, self.folder = url, Path(tempfile.mkdtemp(prefix="cm-bench-search-"))

    def open(self):
        if self.url is None:
            path = self.folder / f"{uuid.uuid4().hex}.cmdb"
            return open_database(path), None
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        schema = f"bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        url = make_url(self.url).update_query_dict({"options": f"-csearch_path={schema}"})
        return open_database(url.render_as_string(hide_password=False)), (admin, schema)

    @staticmethod
    def drop(extra) -> None:
        if extra is not None:
            admin, schema = extra
            with admin.connect() as conn:
                conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
            admin.dispose()


def one_run(target: Target, mode: str, members: int) -> tuple[float, float]:
    db, extra = target.open()
    try:
        postgres = not db.is_sqlite
        if mode == "floor":
            with db.engine.begin() as conn:
                for name in POSTGRES_TRIGGERS if postgres else SQLITE_TRIGGERS:
                    conn.exec_driver_sql(f"DROP TRIGGER {name}")
        ms, cs = rows(members)
        wall, cpu = time.perf_counter(), time.process_time()
        with db.sessions() as session:
            if mode == "deferred":
                with deferred_index(session):
                    session.execute(insert(Member.__table__), ms)
                    session.execute(insert(Contact.__table__), cs)
            else:
                session.execute(insert(Member.__table__), ms)
                session.execute(insert(Contact.__table__), cs)
            session.commit()
        return time.perf_counter() - wall, time.process_time() - cpu
    finally:
        db.close()
        target.drop(extra)


def measure(members: int = 10_000, runs: int = 3, url: str | None = None,
            modes: tuple[str, ...] = ("floor", "row by row", "deferred")) -> dict[str, list[tuple[float, float]]]:
    target = Target(url)
    found: dict[str, list[tuple[float, float]]] = {mode: [] for mode in modes}
    for _ in range(runs):  # the modes in turn, so a burst of load on the machine hits each alike
        for mode in modes:
            gc.collect()
            found[mode].append(one_run(target, mode, members))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--url", default=None, help="a PostgreSQL server URL (a scratch schema is made and dropped)")
    parser.add_argument("--skip-row-by-row", action="store_true", help="leave out the slow row-by-row runs")
    args = parser.parse_args()
    modes = ("floor", "deferred") if args.skip_row_by_row else ("floor", "row by row", "deferred")
    found = measure(args.members, args.runs, args.url, modes)
    floor_wall = statistics.median(w for w, _c in found["floor"])
    floor_cpu = statistics.median(c for _w, c in found["floor"])
    print(f"{args.members:,} members + {2 * args.members:,} contacts inserted, {args.runs} runs, "
          f"{'PostgreSQL' if args.url else 'SQLite'}")
    for mode, pairs in found.items():
        walls, cpus = [w for w, _c in pairs], [c for _w, c in pairs]
        print(f"{mode:11s} wall median {statistics.median(walls):6.2f} s ({min(walls):.2f}-{max(walls):.2f}) "
              f"{statistics.median(walls) / floor_wall:5.2f}x   CPU median {statistics.median(cpus):6.2f} s "
              f"{statistics.median(cpus) / floor_cpu:5.2f}x")
    import os
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
