"""What data safety costs on a large database: backup, the daily check when already done, restore,
`check`, and a register search (SQLite's lower() is the Python one, for accented names).

    PYTHONPATH=$PWD python benchmarks/bench_backup.py [--db PATH] [--members N]

The database is built once with `clustermanager demo --members N` and cached under /tmp.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(label: str, fn, repeat: int = 1):
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    print(f"{label:<48} {best * 1000:9.1f} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    cached = args.db or Path(tempfile.gettempdir()) / f"cm-bench-{args.members}.cmdb"
    if not cached.exists():
        print(f"building {cached} ({args.members:,} members, once)…", flush=True)
        partial = cached.with_name(f"{cached.stem}.partial{cached.suffix}")
        partial.unlink(missing_ok=True)
        subprocess.run([sys.executable, "-m", "clustermanager", "--db", str(partial), "demo", "--members",
                        str(args.members)], check=True, stdout=subprocess.DEVNULL)
        partial.rename(cached)

    from clustermanager import backup as bk
    from clustermanager.db import open_database
    from clustermanager.services import members as svc
    from clustermanager.services.integrity import run_checks

    work = Path(tempfile.mkdtemp(prefix="cm-bench-backup-"))
    try:
        path = work / "bench.cmdb"
        shutil.copy(cached, path)
        db = open_database(path)
        print(f"database: {path.stat().st_size / 1e6:.1f} MB, {args.members:,} members")
        timed("daily backup, first of the day", lambda: bk.daily_backup_if_due(db, keep_days=14))
        copy = timed("backup (online backup API)", lambda: bk.backup_database(db))
        timed("daily backup, already done (every open)", lambda: bk.daily_backup_if_due(db, keep_days=14), 20)
        timed("validate a backup (quick_check)", lambda: bk.validate_backup(copy))
        timed("restore (validate, safety copy, swap)", lambda: bk.restore(path, copy, db=db))
        timed("check (integrity, keys, domain rules)", lambda: run_checks(db))

        def search(text):
            with db.session() as s:
                return svc.list_members(s, search=text)

        timed("register search 'gent' (unicode lower)", lambda: search("gent"), 3)
        timed("register search 'zoë' (unicode lower)", lambda: search("zoë"), 3)
        stamp = dt.datetime(2020, 1, 1)
        for day in range(90):  # rotation looks at names only: empty files will do
            bk._new_backup_path(path, bk.DAILY, stamp + dt.timedelta(days=day)).touch()
        timed("rotate 90 daily backups", lambda: bk.rotate(path, keep_days=14))
        db.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
