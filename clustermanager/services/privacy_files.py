"""After an erasure: the bytes of the person leave the database file, and the backups that still hold them
are named exactly (and can be purged).

SQLite keeps deleted text in free pages unless `secure_delete` is on (the app turns it on for every
connection, see db.py); a VACUUM after the erasure rewrites the file without free pages. Backups are
separate files: each one that still holds the person un-erased is listed, and `purge_backups` erases
the person in them too (then vacuums them). A PostgreSQL server keeps old row versions until its own
VACUUM, and its own backups: the app can only say so.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from clustermanager.db import Database, open_database
from clustermanager.errors import UserError
from clustermanager.i18n import _

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PurgeResult:
    purged: tuple[Path, ...]
    failed: tuple[tuple[Path, str], ...]  # a backup that could not be changed, and why


def compact(db: Database) -> bool:
    """VACUUM a database file after an erasure (its free pages may hold the erased text); True if done."""
    if not db.is_sqlite or db.path is None:
        return False
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        # The register's full-text index keeps a deleted text's trigrams in older segments until they are
        # merged: rebuilt from the search table (which the triggers already cleared), then vacuumed.
        conn.exec_driver_sql("INSERT INTO member_search_fts (member_search_fts) VALUES ('rebuild')")
        conn.exec_driver_sql("VACUUM")
    return True


def server_note(db: Database) -> str | None:
    """What a PostgreSQL server keeps after an erasure, for the message; None for a file."""
    if db.is_sqlite:
        return None
    return _("On the PostgreSQL server the old row versions remain until the server's VACUUM reclaims them, and "
             "the server's own backups (pg_dump files, WAL archives) still hold the person: ask your IT service to "
             "run VACUUM and to let those backups expire or erase the person in them.")


def backups_holding(db_path: Path | None, contact_id: int) -> list[Path]:
    """The backups of the database file in which contact `contact_id` is still there, un-erased."""
    from clustermanager.backup import list_backups

    if db_path is None:
        return []
    found = []
    for info in list_backups(db_path):
        with contextlib.suppress(sqlite3.Error):
            conn = sqlite3.connect(f"file:{info.path}?mode=ro", uri=True)
            try:
                row = conn.execute("SELECT 1 FROM contact WHERE id = ? AND erased_on IS NULL", (contact_id,)).fetchone()
            finally:
                conn.close()
            if row is not None:
                found.append(info.path)
    return found


def purge_backups(paths: list[Path], contact_id: int) -> PurgeResult:
    """Erase the person in each backup (as in the database) and vacuum it; a backup of an older schema that
    cannot be changed is reported, not skipped silently."""
    from clustermanager.services import privacy

    purged, failed = [], []
    for path in paths:
        try:
            backup_db = open_database(path, migrate=False, create=False)
        except UserError as exc:
            failed.append((path, str(exc)))
            continue
        try:
            with backup_db.session() as session:
                privacy.erase_person(session, contact_id)
            compact(backup_db)
            with backup_db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=DELETE")  # a backup stays one self-contained file
            purged.append(path)
        except Exception as exc:  # noqa: BLE001 (an older schema, a read-only file: say which and why)
            failed.append((path, type(exc).__name__ if not isinstance(exc, UserError) else str(exc)))
        finally:
            backup_db.close()
            for side in ("-wal", "-shm"):
                with contextlib.suppress(OSError):
                    Path(f"{path}{side}").unlink(missing_ok=True)
    log.info("contact %d purged from %d backups (%d failed)", contact_id, len(purged), len(failed))
    return PurgeResult(tuple(purged), tuple(failed))
