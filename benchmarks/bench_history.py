"""What the history costs the bank import: a camt.053 statement paying every 2026 fee call of the
1,500-member demo cluster, imported with and without recording, alternately on fresh copies.

    PYTHONPATH=. python benchmarks/bench_history.py [--runs 5]

(The member import's cost is measured by bench_import.measure, which times both too.) Prints figures.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from bench_cache import cached_database  # noqa: E402
from bench_fees import camt_statement  # noqa: E402

from clustermanager.backup import backup_file  # noqa: E402
from clustermanager.db import open_database  # noqa: E402
from clustermanager.services import bank_import, fees  # noqa: E402
from clustermanager.services.history import paused  # noqa: E402


def _prepared(source: Path, folder: Path, i: int) -> tuple[Path, Path, int]:
    """A copy of the demo with 2026's fee calls (not timed, not recorded) and a statement paying them."""
    path = backup_file(source, folder / f"bank{i}.cmdb")
    db = open_database(path)
    with db.session() as s, paused(s):
        fees.copy_schedule(s, 2025, 2026, Decimal("3"))
        fees.generate_calls(s, 2026, issued_on=dt.date(2026, 2, 1))
    with db.session() as s:
        calls = fees.list_calls(s, year=2026)
    db.close()
    statement = folder / f"statement{i}.xml"
    statement.write_text(camt_statement(calls), encoding="utf-8")
    return path, statement, len(calls)


def measure(source: Path, repeat: int = 5) -> dict:
    walls: dict[str, list[float]] = {"with": [], "without": []}
    cpus: dict[str, list[float]] = {"with": [], "without": []}
    entries = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(repeat):
            # Which goes first alternates, and the garbage of the last run is collected before each,
            # so neither side always pays for the other's leftovers.
            for name in ("with", "without") if i % 2 == 0 else ("without", "with"):
                path, statement, entries = _prepared(source, folder, 2 * i + (name == "without"))
                db = open_database(path)
                gc.collect()
                wall, cpu = time.perf_counter(), time.process_time()
                with db.session() as s, (contextlib.nullcontext() if name == "with" else paused(s)):
                    result = bank_import.import_statement(s, statement)
                walls[name].append(time.perf_counter() - wall)
                cpus[name].append(time.process_time() - cpu)
                db.close()
                assert result.recorded == entries, result
    return {"entries": entries, **{name: (walls[name], cpus[name]) for name in walls}}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    found = measure(cached_database(1_500), args.runs)
    for name in ("with", "without"):
        walls, cpus = found[name]
        print(f"bank import, {found['entries']:,} entries, {name} history: {statistics.median(walls):.3f} s "
              f"(CPU {statistics.median(cpus):.3f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
