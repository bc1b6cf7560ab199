"""The benchmark suite: the app's main jobs, each beside its floor, as one table of medians.

    PYTHONPATH=$PWD python benchmarks/run.py [--quick] [--runs N]

Builds (once, cached under ~/.cache/clustermanager-bench) demo clusters of 150, 1,500 and 100,000
members, then measures every job several times on this machine in this run, beside the floor it is
compared with. Wall time includes waiting for a core on a shared machine, so CPU time is printed too,
with the load average. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from bench_cache import cached_database  # noqa: E402

SIZES = (150, 1_500, 100_000)


# --- child processes: each prints one JSON line on stdout --------------------------------------------

def _child_env() -> dict[str, str]:
    """The children run as an installed app does: with compiled bytecode (an installer ships it; a
    machine with PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start), kept
    in the benchmark cache rather than beside the sources."""
    env = dict(os.environ, PYTHONPATH=str(HERE.parent), QT_QPA_PLATFORM="offscreen",
               CLUSTERMANAGER_HOME=tempfile.mkdtemp(prefix="cm-bench-home-"),
               PYTHONPYCACHEPREFIX=str(Path.home() / ".cache" / "clustermanager-bench" / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run_child(*args: str) -> dict:
    """Run this script as `--child ...` in a fresh interpreter; its JSON answer plus the wall time from
    just before the process was started to the moment the child reported `ready_at`."""
    started = time.time()
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args], env=_child_env(),
                         check=True, capture_output=True, text=True).stdout
    answer = json.loads(out.strip().splitlines()[-1])
    if "ready_at" in answer:
        answer["wall"] = answer["ready_at"] - started
    if "figures_at" in answer:
        answer["figures_wall"] = answer["figures_at"] - started
    if answer.get("kept_at"):
        answer["kept_wall"] = answer["kept_at"] - started
    return answer


def _cpu_self() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _when_interactive(app, window, callback) -> None:
    """Run the event loop; call `callback` when `window` is interactive: shown, painted once, and the
    event loop processing events again (a zero timer started after that first paint has fired)."""
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.Paint and window.testAttribute(Qt.WidgetAttribute.WA_Mapped):
                window.removeEventFilter(self)
                QTimer.singleShot(0, callback)
            return False

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
    app.exec()


def child_bare(with_orm: str = "") -> dict:
    """The floor for start-up: a bare QMainWindow shown, the event loop idle (`with_orm`: after importing
    SQLAlchemy's ORM and the models, which any window over the database needs)."""
    if with_orm:
        import clustermanager.models  # noqa: F401
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    answer: dict = {}

    def ready():
        answer.update(ready_at=time.time(), cpu=_cpu_self())
        app.quit()

    _when_interactive(app, window, ready)
    return answer


def child_start(path: str) -> dict:
    """The app's start as `ui.app.main` does it (`FastStart`): `ready_at` when the window is interactive
    (shown, painted, the event loop turning; the database may still be opening), `kept_at` when the
    dashboard's figures kept from last time were painted (before the database is open), `figures_at`
    when it shows its fresh figures: database open, screen built, its loading job done."""
    from PySide6.QtCore import QTimer

    from clustermanager import config
    from clustermanager.ui.app import application
    from clustermanager.ui.startup import FastStart

    app = application()
    start = FastStart(path, config.AppSettings.load())
    window = start.window
    answer: dict = {}
    kept_cpu: list[float] = []  # the CPU time when the kept figures were painted (polled: within 5 ms)

    def ready():
        answer.update(ready_at=time.time(), cpu=_cpu_self(), sqlalchemy_at_ready="sqlalchemy" in sys.modules)
        poll()

    def poll():
        if start.kept_shown_at is not None and not kept_cpu:
            kept_cpu.append(_cpu_self())
        ctx = window.ctx
        if ctx is not None and window.current_key() in window.screens and not ctx.tasks.busy:
            answer.update(figures_at=time.time(), figures_cpu=_cpu_self(), screen=window.current_key(),
                          kept_at=start.kept_shown_at, kept_cpu=kept_cpu[0] if kept_cpu else None,
                          heavy=sorted(m for m in ("reportlab", "openpyxl", "segno", "babel", "alembic")
                                       if m in sys.modules))
            window.close()  # the last window: the event loop ends
        else:
            QTimer.singleShot(5, poll)

    _when_interactive(app, window, ready)
    start.finish(0)
    return answer


def child_memory(path: str, first: str = "members") -> dict:
    """Peak RSS of the app with the main window and the members screen loaded (the paged register:
    the rows on screen, not all of them); `first` "dashboard": the dashboard shown first, its fresh
    figures computed (`dashboard_s`: from showing it to its jobs done, CPU beside), then the register."""
    import resource

    from clustermanager.ui.app import application, create_main_window

    app = application()
    window = create_main_window(path)
    window.resize(1280, 800)
    answer: dict = {}
    if first == "dashboard":  # as a user opens the app: on the dashboard
        began, cpu = time.perf_counter(), _cpu_self()
        window.show_screen("dashboard")
        window.show()
        for _ in range(3):
            window.ctx.tasks.wait_idle(600_000)
            app.processEvents()
        answer.update(dashboard_s=time.perf_counter() - began, dashboard_cpu=_cpu_self() - cpu)
    screen = window.show_screen("members")  # the register (the dashboard, not shown, loads nothing)
    window.show()
    window.database_opened()
    for _ in range(3):
        window.ctx.tasks.wait_idle()
        app.processEvents()
    rows = screen.model.rowCount()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    window.close()
    window.ctx.close()
    return {"peak_mb": peak_kib / 1024, "rows": rows, **answer}


def child_members(path: str, runs: str) -> dict:
    import bench_members_screen

    return bench_members_screen.measure(Path(path), int(runs))


def child_report(path: str, runs: str) -> dict:
    import bench_report

    return bench_report.measure(Path(path), repeat=int(runs))


def child_import(rows: str, runs: str) -> dict:
    import bench_import

    return bench_import.measure(int(rows), repeat=int(runs))


def child_bank(path: str, runs: str) -> dict:
    import bench_history

    return bench_history.measure(Path(path), repeat=int(runs))


def startup_rows(app: list[dict], small: list[dict], bare: list[dict]) -> list[Row]:
    """Start to interactive (<= 1.5x the bare window), start to the dashboard's figures on screen:
    last time's, kept in the database and painted before it is open (<= 2.5x), then the fresh ones."""
    floor = [b["wall"] for b in bare], [b["cpu"] for b in bare]
    kept = [a for a in app if a.get("kept_wall")]
    rows = [Row("start to interactive window, 1,500 members", [a["wall"] for a in app], [a["cpu"] for a in app],
                *floor, max_ratio=1.5),
            Row("  the same, 150 members", [a["wall"] for a in small], [a["cpu"] for a in small], *floor)]
    if kept:  # the warm-up start kept the figures; a run without them would be the first start ever
        rows.append(Row("start to dashboard figures shown (kept), 1,500 members", [a["kept_wall"] for a in kept],
                        [a["kept_cpu"] for a in kept], *floor, max_ratio=2.5))
    rows.append(Row("  start to fresh dashboard figures, 1,500 members", [a["figures_wall"] for a in app],
                    [a["figures_cpu"] for a in app], *floor))
    return rows


def register_rows(members: dict) -> list[Row]:
    """The paged member register on 100,000 members: every action answered on screen in < 100 ms
    (bench_members_screen.measure: the median over every column both ways, every keystroke, ...), and
    the slowest single one of them (each action, not only the median, is to answer in < 100 ms)."""
    actions = ("opens", "sorts", "keystrokes", "filters", "jumps", "sorted_filters")
    slowest = [w for key in actions for w in members[key]]
    slowest_cpu = [c for key in ("open_cpu", "sort_cpu", "keystroke_cpu", "filter_cpu", "jump_cpu", "sorted_filter_cpu")
                   for c in members[key]]
    return [
        Row(f"members screen open, first rows shown, {members['rows']:,} active members", members["opens"],
            members["open_cpu"], limit=0.1),
        Row(f"  sort by a column ({len(members['sorts'])}: every column both ways)", members["sorts"],
            members["sort_cpu"], limit=0.1),
        Row(f"  search, one keystroke ({len(members['keystrokes'])} typed)", members["keystrokes"],
            members["keystroke_cpu"], limit=0.1),
        Row(f"  filter change ({len(members['filters'])}: kind, size, status)", members["filters"],
            members["filter_cpu"], limit=0.1),
        Row("  jump to the last row", members["jumps"], members["jump_cpu"], limit=0.1),
        Row(f"  filter change, sorted by another column ({len(members['sorted_filters'])})",
            members["sorted_filters"], members["sorted_filter_cpu"], limit=0.1),
        Row("  the slowest of all these actions", [max(slowest)], [max(slowest_cpu)], limit=0.1),
    ]


CHILDREN = {"bare": child_bare, "start": child_start, "memory": child_memory, "members": child_members,
            "report": child_report, "import": child_import, "bank": child_bank}


# --- the table ----------------------------------------------------------------------------------------

@dataclass
class Row:
    job: str
    walls: list[float]
    cpus: list[float] | None = None
    floor: list[float] | None = None  # the floor's wall times
    floor_cpus: list[float] | None = None
    max_ratio: float | None = None  # target: job / floor at most this
    limit: float | None = None  # target: job under this (seconds, or MB with unit "MB")
    unit: str = "s"

    def median(self) -> float:
        return statistics.median(self.walls)

    def target(self) -> str:
        if self.max_ratio is not None:
            return f"<= {self.max_ratio:g}x floor"
        if self.limit is not None:
            return f"< {_fmt(self.limit, self.unit)}"
        return "(info)"

    def figure(self) -> float | None:
        """The figure judged against the target: the ratio, or the median."""
        if self.max_ratio is not None and self.floor:
            return self.median() / statistics.median(self.floor)
        return self.median()

    def cpu_figure(self) -> float | None:
        """The same figure on CPU time (what the job costs without waiting for a core)."""
        if not self.cpus:
            return None
        if self.floor_cpus:
            return statistics.median(self.cpus) / statistics.median(self.floor_cpus)
        return statistics.median(self.cpus)

    def verdict(self) -> str:
        """PASS/MISS on wall time; a wall MISS that passes on CPU time says so (a busy machine)."""
        if self.max_ratio is None and self.limit is None:
            return ""
        bound = self.max_ratio if self.max_ratio is not None else self.limit
        ok = self.figure() <= bound if self.max_ratio is not None else self.figure() < bound
        cpu = self.cpu_figure()
        if not ok and cpu is not None and (self.max_ratio is None or self.floor_cpus) and cpu < bound:
            return "MISS (CPU: pass)"
        return "PASS" if ok else "MISS"


def _fmt(value: float, unit: str) -> str:
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def print_table(rows: list[Row]) -> None:
    head = ("job", "median", "CPU", "floor", "floor CPU", "ratio", "CPU ratio", "target", "")
    lines = []
    for r in rows:
        cpu = _fmt(statistics.median(r.cpus), r.unit) if r.cpus else "-"
        floor = _fmt(statistics.median(r.floor), r.unit) if r.floor else "-"
        floor_cpu = _fmt(statistics.median(r.floor_cpus), r.unit) if r.floor_cpus else "-"
        ratio = f"{r.median() / statistics.median(r.floor):.2f}x" if r.floor else "-"
        cpu_ratio = f"{statistics.median(r.cpus) / statistics.median(r.floor_cpus):.2f}x" if r.floor_cpus else "-"
        lines.append((r.job, _fmt(r.median(), r.unit), cpu, floor, floor_cpu, ratio, cpu_ratio, r.target(),
                      r.verdict()))
    widths = [max(len(str(line[i])) for line in [head, *lines]) for i in range(len(head))]
    for line in [head, tuple("-" * w for w in widths), *lines]:
        print("  ".join(str(cell).ljust(w) if i == 0 else str(cell).rjust(w)
                        for i, (cell, w) in enumerate(zip(line, widths, strict=True))).rstrip())


def machine() -> str:
    import platform
    import sqlite3

    import PySide6

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return (f"machine: {os.cpu_count()} cores ({cpu}), {mem:,} MB memory; Python {platform.python_version()}, "
            f"PySide6 {PySide6.__version__}, SQLite {sqlite3.sqlite_version}")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def report_rows(path: Path, runs: int) -> list[Row]:
    """The report's workbook beside openpyxl write-only writing the same cells unstyled (alternating
    runs in one process), and its PDF."""
    report = _run_child("report", str(path), str(runs))
    return [Row("progress-report workbook, 1,500 members", *report["workbook"], *report["floor"], max_ratio=1.2),
            Row("progress-report PDF, 1,500 members", *report["pdf"], limit=3)]


def import_rows_of(count: int, runs: int) -> list[Row]:
    """Reading and importing a member sheet beside openpyxl read-only reading the same file; and the
    same import without recording history (its cost, limit 1.2x: docs/history.md)."""
    imported = _run_child("import", str(count), str(runs))
    return [Row(f"member-sheet import, {count:,} rows, validated", *imported["import"], *imported["floor"],
                max_ratio=1.5),
            Row("  member import with history vs without", *imported["import"], *imported["no_history"],
                max_ratio=1.2)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=None, help="runs per job (default 5; --quick: 3)")
    parser.add_argument("--quick", action="store_true", help="fewer runs, a 2,000-row import")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child[0]](*args.child[1:])))
        return 0
    runs = args.runs or (3 if args.quick else 5)
    import_rows = 2_000 if args.quick else 10_000
    began = time.perf_counter()
    print(f"ClusterManager benchmarks, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {runs} runs per job, "
          f"{os.cpu_count()} cores, load average at start {_load()}", flush=True)
    print(machine(), flush=True)
    db = {n: cached_database(n) for n in SIZES}
    rows: list[Row] = []

    # Start-up: fresh processes, alternating app and floor so both see the same load. One warm-up of
    # each fills the file cache and takes the day's automatic backup, as on a normal morning.
    for warm_up in (("start", str(db[1_500])), ("start", str(db[150])), ("bare",)):
        _run_child(*warm_up)
    app, bare, small, orm, heavy = [], [], [], [], set()
    for _ in range(runs):
        bare.append(_run_child("bare"))
        orm.append(_run_child("bare", "orm"))
        answer = _run_child("start", str(db[1_500]))
        heavy.update(answer["heavy"])
        app.append(answer)
        small.append(_run_child("start", str(db[150])))
    rows.extend(startup_rows(app, small, bare))
    rows.append(Row("  bare window + import SQLAlchemy ORM and models", [a["wall"] for a in orm],
                    [a["cpu"] for a in orm], [b["wall"] for b in bare], [b["cpu"] for b in bare]))
    print(f"start-up done ({time.perf_counter() - began:.0f} s)", file=sys.stderr, flush=True)

    rows.extend(register_rows(_run_child("members", str(db[100_000]), str(runs))))
    print(f"members screen done ({time.perf_counter() - began:.0f} s)", file=sys.stderr, flush=True)

    # Each job in a fresh process, so no job pays for the garbage or the heap another one left behind.
    rows += report_rows(db[1_500], runs)
    print(f"report done ({time.perf_counter() - began:.0f} s)", file=sys.stderr, flush=True)
    rows += import_rows_of(import_rows, runs)
    print(f"import done ({time.perf_counter() - began:.0f} s)", file=sys.stderr, flush=True)

    bank = _run_child("bank", str(db[1_500]), str(runs))
    rows.append(Row(f"bank import, {bank['entries']:,} entries, with history vs without", *bank["with"],
                    *bank["without"], max_ratio=1.2))
    print(f"bank import done ({time.perf_counter() - began:.0f} s)", file=sys.stderr, flush=True)

    peaks = [_run_child("memory", str(db[100_000])) for _ in range(min(runs, 3))]
    rows.append(Row("peak memory, window + members screen, 100,000 members", [p["peak_mb"] for p in peaks],
                    limit=200, unit="MB"))
    boards = [_run_child("memory", str(db[100_000]), "dashboard") for _ in range(min(runs, 3))]
    rows.append(Row("peak memory, window + dashboard + members screen, 100,000 members",
                    [p["peak_mb"] for p in boards], limit=200, unit="MB"))
    rows.append(Row("  dashboard's fresh figures computed, 100,000 members", [p["dashboard_s"] for p in boards],
                    [p["dashboard_cpu"] for p in boards]))

    print()
    print_table(rows)
    print()
    print("floors: start-up = bare PySide6 QMainWindow shown in a fresh process; workbook = openpyxl "
          "write-only writing the same cells unstyled; import = openpyxl read-only reading the same file.")
    print("interactive = the window shown, painted once, and a zero timer started after that paint has fired "
          "(the event loop turns); the database opens after that on a worker thread. SQLAlchemy loaded when "
          f"interactive: {'yes' if any(a['sqlalchemy_at_ready'] for a in app + small) else 'no'}.")
    print(f"modules loaded by the dashboard's figures among reportlab/openpyxl/segno/babel/alembic: {sorted(heavy) or 'none'}")
    print(f"load average at end {_load()} on {os.cpu_count()} cores (wall times include waiting for a core; "
          f"CPU times do not); suite took {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
