"""The database files open in this process, so that no export can be written over one of them.

`export workbook s.cmdb` or `report --pdf s.cmdb` would otherwise replace the open database by a
workbook (the export's rename is atomic and silent). Every writer goes through `io.atomic.atomic_write`,
which asks `refuse_if_database` first; backups ask too.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from clustermanager.errors import UserError
from clustermanager.i18n import _

SIDECARS = ("-wal", "-shm", "-journal", ".lock")
_open: dict[Path, int] = {}
_guard = threading.Lock()


def _key(path: str | os.PathLike) -> Path:
    try:
        return Path(os.path.realpath(os.path.abspath(path)))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


def register(path: str | os.PathLike) -> None:
    with _guard:
        key = _key(path)
        _open[key] = _open.get(key, 0) + 1


def unregister(path: str | os.PathLike) -> None:
    with _guard:
        key = _key(path)
        if _open.get(key, 0) <= 1:
            _open.pop(key, None)
        else:
            _open[key] -= 1


def database_files(path: str | os.PathLike) -> list[Path]:
    """A database file and the files SQLite and the app keep beside it."""
    key = _key(path)
    return [key, *(key.with_name(key.name + s) for s in SIDECARS)]


def is_database_file(target: str | os.PathLike, database: str | os.PathLike | None = None) -> bool:
    """Is `target` an open database (or `database`), or one of its sidecar files?"""
    key = _key(target)
    with _guard:
        opened = list(_open)
    if database is not None:
        opened.append(_key(database))
    for db in opened:
        if key in database_files(db):
            return True
        with contextlib.suppress(OSError, ValueError):
            if key.exists() and db.exists() and os.path.samefile(key, db):
                return True
    return False


def refuse_if_database(target: str | os.PathLike, database: str | os.PathLike | None = None) -> None:
    if is_database_file(target, database):
        raise UserError(_("{path} is the database (or one of its journal files): choose another file name; "
                          "writing there would replace your data.").format(path=target))
