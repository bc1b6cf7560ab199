"""How fast the paged member register answers with 100,000 members.

Target: every action (opening, sorting by any column, a keystroke in the search box, a filter change,
a jump to the last row) answered on screen in under 100 ms. The database is built once with `clustermanager demo --members 100000`
(a few minutes) and cached under /tmp. On PostgreSQL (`--url`, a database of its own) the demo is
written there once when it has no members yet (100,000: about 10 minutes).

    PYTHONPATH=$PWD python benchmarks/bench_members_screen.py [--db PATH | --url URL] [--members N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import wait as futures_wait
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build_database(path: Path, members: int) -> None:
    if path.exists():
        return
    partial = path.with_name(f"{path.stem}.partial{path.suffix}")
    partial.unlink(missing_ok=True)
    print(f"building {path} with {members:,} members (once; this takes a few minutes)…", flush=True)
    subprocess.run([sys.executable, "-m", "clustermanager", "--db", str(partial), "demo", "--members",
                    str(members)], check=True)
    partial.rename(path)


def build_server_database(url: str, members: int) -> None:
    """The demo on a PostgreSQL database, unless it holds members already (then they are measured)."""
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if inspect(conn).has_table("member") and conn.execute(text("SELECT count(*) FROM member")).scalar():
                return
    finally:
        engine.dispose()
    print(f"writing {members:,} demo members to {url} (once; this takes a while)…", flush=True)
    subprocess.run([sys.executable, "-m", "clustermanager", "--db", url, "demo", "--members", str(members)], check=True)


def measure(path: Path | str, runs: int = 3) -> dict:
    """Open the paged member register `runs` times, then time every action a user waits for: sorting by
    each column both ways, keystrokes in the search box, filter changes, a jump to the last row. Each
    from the action until its answer is on screen (the queries run on the task runner's worker, the
    view repainted); CPU time is the whole process's (worker included).

    Needs no QApplication yet; `CLUSTERMANAGER_HOME` should point at a scratch folder.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from clustermanager.ui.app import create_main_window

    app = QApplication.instance() or QApplication([])
    window = create_main_window(path)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    while not window.ctx.tasks.wait_idle():  # the first screen's own work (the dashboard on 100,000 members:
        pass                                 # half a minute) would share the CPU with every action timed

    tasks = window.ctx.tasks
    counted: list[tuple[float, float]] = []  # from the action until the status bar's counts are shown

    def settle(done) -> None:
        while not done():
            futures_wait(list(tasks._futures), timeout=0.002)
            app.processEvents()  # results are delivered, the view repaints (and may ask for a page)
            tasks._take_outcomes()

    def timed(action, done=None) -> tuple[float, float]:
        """Until the answer is on screen: the new query's rows (the counts follow in their own job,
        timed into `counted`), or `done()`."""
        model = window.screens["members"].model if "members" in window.screens else None
        before = model.query if model is not None else None
        start, cpu = time.perf_counter(), time.process_time()
        action()
        model = window.screens["members"].model

        def shown() -> bool:
            return model.loaded_once and (model.query is not before or not tasks.busy) and all(
                model.rows[r] is not None for r in range(min(30, len(model.rows))))

        settle(done or shown)
        app.processEvents()
        answer = time.perf_counter() - start, time.process_time() - cpu
        settle(lambda: not model.counting)
        counted.append((time.perf_counter() - start, time.process_time() - cpu))
        tasks.wait_idle()
        return answer

    opens = []
    for _ in range(runs + 1):  # the first one warms the file cache, as a second opening would be
        old = window.screens.pop("members", None)
        if old is not None:
            old.setParent(None)
            old.deleteLater()
        opens.append(timed(lambda: window.show_screen("members")))
    opens, counted[:] = opens[1:], counted[1:]
    screen = window.screens["members"]
    model, table = screen.model, screen.table
    rows = model.rowCount()

    sorts = []
    for number in range(len(model.columns)):
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            sorts.append(timed(lambda n=number, o=order: table.sortByColumn(n, o)))
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    window.ctx.tasks.wait_idle()
    counted[:] = counted[:len(opens)]  # a sort keeps its counts: nothing to wait for

    typed: list[tuple[str, float, float]] = []  # each keystroke's search text, wall, CPU

    def type_text(text: str) -> list[tuple[float, float]]:
        times = []
        screen.search.blockSignals(True)  # time the answer, not the debounce pause
        for end in range(1, len(text) + 1):
            screen.search.setText(text[:end])
            times.append(timed(screen._apply_filter))
            typed.append((text[:end], *times[-1]))
        screen.search.setText("")
        screen._apply_filter()
        window.ctx.tasks.wait_idle()
        screen.search.blockSignals(False)
        return times

    sample = model.rows[57]
    keystrokes = type_text(sample.name.lower()[:12]) + type_text("gent") + type_text("0417")
    keystrokes += type_text("e")  # the worst case: nearly every row matches

    filters = []
    for combo, data in ((screen.kind, "company"), (screen.size, "small"), (screen.size, ""), (screen.kind, ""),
                        (screen.status, "former"), (screen.status, "all"), (screen.status, "active")):
        filters.append(timed(lambda c=combo, d=data: c.setCurrentIndex(c.findData(d))))

    # Filter changes with the register sorted by another column: kinds and sizes that bunch at one end
    # of that order (government members have no size, fee categories follow the kind and the size).
    sorted_filters = []
    for column, order in (("municipality", Qt.SortOrder.DescendingOrder), ("size_class", Qt.SortOrder.AscendingOrder),
                          ("fee_category", Qt.SortOrder.AscendingOrder), ("left_on", Qt.SortOrder.DescendingOrder)):
        table.sortByColumn(next(i for i, c in enumerate(model.columns) if c.key == column), order)
        window.ctx.tasks.wait_idle()
        settle(lambda: not tasks.busy)
        for combo, data in ((screen.kind, "company"), (screen.kind, "government"),
                            (screen.kind, "knowledge_institution"), (screen.kind, ""), (screen.size, "small"),
                            (screen.size, ""), (screen.status, "former"), (screen.status, "active")):
            sorted_filters.append(timed(lambda c=combo, d=data: c.setCurrentIndex(c.findData(d))))
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    window.ctx.tasks.wait_idle()

    counts_after = list(counted)  # of the opens, keystrokes and filter changes (a sort keeps its counts)
    jumps = []
    for _ in range(runs):
        table.scrollToTop()
        window.ctx.tasks.wait_idle()
        app.processEvents()
        jumps.append(timed(table.scrollToBottom, lambda: model.rows[-1] is not None))
    window.close()
    window.ctx.close()
    walls = lambda pairs: [w for w, _c in pairs]  # noqa: E731
    cpus = lambda pairs: [c for _w, c in pairs]  # noqa: E731
    return {"rows": rows, "opens": walls(opens), "open_cpu": cpus(opens), "sorts": walls(sorts),
            "sort_cpu": cpus(sorts), "keystrokes": walls(keystrokes), "keystroke_cpu": cpus(keystrokes),
            "filters": walls(filters), "filter_cpu": cpus(filters), "jumps": walls(jumps), "jump_cpu": cpus(jumps),
            "sorted_filters": walls(sorted_filters), "sorted_filter_cpu": cpus(sorted_filters),
            "counts": walls(counts_after), "count_cpu": cpus(counts_after), "typed": typed}


