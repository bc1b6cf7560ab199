"""A real process killed (SIGKILL) in the middle of a long write leaves the database exactly as it was."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from clustermanager.db import open_database
from clustermanager.services.cluster import ProfileData, save_profile
from clustermanager.services.integrity import run_checks
from tests.core.fingerprint import fingerprint

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def _env(tmp_path) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "CLUSTERMANAGER_HOME": str(tmp_path / "home")}


def _state(path: Path) -> dict:
    db = open_database(path, migrate=False)
    try:
        return fingerprint(db)
    finally:
        db.close()


def _assert_intact(path: Path, before: dict) -> None:
    db = open_database(path)  # the next start: recovers the WAL, must open cleanly
    try:
        report = run_checks(db)
        assert report.ok, [f.message for f in report.findings if not f.ok]
        assert fingerprint(db) == before
    finally:
        db.close()


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL


def test_killed_during_a_member_import(demo_db, tmp_path):
    path = demo_db.path
    demo_db.close()
    before = _state(path)
    proc = subprocess.Popen([sys.executable, "-m", "tests.core.crash_helper", str(path), "20000"], cwd=ROOT,
                            env=_env(tmp_path), stdout=subprocess.PIPE, text=True)
    try:
        seen = [proc.stdout.readline().strip() for _ in range(4)]  # 0, 100, 200, 300: well inside the work
    finally:
        _kill(proc)
    assert seen == ["0", "100", "200", "300"]
    _assert_intact(path, before)


def test_killed_during_demo_generation(tmp_path):
    path = tmp_path / "demo.cmdb"
    db = open_database(path)
    with db.session() as s:
        save_profile(s, ProfileData(name="Our cluster", kind="ibn", funding_start=dt.date(2024, 1, 1)))
    db.close()
    before = _state(path)
    proc = subprocess.Popen([sys.executable, "-m", "clustermanager", "--db", str(path), "demo", "--members", "20000"],
                            cwd=ROOT, env=_env(tmp_path), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    try:
        progress = b""
        while b"Members" not in progress and proc.poll() is None:  # the demo is writing members now
            progress += proc.stderr.read(1)
        assert proc.poll() is None, progress.decode(errors="replace")
    finally:
        _kill(proc)
    _assert_intact(path, before)


def test_killed_during_an_import_on_postgres(pg_db, tmp_path):
    """On a server the open transaction of a killed client is rolled back: nothing of the import stays."""
    url = pg_db.url.render_as_string(hide_password=False)
    before = fingerprint(pg_db)
    proc = subprocess.Popen([sys.executable, "-m", "tests.core.crash_helper", url, "20000"], cwd=ROOT,
                            env=_env(tmp_path), stdout=subprocess.PIPE, text=True)
    try:
        seen = [proc.stdout.readline().strip() for _ in range(3)]
    finally:
        _kill(proc)
    assert seen == ["0", "100", "200"]
    assert fingerprint(pg_db) == before
    report = run_checks(pg_db)
    assert report.ok, [f.message for f in report.findings if not f.ok]
