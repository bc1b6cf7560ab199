"""Where the member import's time goes: reading, planning, writing, and the search index's share of the
writing, each beside openpyxl read-only reading the same file (the floor of run.py's import row).

    PYTHONPATH=. python benchmarks/bench_import_split.py [--rows 10000] [--runs 3]

CPU seconds (the machine may be shared: CPU is what counts), the median of the runs. The last column
drops the `member_search` triggers from a scratch database first (SQLite), to show what keeping the
register's search index in step costs an import; nothing else is changed. Asserts nothing.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import floor, make_sheet  # noqa: E402

from clustermanager.db import open_database  # noqa: E402
from clustermanager.io import sheet_calamine  # noqa: E402
from clustermanager.io.mapping import propose_mapping  # noqa: E402
from clustermanager.io.sheets import read_table  # noqa: E402
from clustermanager.services.member_import import import_members, preview_member_import  # noqa: E402


def _cpu(fn):
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def _without_search_triggers(path: Path) -> None:
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                        "AND name LIKE 'member_search%'")]
    for name in names:
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.commit()
    conn.close()


def _read_with_openpyxl_only(sheet: Path):
    """read_table as it was before calamine: every sheet streamed by openpyxl."""
    real = sheet_calamine.open_book
    sheet_calamine.open_book = lambda _path: None
    try:
        return read_table(sheet)
    finally:
        sheet_calamine.open_book = real


def _timed_job(path: Path, table, mapping, *, write: bool) -> float:
    db = open_database(path)
    with db.session() as s:
        seconds = _cpu(lambda: import_members(s, table, mapping) if write else preview_member_import(s, table, mapping))[0]
    db.close()
    return seconds


def measure(rows: int, runs: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {k: [] for k in ("floor", "read", "read_openpyxl", "plan", "import",
                                                   "import_no_index")}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        sheet = folder / "leden.xlsx"
        make_sheet(sheet, rows)
        warm = folder / "warm.xlsx"
        make_sheet(warm, 20)
        table = read_table(warm)
        db = open_database(folder / "warm.cmdb")
        with db.session() as s:
            import_members(s, table, propose_mapping(table.headers))
        db.close()
        for i in range(runs):
            out["floor"].append(_cpu(lambda: floor(sheet))[0])
            seconds, table = _cpu(lambda: read_table(sheet))
            out["read"].append(seconds)
            out["read_openpyxl"].append(_cpu(lambda: _read_with_openpyxl_only(sheet))[0])
            mapping = propose_mapping(table.headers)
            for key, index in (("plan", False), ("import", True), ("import_no_index", True)):
                path = folder / f"{key}{i}.cmdb"
                open_database(path).close()
                if key == "import_no_index":
                    _without_search_triggers(path)
                out[key].append(_timed_job(path, table, mapping, write=index))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    got = measure(args.rows, args.runs)
    med = {k: statistics.median(v) for k, v in got.items()}
    base = med["floor"]
    print(f"Member import, {args.rows:,} rows, CPU seconds, median of {args.runs} runs "
          f"(each run: {', '.join(f'{k} ' + '/'.join(f'{x:.2f}' for x in v) for k, v in got.items())})")
    lines = [
        ("floor: openpyxl read-only reading the file", med["floor"]),
        ("read_table (checks + reader + header)", med["read"]),
        ("read_table with openpyxl only (as before calamine)", med["read_openpyxl"]),
        ("planning only (preview)", med["plan"]),
        ("planning + writing (import)", med["import"]),
        ("  of which writing", med["import"] - med["plan"]),
        ("planning + writing, search-index triggers dropped", med["import_no_index"]),
        ("read + import (run.py's import row)", med["read"] + med["import"]),
        ("read + import, search-index triggers dropped", med["read"] + med["import_no_index"]),
    ]
    width = max(len(label) for label, _s in lines)
    for label, seconds in lines:
        print(f"  {label.ljust(width)}  {seconds:6.2f} s  {seconds / base:5.2f}x floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
