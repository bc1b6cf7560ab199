"""The layer contracts of pyproject.toml ([tool.importlinter]) hold: no module imports upward, the core
never imports Qt (docs/architecture.md, "Layers")."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_lint_imports_keeps_every_contract():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                           "lint_imports_command()", "--no-cache"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_every_core_module_is_in_a_layer_and_qt_free():
    """A new top-level module or package must be placed in the layers (and, outside ui/ and cli/, in the
    Qt-free contract), or import-linter would not look at it."""
    contracts = {c["id"]: c for c in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
                 ["contracts"]}
    placed = {name.strip() for layer in contracts["layers"]["layers"] for name in layer.replace("|", ":").split(":")}
    package = ROOT / "clustermanager"
    names = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    names |= {p.name for p in package.iterdir() if (p / "__init__.py").exists()}
    assert names - placed == set()
    qt_free = {m.removeprefix("clustermanager.") for m in contracts["qt-free-core"]["source_modules"]}
    assert names - {"ui", "cli", "__main__"} - qt_free == set()
