"""One window per database file: a `<db>.lock` file beside it, held with an OS lock while open.

The OS lock (flock on Unix, msvcrt on Windows) disappears when the holder exits or crashes, so a lock
file left behind by a killed process is stale and simply taken over. The file's content (pid, host,
since) only serves the message shown to the second instance. SQLite itself would allow both, but two
people editing one register side by side would overwrite each other's view of it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from clustermanager.errors import DatabaseError
from clustermanager.i18n import _

_LOCK_OFFSET = 1 << 20  # Windows locks a byte range: lock one far beyond the content so it stays readable


@dataclass(frozen=True)
class LockOwner:
    pid: int | None
    host: str
    since: str


class DatabaseInUseError(DatabaseError):
    """Another ClusterManager has this database file open."""

    def __init__(self, message: str, owner: LockOwner):
        super().__init__(message)
        self.owner = owner


def lock_path(db_path: str | os.PathLike) -> Path:
    return Path(f"{db_path}.lock")


def _try_lock(fd: int) -> bool:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def read_owner(db_path: str | os.PathLike) -> LockOwner | None:
    try:
        raw = json.loads(lock_path(db_path).read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return None
    return LockOwner(raw.get("pid"), str(raw.get("host", "?")), str(raw.get("since", "")))


class InstanceLock:
    """`acquire()` when a window opens a database file, `release()` when it closes it (or use `with`)."""

    def __init__(self, db_path: str | os.PathLike):
        self.db_path = Path(db_path)
        self.path = lock_path(db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> InstanceLock:
        if self._fd is not None:
            return self
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise DatabaseError(_("Cannot create the lock file {path}: {reason}").format(
                path=self.path, reason=exc.strerror)) from exc
        if not _try_lock(fd):
            os.close(fd)
            owner = read_owner(self.db_path) or LockOwner(None, "?", "")
            where = _("on this computer") if owner.host == socket.gethostname() else _("on {host}").format(
                host=owner.host)
            raise DatabaseInUseError(
                _("{db} is already open in another ClusterManager (process {pid} {where}, since {since}). "
                  "Close it there first.").format(db=self.db_path, pid=owner.pid, where=where, since=owner.since),
                owner,
            )
        content = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                              "since": dt.datetime.now().isoformat(timespec="seconds")})
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, content.encode("utf-8"))
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
            _unlock(fd)
        finally:
            os.close(fd)
        # Another instance may already hold a fresh lock on this path after our unlock; removing the
        # file would let a third one lock a new file beside it, so an empty lock file is left alone
        # unless nobody locks it.
        self._remove_if_free()

    def _remove_if_free(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR)
        except OSError:
            return
        try:
            if _try_lock(fd):
                if os.name == "nt":
                    _unlock(fd)
                    os.close(fd)
                    fd = -1
                self.path.unlink(missing_ok=True)
        finally:
            if fd >= 0:
                os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