def by_word_length(typed: list[tuple[str, float, float]]) -> dict[str, list[tuple[str, float, float]]]:
    """The keystrokes grouped by the length of the longest word typed: 1-2 letters (no trigram index can
    help), 3 letters (the broadest trigram words), 4 or more."""
    groups: dict[str, list] = {"1-2 letters": [], "3 letters": [], "4+ letters": []}
    for text, wall, cpu in typed:
        longest = max(len(w) for w in text.split())
        groups["1-2 letters" if longest < 3 else "3 letters" if longest == 3 else "4+ letters"].append(
            (text, wall, cpu))
    return groups


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--url", default=None, help="a PostgreSQL database (postgresql+psycopg://...) to measure")
    args = parser.parse_args()
    if args.url:
        path = args.url
        build_server_database(args.url, args.members)
    else:
        path = args.db or Path(tempfile.gettempdir()) / f"clustermanager-bench-{args.members // 1000}k.cmdb"
        build_database(path, args.members)
    os.environ["CLUSTERMANAGER_HOME"] = tempfile.mkdtemp(prefix="cm-bench-home-")
    from clustermanager.ui.members import screen as members_module

    m = measure(path)
    print(f"members: {m['rows']:,} (search debounce above {members_module.BIG_TABLE:,} members: 80 ms, not counted)")
    for label, key in (("screen open, first rows shown", "opens"), ("sort by a column", "sorts"),
                       ("search, one keystroke", "keystrokes"), ("filter change", "filters"),
                       ("jump to the last row", "jumps"), ("filter change, sorted otherwise", "sorted_filters"),
                       ("  counts shown (after the rows)", "counts")):
        walls, cpus = m[key], m[key.rstrip("s") + "_cpu" if key != "opens" else "open_cpu"]
        target = "(info)" if key == "counts" else "target < 100 ms"
        print(f"{label:32s} median {statistics.median(walls) * 1000:6.1f} ms  max {max(walls) * 1000:6.1f} ms  "
              f"CPU median {statistics.median(cpus) * 1000:6.1f} ms  ({len(walls)} times)  {target}")
    for label, group in by_word_length(m["typed"]).items():
        if group:
            print(f"  keystrokes, {label:12s} wall median {statistics.median(w for _t, w, _c in group) * 1000:6.1f} ms  "
                  f"max {max(w for _t, w, _c in group) * 1000:6.1f}  CPU median "
                  f"{statistics.median(c for _t, _w, c in group) * 1000:6.1f} ms  ({len(group)}: "
                  + ", ".join(repr(t) for t, _w, _c in group) + ")")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall times include waiting for the CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
