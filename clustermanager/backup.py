"""Consistent copies of a SQLite database with SQLite's online backup API (never a file copy)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from clustermanager.db import Database
from clustermanager.errors import DatabaseError
from clustermanager.i18n import _


def backups_dir(db_path: Path) -> Path:
    folder = db_path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def backup_file(source: Path, target: Path) -> Path:
    """Copy the database at `source` into `target` (written beside it first, then renamed)."""
    target = Path(target)
    tmp = target.with_name(f".{target.name}.partial")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        if os.name == "posix":
            os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise DatabaseError(_("Backup to {path} failed: {reason}").format(path=target, reason=exc)) from exc
    return target


def backup_database(db: Database, target: Path | None = None, *, reason: str = "manual") -> Path:
    if db.path is None:
        raise DatabaseError(_("Only a database file can be backed up here; back up a server with its own tools."))
    if target is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = backups_dir(db.path) / f"{db.path.stem}-{stamp}-{reason}{db.path.suffix or '.cmdb'}"
    return backup_file(db.path, Path(target))


def backup_before_migration(db: Database, current: str | None, head: str) -> None:
    if db.path is not None:
        backup_database(db, reason=f"before-schema-{head}")
