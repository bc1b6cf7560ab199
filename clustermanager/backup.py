"""Consistent copies of a SQLite database with SQLite's online backup API (never a file copy).

Backups live in a `backups` folder beside the database, named `<stem>-<YYYYmmdd-HHMMSS>-<reason>.cmdb`.
The app takes one automatically the first time it opens a database on a given day (`daily_backup_if_due`);
rotation keeps the daily backups of the last N days that have one, plus the first of each month. Manual
and safety backups (before a schema upgrade, before a restore) are never deleted automatically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from clustermanager.db import Database
from clustermanager.errors import DatabaseError
from clustermanager.i18n import _

log = logging.getLogger(__name__)

DAILY = "daily"
DAMAGED = "damaged"  # a copy that failed its integrity check: kept for an expert, never restored
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_copy: Path | None  # the database as it was just before the restore


def backups_dir(db_path: Path) -> Path:
    folder = Path(db_path).parent / "backups"
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":  # personal data: like the database, for its owner only
            os.chmod(folder, 0o700)
    return folder


class DamagedBackupError(DatabaseError):
    """The copy failed its integrity check: it was kept under a name that says so, or not at all."""

    def __init__(self, message: str, kept_as: Path | None = None):
        super().__init__(message)
        self.kept_as = kept_as


_PARTIAL = re.compile(r"^\..+\.(\d+)\.(?:partial|restoring)$")


def _partial_path(target: Path) -> Path:
    """The temporary file a backup is written to: hidden, and named with this process's id, so a later
    start can tell one left behind by a crash (`clean_stale_partials`)."""
    return target.with_name(f".{target.name}.{os.getpid()}.partial")


def _create_private(path: Path) -> None:
    """An empty file readable by its owner only from its first byte (member data goes into it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, 0o600)  # O_CREAT's mode does not apply to a file left by an earlier run


