"""Demo databases for the benchmarks, generated once and cached by size, seed, year and generator.

The key holds a hash of `clustermanager/demo.py`, so a changed generator builds fresh databases;
schema migrations added later are applied when the app opens the cached file.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("CLUSTERMANAGER_BENCH_CACHE", Path.home() / ".cache" / "clustermanager-bench"))
SEED = 2016
YEAR = 2025


def generator_hash() -> str:
    return hashlib.sha256((ROOT / "clustermanager" / "demo.py").read_bytes()).hexdigest()[:12]


def cached_database(members: int, *, seed: int = SEED, year: int = YEAR) -> Path:
    """The path of a demo database with `members` members, generated (in a subprocess) if missing."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"demo-{members}-seed{seed}-{year}-{generator_hash()}.cmdb"
    if path.exists():
        return path
    partial = path.with_name(f"{path.stem}.partial{path.suffix}")
    partial.unlink(missing_ok=True)
    print(f"building {path.name} ({members:,} members, once)…", file=sys.stderr, flush=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT), CLUSTERMANAGER_HOME=tempfile.mkdtemp(prefix="cm-bench-gen-"))
    subprocess.run([sys.executable, "-m", "clustermanager", "--db", str(partial), "demo", "--members",
                    str(members), "--seed", str(seed), "--year", str(year)], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    partial.rename(path)
    return path


if __name__ == "__main__":
    for n in map(int, sys.argv[1:] or ["150", "1500", "100000"]):
        print(cached_database(n))
