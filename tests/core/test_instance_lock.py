"""Two instances on one SQLite file: the second is told, and a killed holder's lock is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from clustermanager.instance_lock import DatabaseInUseError, InstanceLock, lock_path, read_owner

ROOT = Path(__file__).resolve().parents[2]

HOLDER = textwrap.dedent("""
    import sys
    from clustermanager.instance_lock import InstanceLock
    lock = InstanceLock(sys.argv[1]).acquire()
    print("locked", flush=True)
    sys.stdin.readline()
    lock.release()
""")


def _holder(path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_second_process_is_told_who_holds_it(tmp_path):
    path = tmp_path / "team.cmdb"
    holder = _holder(path)
    try:
        with pytest.raises(DatabaseInUseError) as info:
            InstanceLock(path).acquire()
        assert str(holder.pid) in str(info.value)
        assert "team.cmdb" in str(info.value)
        assert info.value.owner.pid == holder.pid
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(10)
    with InstanceLock(path) as lock:  # released: the next one gets it
        assert lock.held and read_owner(path).pid == os.getpid()
    assert not lock_path(path).exists()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_lock_of_a_killed_process_is_stale_and_taken_over(tmp_path):
    path = tmp_path / "crash.cmdb"
    holder = _holder(path)
    holder.send_signal(signal.SIGKILL)
    holder.wait(10)
    assert lock_path(path).exists() and read_owner(path).pid == holder.pid  # left behind
    lock = InstanceLock(path).acquire()
    assert read_owner(path).pid == os.getpid()
    lock.release()


def test_same_process_twice_is_refused_too(tmp_path):
    path = tmp_path / "twice.cmdb"
    with InstanceLock(path), pytest.raises(DatabaseInUseError):
        InstanceLock(path).acquire()
