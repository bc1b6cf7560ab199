"""The bundle's entry point: a double-clicked database opens in the window, anything else is the CLI."""

from __future__ import annotations

import importlib.util
from pathlib import Path

LAUNCHER = Path(__file__).resolve().parents[2] / "installers" / "launcher.py"


def _launcher():
    spec = importlib.util.spec_from_file_location("cm_launcher", LAUNCHER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_lone_database_file_becomes_the_window_on_it():
    bundle_args = _launcher().bundle_args
    assert bundle_args([r"C:\Users\an\Cluster.CMDB"]) == ["--db", r"C:\Users\an\Cluster.CMDB"]
    assert bundle_args([]) == []
    assert bundle_args(["selftest"]) == ["selftest"]
    assert bundle_args(["--db", "x.cmdb", "check"]) == ["--db", "x.cmdb", "check"]

