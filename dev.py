#!/usr/bin/env python3
"""Set up and run ClusterManager from a checkout, with nothing but Python 3.11+.

    python3 dev.py app     create .venv, install, make a demo database if there is none, open the window
    python3 dev.py test    create .venv, install with test tools, run ruff, lint-imports and the whole test suite

Extra arguments after `test` go to pytest; after `app`, to the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"


def run(*cmd: str | Path, check: bool = True) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, check=check).returncode


def ensure_venv(extras: str) -> None:
    """A .venv with the project and at least these extras; installs only when something is missing.

    `app` and `test` share one environment: the stamp records every extra installed so far, and a
    command whose extras are already there (with an unchanged pyproject.toml) installs nothing.
    """
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py itself must run on an older Python to say so
        sys.exit("ClusterManager needs Python 3.11 or newer.")
    if not PY.exists():
        venv.create(VENV, with_pip=True)
    mtime = str((ROOT / "pyproject.toml").stat().st_mtime_ns)
    wanted = {e for e in extras.split(",") if e}
    installed: set[str] = set()
    if STAMP.exists():  # extras once installed stay wanted, so the next `test` after `app` needs nothing
        stamp_extras, _sep, stamp_mtime = STAMP.read_text().partition(":")
        installed = {e for e in stamp_extras.split(",") if e}
        if stamp_mtime == mtime and wanted <= installed:
            return
    union = ",".join(sorted(wanted | installed))
    run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    # -qq: setuptools prints notes about editable installs as warnings on every install; errors still show
    run(PY, "-m", "pip", "install", "-qq", "-e", f".[{union}]" if union else ".")
    STAMP.write_text(f"{union}:{mtime}")


def app(args: list[str]) -> int:
    ensure_venv("postgres")
    demo = ROOT / "demo.cmdb"
    if not any(a == "--db" or a.startswith("--db=") for a in args):
        if not demo.exists():
            run(PY, "-m", "clustermanager", "--db", demo, "demo")
        args = ["--db", str(demo), *args]
    return run(PY, "-m", "clustermanager", *args, check=False)


def test(args: list[str]) -> int:
    ensure_venv("build,postgres,test")
    lint = [p for p in ("clustermanager", "tests", "benchmarks", "dev.py") if (ROOT / p).exists()]
    if run(PY, "-m", "ruff", "check", *lint, check=False):
        return 1
    # The layer contracts in pyproject.toml ([tool.importlinter]); a broken one fails the run.
    if run(BIN / ("lint-imports.exe" if os.name == "nt" else "lint-imports"), check=False):
        return 1
    code = run(PY, "-m", "pytest", *args, check=False)
    if code == 5:
        print("pytest collected no tests: that is a failure here.", file=sys.stderr)
        return 1
    return code


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("app", "test"):
        print(__doc__)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    return app(rest) if command == "app" else test(rest)


if __name__ == "__main__":
    sys.exit(main())