def _quick_check(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    finally:
        conn.close()


def _clear_sidecars(target: Path) -> None:
    """A -wal or -journal left beside the target would be applied to the new copy when it is opened."""
    for side in _side_files(target):
        try:
            side.unlink(missing_ok=True)
        except OSError as exc:
            raise DatabaseError(_("Cannot remove {path}, a journal file beside the backup's target; the backup "
                                  "was not written ({reason}).").format(path=side, reason=exc)) from exc


def backup_file(source: Path, target: Path, *, damaged_name: Path | None = None) -> Path:
    """Copy the database at `source` into `target` (written beside it first, verified, then renamed).

    The copy passes SQLite's quick check before it replaces `target`. A copy that fails it is kept as
    `damaged_name` when given (a backup folder's copy names itself damaged), else deleted; either way
    DamagedBackupError says so.
    """
    from clustermanager.open_files import refuse_if_database

    source, target = Path(source), Path(target)
    refuse_if_database(target, source)
    tmp = _partial_path(target)
    try:
        _create_private(tmp)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                # A plain rollback-journal file: reading a backup then leaves no -wal/-shm beside it.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        result = _quick_check(tmp)
        if result != ["ok"]:
            raise DamagedBackupError(_damaged(source, tmp, result, damaged_name), damaged_name)
        _clear_sidecars(target)
        os.replace(tmp, target)
    except DamagedBackupError:
        raise
    except sqlite3.DatabaseError as exc:
        if "malformed" not in str(exc) and "corrupt" not in str(exc):
            with contextlib.suppress(OSError, ValueError):
                tmp.unlink(missing_ok=True)
            raise DatabaseError(_("Backup to {path} failed: {reason}").format(path=target, reason=exc)) from exc
        raise DamagedBackupError(_damaged(source, tmp, [str(exc)], damaged_name), damaged_name) from exc
    except (sqlite3.Error, OSError, ValueError) as exc:  # ValueError: a NUL in the name
        with contextlib.suppress(OSError, ValueError):
            tmp.unlink(missing_ok=True)
        raise DatabaseError(_("Backup to {path} failed: {reason}").format(path=target, reason=exc)) from exc
    finally:
        with contextlib.suppress(OSError, ValueError):
            Path(f"{tmp}-journal").unlink(missing_ok=True)
    return target


def _damaged(source: Path, tmp: Path, result: list[str], damaged_name: Path | None) -> str:
    detail = "; ".join(result[:3])
    if damaged_name is not None:
        os.replace(tmp, damaged_name)
        return _("The database {path} is damaged ({detail}): its copy is kept as {copy}, marked damaged. Restore "
                 "the newest good backup (File > Restore from backup, or `clustermanager restore FILE`).").format(
            path=source, detail=detail, copy=damaged_name)
    tmp.unlink(missing_ok=True)
    return _("The database {path} is damaged ({detail}): no backup was written. Restore the newest good backup "
             "(File > Restore from backup, or `clustermanager restore FILE`).").format(path=source, detail=detail)


def clean_stale_partials(db_path: Path) -> list[Path]:
    """Delete the temporary copies a crashed backup or restore left beside the database or in its backups
    folder (named with the process id: those of a process still running are kept)."""
    removed = []
    db_path = Path(db_path)
    for folder in (db_path.parent, db_path.parent / "backups"):
        try:
            entries = list(folder.iterdir()) if folder.is_dir() else []
        except OSError:
            continue
        for entry in entries:
            match = _PARTIAL.match(entry.name)
            if match is None or _process_alive(int(match.group(1))):
                continue
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    if removed:
        log.info("removed %d temporary backup files left by a crash", len(removed))
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its file alone
    return True


def _new_backup_path(db_path: Path, reason: str, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now()).strftime(_STAMP)
    folder = backups_dir(db_path)
    suffix = db_path.suffix or ".cmdb"
    candidate = folder / f"{db_path.stem}-{stamp}-{reason}{suffix}"
    n = 2
    while candidate.exists():  # two backups in the same second
        candidate = folder / f"{db_path.stem}-{stamp}-{reason}.{n}{suffix}"
        n += 1
    return candidate


def is_folder(path: Path) -> bool:
    try:
        return Path(path).is_dir()
    except (OSError, ValueError) as exc:  # a name too long for the system, a NUL in it
        raise DatabaseError(_("Cannot use {path}: {reason}").format(path=path, reason=exc)) from exc


def backup_database(db: Database, target: Path | None = None, *, reason: str = "manual") -> Path:
    if db.path is None:
        raise DatabaseError(_("Only a database file can be backed up here; back up a server with its own tools."))
    if target:
        return backup_file(db.path, Path(target))
    path = _new_backup_path(db.path, reason)
    return backup_file(db.path, path, damaged_name=_damaged_path(path))


def _damaged_path(path: Path) -> Path:
    """`cluster-20250301-091500-daily.cmdb` -> `cluster-20250301-091500-damaged.cmdb`."""
    stem = path.stem.rsplit("-", 1)[0]
    return path.with_name(f"{stem}-damaged{path.suffix}")


def backup_before_migration(db: Database, current: str | None, head: str) -> None:
    if db.path is not None:
        backup_database(db, reason=f"before-schema-{head}")


# ---------------------------------------------------------------------------------------------
# Listing, daily backups and rotation


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of the database at `db_path`, newest first."""
    db_path = Path(db_path)
    folder = db_path.parent / "backups"
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"^{re.escape(db_path.stem)}-(\d{{8}}-\d{{6}})-([^.]+)(?:\.\d+)?{re.escape(db_path.suffix)}$")
    found = []
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if not match or not entry.is_file():
            continue
        try:
            taken = dt.datetime.strptime(match.group(1), _STAMP)
        except ValueError:
            continue
        found.append(BackupInfo(entry, taken, match.group(2), entry.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup that passes SQLite's quick check (a damaged copy is never proposed)."""
    for info in list_backups(db_path):
        if info.reason == DAMAGED:
            continue
        try:
            if _quick_check(info.path) == ["ok"]:
                return info.path
        except sqlite3.Error:
            continue
    return None


def daily_backup_if_due(db: Database, *, keep_days: int | None = None, now: dt.datetime | None = None
                        ) -> Path | None:
    """Back up a database file once per day it is used; cheap (one folder listing) when already done.

    Call it when a database is opened (window, write commands). Returns the new backup or None.
    """
    if db.path is None or not db.path.exists() or db.damaged:
        return None  # a damaged database is not copied over and over: it says so when opened
    now = now or dt.datetime.now()
    clean_stale_partials(db.path)
    if any(b.taken_at.date() == now.date() and b.reason != DAMAGED for b in list_backups(db.path)):
        return None
    if keep_days is None:
        from clustermanager.config import AppSettings

        keep_days = AppSettings.load().backup_keep_days
    new = _new_backup_path(db.path, DAILY, now)
    path = backup_file(db.path, new, damaged_name=_damaged_path(new))
    log.info("daily backup written (%d bytes)", path.stat().st_size)
    rotate(db.path, keep_days=keep_days)
    return path


def rotate(db_path: Path, *, keep_days: int) -> list[Path]:
    """Delete daily backups except those of the last `keep_days` days that have one and each month's first."""
    daily = [b for b in list_backups(db_path) if b.reason == DAILY]
    recent_days = sorted({b.taken_at.date() for b in daily}, reverse=True)[:max(1, keep_days)]
    first_of_month: dict[tuple[int, int], BackupInfo] = {}
    for b in sorted(daily, key=lambda b: b.taken_at):
        first_of_month.setdefault((b.taken_at.year, b.taken_at.month), b)
    keep = {b.path for b in first_of_month.values()} | {b.path for b in daily if b.taken_at.date() in recent_days}
    deleted = []
    for b in daily:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            deleted.append(b.path)
    return deleted


# ---------------------------------------------------------------------------------------------
# Restore


def validate_backup(path: Path) -> str:
    """The schema revision of a backup, after checking it is a whole ClusterManager database."""
    from clustermanager import migrations

    path = Path(path)
    try:
        found = path.is_file()
    except (OSError, ValueError) as exc:  # a name too long for the system, a NUL in it
        raise DatabaseError(_("No backup at {path}: {reason}").format(path=path, reason=exc)) from exc
    if not found:
        raise DatabaseError(_("No backup at {path}.").format(path=path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            # quick_check: every page and row, not the index contents; 3x faster than integrity_check on a
            # large file, and `check` runs the full one after the restore if in doubt.
            result = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = (conn.execute("SELECT version_num FROM alembic_version").fetchone()
                        if "alembic_version" in tables else None)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DatabaseError(_("{path} is not a ClusterManager database ({reason}).").format(
            path=path, reason=exc)) from exc
    if result != ["ok"]:
        raise DatabaseError(_("{path} is damaged: {reason}").format(path=path, reason="; ".join(result[:3])))
    if revision is None or "member" not in tables:
        raise DatabaseError(_("{path} is not a ClusterManager database.").format(path=path))
    if revision[0] not in migrations.known_revisions():
        raise DatabaseError(_("{path} was made by a newer ClusterManager (schema {rev}); update the app first.")
                            .format(path=path, rev=revision[0]))
    return revision[0]


def restore(db_path: Path, backup: Path, *, db: Database | None = None) -> RestoreResult:
    """Replace the database at `db_path` by `backup`, after backing the current file up.

    `db`, when given, is the open database on `db_path`: it is closed first (no connection may keep
    the old file). The old WAL is emptied before the swap, so it can never be applied to the new file.
    """
    db_path, backup = Path(db_path), Path(backup)
    validate_backup(backup)
    if db_path.exists() and db_path.samefile(backup):
        raise DatabaseError(_("{path} is the database itself, not a backup of it.").format(path=backup))
    if db is not None:
        db.close()
    safety = _safety_copy(db_path) if db_path.exists() else None
    staged = backup_file(backup, db_path.with_name(f".{db_path.name}.{os.getpid()}.restoring"))
    try:
        os.replace(staged, db_path)
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise DatabaseError(_("Cannot replace {path}: {reason}").format(path=db_path, reason=exc)) from exc
    for side in _side_files(db_path):
        side.unlink(missing_ok=True)
    log.info("database restored from a backup")
    return RestoreResult(backup, safety)


def _side_files(db_path: Path) -> list[Path]:
    return [Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), Path(f"{db_path}-journal")]


def _safety_copy(db_path: Path) -> Path:
    """Back up the current file before it is replaced, then empty its WAL into it.

    A damaged file (often the reason for a restore) cannot go through the backup API: its raw files are
    copied instead, and its WAL is deleted so it cannot be replayed onto the restored database.
    """
    try:
        safety = backup_file(db_path, _new_backup_path(db_path, "before-restore"))
        conn = sqlite3.connect(db_path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        return safety
    except (DatabaseError, sqlite3.Error):
        safety = _new_backup_path(db_path, "before-restore-raw")
        shutil.copy2(db_path, safety)
        for side in _side_files(db_path):
            if side.exists():
                shutil.copy2(side, safety.with_name(safety.name + side.name[len(db_path.name):]))
                side.unlink()
        return safety
