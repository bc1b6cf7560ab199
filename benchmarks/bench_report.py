"""Time the progress report on the demo cluster scaled to N members (default 1,500: about 300
activities, 12,000 participations and 250 projects).

    PYTHONPATH=. python benchmarks/bench_report.py [--members 1500] [--period 2023-2025] [--repeat 3]

Prints the best of `--repeat` runs for: building the figures, the workbook, the PDF, and as the floor
for the workbook, openpyxl in write-only mode writing the same values with no styles at all.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from clustermanager.db import open_database
from clustermanager.demo import generate_demo
from clustermanager.reports.figures import build_report
from clustermanager.reports.pdf import write_pdf
from clustermanager.reports.period import parse_period
from clustermanager.reports.summary import figure_groups
from clustermanager.reports.tables import list_tables
from clustermanager.reports.workbook import write_workbook


def floor_workbook(data, path: Path) -> None:
    """The same cells, unstyled: what openpyxl itself costs."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Summary")
    for group in figure_groups(data):
        for fig in group.figures:
            ws.append([fig.label, fig.value if not isinstance(fig.value, bool) else str(fig.value)])
    for table in list_tables(data):
        ws = wb.create_sheet(table.title[:31])
        ws.append([c.header for c in table.columns])
        for row in table.rows:
            ws.append(list(row))
    wb.save(path)


def timings(repeat: int, fn) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run (CPU time ignores waiting for a core on a busy machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def best(repeat: int, fn) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds."""
    walls, cpus = timings(repeat, fn)
    return min(walls), min(cpus)


def measure(path: Path, period: str = "2022-2025", repeat: int = 3) -> dict:
    """Workbook, its openpyxl floor and PDF of the report on the database at `path`: (walls, cpus) each."""
    database = open_database(path)
    with database.session() as s:
        data = build_report(s, parse_period(period))
    database.close()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor_workbook(data, folder / "warm.xlsx")  # the first run pays for imports and fonts
        write_workbook(data, folder / "warm.xlsx")
        workbook, floor = ([], []), ([], [])
        for _ in range(repeat):  # alternating, so both see the same load from the rest of the machine
            for (walls, cpus), fn in ((floor, lambda: floor_workbook(data, folder / "floor.xlsx")),
                                      (workbook, lambda: write_workbook(data, folder / "r.xlsx"))):
                wall, cpu = timings(1, fn)
                walls += wall
                cpus += cpu
        return {"workbook": workbook, "floor": floor,
                "pdf": timings(repeat, lambda: write_pdf(data, folder / "r.pdf"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1500)
    parser.add_argument("--period", default="2022-2025", help="default: the demo's four years")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", help="reuse this demo database instead of generating one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = Path(args.db) if args.db else folder / "bench.cmdb"
        database = open_database(path)
        if not args.db:
            with database.session() as s:
                summary = generate_demo(s, members=args.members, seed=7, year=2025)
            print(f"demo: {summary}")
        holder = {}

        def build():
            with database.session() as s:
                holder["data"] = build_report(s, parse_period(args.period))

        t_build = best(args.repeat, build)
        data = holder["data"]
        t_xlsx = best(args.repeat, lambda: write_workbook(data, folder / "r.xlsx"))
        t_floor = best(args.repeat, lambda: floor_workbook(data, folder / "floor.xlsx"))
        t_pdf = best(args.repeat, lambda: write_pdf(data, folder / "r.pdf"))
        database.close()
        cells = sum(len(t.rows) * len(t.columns) for t in list_tables(data))
        print(f"period {data.period.label}: {len(data.members.members)} members, {len(data.finance.calls)} fee calls, "
              f"{len(data.finance.payments)} payments, {len(data.activities.lines)} activities "
              f"({data.activities.participations} registrations), {len(data.projects.lines)} projects; "
              f"{cells} list cells")
        rows = [("build_report", t_build, "-"), ("workbook", t_xlsx, "< 2 s"),
                ("  floor: openpyxl write-only, same cells, no styles", t_floor, "-"), ("PDF", t_pdf, "< 3 s")]
        width = max(len(r[0]) for r in rows)
        head = f"job (best of {args.repeat})"
        print(f"{head.ljust(width)}  {'wall':>7}  {'CPU':>7}  target")
        for name, (wall, cpu), target in rows:
            print(f"{name.ljust(width)}  {wall:>6.2f}s  {cpu:>6.2f}s  {target}")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
