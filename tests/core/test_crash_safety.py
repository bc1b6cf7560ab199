"""A real process killed (SIGKILL) in the middle of a long write leaves the database exactly as it was."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from clustermanager.db import open_database
from clustermanager.models import FeeCall, Member, MemberKind, SizeClass
from clustermanager.services import bank_import, fees
from clustermanager.services.cluster import ProfileData, save_profile
from clustermanager.services.integrity import run_checks
from clustermanager.services.members import active_during_clause
from tests.data.bank import make_samples as samples
from tests.helpers.fingerprint import fingerprint

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
    proc = subprocess.Popen([sys.executable, "-m", "tests.helpers.crash_helper", str(path), "20000"], cwd=ROOT,
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


def _run_until_inserting(path: Path, tmp_path, job: str, arg: str) -> None:
    """Start the job in a real process, wait until its first rows went to the database, SIGKILL it."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.helpers.crash_helper", str(path), job, arg], cwd=ROOT,
                            env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        said = proc.stdout.readline().strip()
    finally:
        _kill(proc)
    assert said.startswith("inserted into"), proc.stderr.read()


def _add_companies(db, count: int) -> None:
    """Set-based: a cluster of `count` more small companies in a second, and a 2026 fee schedule."""
    rows = [{"name": f"Company {i:06d} BV", "kind": MemberKind.COMPANY, "size_class": SizeClass.SMALL,
             "joined_on": dt.date(2020, 1, 1), "country": "BE"} for i in range(count)]
    with db.session() as s:
        s.execute(insert(Member), rows)
        fees.copy_schedule(s, 2025, 2026, "3")


def test_killed_during_a_fee_call_run(demo_db, tmp_path):
    _add_companies(demo_db, 30_000)  # two 20,000-row batches: the kill falls between them
    path = demo_db.path
    demo_db.close()
    before = _state(path)
    _run_until_inserting(path, tmp_path, "fee-calls", "2026")
    _assert_intact(path, before)
    db = open_database(path)
    with db.session() as s:  # and the run can simply be done again: a call for every member active in 2026
        active = s.scalar(select(func.count()).select_from(Member).where(
            active_during_clause(dt.date(2026, 1, 1), dt.date(2026, 12, 31))))
        assert len(fees.generate_calls(s, 2026, issued_on=dt.date(2026, 1, 15)).created) == active > 30_000
    db.close()


def _big_statement(path: Path, communications: list[str], count: int) -> Path:
    """A camt.053 of `count` credits: every other one pays a fee call, the rest wait for matching by hand."""
    entries = []
    for i in range(count):
        remittance = (samples.STRD.format(communications[i // 2 % len(communications)]) if i % 2 == 0
                      else f"<Ustrd>Lidgeld {i}</Ustrd>")
        entries.append(samples.ntry(f"CRASH-{i:06d}", "121.00", "CRDT",
                                    samples.tx(f"MEMBER {i} BV", "BE62510007547061", remittance)))
    path.write_text(samples.camt("".join(entries)), encoding="utf-8")
    return path


def test_killed_during_a_bank_statement_import(demo_db, tmp_path):
    with demo_db.session() as s:
        communications = list(s.scalars(select(FeeCall.structured_communication).where(FeeCall.year == 2025)))
    statement = _big_statement(tmp_path / "big.xml", communications, 5_000)
    path = demo_db.path
    demo_db.close()
    before = _state(path)
    _run_until_inserting(path, tmp_path, "statement", str(statement))
    _assert_intact(path, before)
    db = open_database(path)
    with db.session() as s:  # nothing was half-recorded: importing it now records every credit once
        assert bank_import.import_statement(s, statement).recorded == 5_000
    db.close()


def test_killed_during_an_import_on_postgres(pg_db, tmp_path):
    """On a server the open transaction of a killed client is rolled back: nothing of the import stays."""
    url = pg_db.url.render_as_string(hide_password=False)
    before = fingerprint(pg_db)
    proc = subprocess.Popen([sys.executable, "-m", "tests.helpers.crash_helper", url, "20000"], cwd=ROOT,
                            env=_env(tmp_path), stdout=subprocess.PIPE, text=True)
    try:
        seen = [proc.stdout.readline().strip() for _ in range(3)]
    finally:
        _kill(proc)
    assert seen == ["0", "100", "200"]
    assert fingerprint(pg_db) == before
    report = run_checks(pg_db)
    assert report.ok, [f.message for f in report.findings if not f.ok]
