"""Time a 10,000-row member import: reading, preview and import, against openpyxl's own reading.

    PYTHONPATH=. python benchmarks/bench_import.py [--rows 10000]

Targets: preview < 3 s, import < 5 s, and neither more than 2x the floor (openpyxl read-only
reading the same file) plus the database work. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook
from stdnum.be import vat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clustermanager.db import open_database  # noqa: E402
from clustermanager.io.mapping import propose_mapping  # noqa: E402
from clustermanager.io.sheets import read_table  # noqa: E402
from clustermanager.services.history import paused  # noqa: E402
from clustermanager.services.member_import import import_members, preview_member_import  # noqa: E402

HEADERS = ["Naam", "Ondernemingsnummer", "Type", "Grootte", "Lid sinds", "Straat", "Postcode", "Gemeente",
           "Provincie", "E-mail", "Voornaam", "Achternaam", "E-mail contactpersoon", "Telefoon", "Functie"]
TOWNS = [("9000", "Gent", "Oost-Vlaanderen"), ("2000", "Antwerpen", "Antwerpen"), ("3000", "Leuven",
         "Vlaams-Brabant"), ("8500", "Kortrijk", "West-Vlaanderen"), ("3500", "Hasselt", "Limburg")]


def enterprise_numbers(rng: random.Random, n: int) -> list[str]:
    numbers: set[str] = set()
    while len(numbers) < n:
        base = rng.randint(2_000_000, 9_999_999)  # 0xxxxxxx + two mod-97 check digits
        number = f"0{base}{97 - (base % 97):02d}"
        if vat.is_valid(number):
            numbers.add(number)
    return sorted(numbers)


def make_sheet(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    ws.title = "Leden"
    ws.append([f"Ledenlijst {rows} leden"])
    ws.append([])
    ws.append(HEADERS)
    for i, number in enumerate(enterprise_numbers(rng, rows)):
        postcode, town, province = rng.choice(TOWNS)
        formatted = f"{number[:4]}.{number[4:7]}.{number[7:]}" if i % 2 else number
        ws.append([f"Bedrijf {i:05d} NV", formatted, "Bedrijf", rng.choice(["Micro", "Klein", "Middelgroot", "Groot"]),
                   dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3000)), f"Straat {i}", postcode, town,
                   province, f"info{i}@bedrijf{i}.example", "Jan", f"Peeters{i}", f"jan{i}@bedrijf{i}.example",
                   "09 123 45 67", "Zaakvoerder"])
    wb.save(path)


def timed(fn, repeat: int = 1):
    """The best of `repeat` runs (the machine is shared: the minimum is the least disturbed) and a result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def floor(path: Path) -> int:
    wb = load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in wb.active.iter_rows(values_only=True))
    wb.close()
    return n


def measure(rows: int = 10_000, repeat: int = 3) -> dict:
    """Reading + importing (with validation) a fresh `rows`-row sheet into an empty database, beside
    openpyxl read-only reading the same file: wall and CPU seconds of each run."""
    walls: dict[str, list[float]] = {"import": [], "floor": [], "no_history": []}
    cpus: dict[str, list[float]] = {"import": [], "floor": [], "no_history": []}
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "leden.xlsx"
        make_sheet(sheet, rows)

        databases = [open_database(Path(folder) / f"run{i}.cmdb") for i in range(repeat)]  # created untimed
        bare = [open_database(Path(folder) / f"bare{i}.cmdb") for i in range(repeat)]
        warm, warm_db = Path(folder) / "warm.xlsx", open_database(Path(folder) / "warm.cmdb")
        make_sheet(warm, 20)  # the first import pays for loading modules: not part of the job
        warm_table = read_table(warm)
        with warm_db.session() as s:
            import_members(s, warm_table, propose_mapping(warm_table.headers))
        warm_db.close()

        def read_and_import(i: int, history: bool = True) -> None:
            db = databases[i] if history else bare[i]
            table = read_table(sheet)
            with db.session() as s, (contextlib.nullcontext() if history else paused(s)):
                result = import_members(s, table, propose_mapping(table.headers))
            db.close()
            assert result.created == rows and result.refused == 0, result.preview.counts

        for i in range(repeat):
            for name, fn in (("floor", lambda: floor(sheet)), ("import", lambda i=i: read_and_import(i)),
                             ("no_history", lambda i=i: read_and_import(i, history=False))):
                wall, cpu = time.perf_counter(), time.process_time()
                fn()
                walls[name].append(time.perf_counter() - wall)
                cpus[name].append(time.process_time() - cpu)
    return {name: (walls[name], cpus[name]) for name in walls}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "leden.xlsx"
        made, _ = timed(lambda: make_sheet(sheet, args.rows))
        t_floor, _ = timed(lambda: floor(sheet), args.repeat)
        t_read, table = timed(lambda: read_table(sheet), args.repeat)
        mapping = propose_mapping(table.headers)
        databases = iter(open_database(Path(folder) / f"bench{i}.cmdb") for i in range(args.repeat))
        empty = open_database(Path(folder) / "empty.cmdb")

        def preview(db):
            with db.session() as s:
                return preview_member_import(s, table, mapping)

        def do_import():
            db = next(databases)
            with db.session() as s:
                result = import_members(s, table, mapping)
            return db, result

        t_preview, p = timed(lambda: preview(empty), args.repeat)
        t_import, (db, result) = timed(do_import, args.repeat)
        t_again, again = timed(lambda: preview(db), args.repeat)
        empty.close()
        db.close()

    assert result.created == args.rows and result.refused == 0, result.preview.counts
    assert again.counts["unchanged"] == args.rows, again.counts
    preview_total, import_total = t_read + t_preview, t_read + t_import
    rows = [
        ("generate the sheet (not timed against a target)", made, None),
        ("floor: openpyxl read-only, values only", t_floor, None),
        ("read_table (checks + header + rows)", t_read, f"{t_read / t_floor:.2f}x floor"),
        ("preview (read + plan, empty database)", preview_total,
         f"< 3 s: {'ok' if preview_total < 3 else 'MISSED'}; {preview_total / t_floor:.2f}x floor"),
        ("import (read + plan + write, one transaction)", import_total,
         f"< 5 s: {'ok' if import_total < 5 else 'MISSED'}; {import_total / t_floor:.2f}x floor"),
        ("preview again (all rows unchanged)", t_read + t_again, f"{(t_read + t_again) / t_floor:.2f}x floor"),
        ("  of which planning only (set-based lookups)", t_preview, None),
        ("  of which planning + writing only", t_import, None),
    ]
    print(f"Member import, {args.rows:,} rows ({len(HEADERS)} columns, contacts on the rows), "
          f"best of {args.repeat} runs")
    width = max(len(r[0]) for r in rows)
    for label, seconds, note in rows:
        print(f"  {label.ljust(width)}  {seconds:6.2f} s  {note or ''}")
    print(f"  counts: {p.counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
