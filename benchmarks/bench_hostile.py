"""How fast hostile files are refused, and what opening a database's integrity check costs.

    PYTHONPATH=$PWD python benchmarks/bench_hostile.py [--members N]

The hostile files are those of the tests (tests/helpers/hostile_files.py); the aim is a refusal
within 2 s each (the 510,000-row sheet took 18.7 s before its rows were counted first).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=0, help="also time open_database on a demo database")
    args = parser.parse_args()
    from clustermanager.errors import UserError
    from clustermanager.io.registrations import read_registrations
    from clustermanager.io.sheets import read_table
    from tests.helpers.hostile_files import BUILDERS

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for label, build in BUILDERS.items():
            path = build(folder)
            for reader in (read_table, read_registrations):
                started = time.perf_counter()
                try:
                    reader(path)
                    outcome = "read"
                except UserError:
                    outcome = "refused"
                ms = (time.perf_counter() - started) * 1000
                print(f"{label:<36} {reader.__name__:<20} {outcome:<8} {ms:9.1f} ms")
    if args.members:
        from bench_cache import cached_database

        from clustermanager.db import open_database

        path = cached_database(args.members)
        started = time.perf_counter()
        open_database(path).close()
        print(f"open_database with quick_check, {args.members:,} members: "
              f"{(time.perf_counter() - started) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
