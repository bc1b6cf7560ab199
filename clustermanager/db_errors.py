"""Known failures of the database's surroundings, sorted from bugs.

A locked file, a full disk, a read-only folder, a failing disk, a file that cannot be opened, a server
that went away and a database driver that is not installed are circumstances, not bugs: the user can
wait, free space, move the file, reconnect or install the driver. `known_failure(exc, name)` turns them
into one `DatabaseUnavailableError` that says what happened and what to do; anything else (a wrong
query, a broken constraint the code should have prevented) stays a bug. The sorting follows SQLite's
result codes and PostgreSQL's SQLSTATE classes, as qutebrowser's misc/sql.py does, with the message
text as a fallback for drivers that give neither.
"""

from __future__ import annotations

import enum

from sqlalchemy.exc import DBAPIError

from clustermanager.errors import DatabaseError
from clustermanager.i18n import _


class Failure(enum.Enum):
    LOCKED = "locked"
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    IO_ERROR = "io_error"
    CANNOT_OPEN = "cannot_open"
    CONNECTION_LOST = "connection_lost"
    NO_DRIVER = "no_driver"


class DatabaseUnavailableError(DatabaseError):
    """The database cannot be used right now for a reason outside the program; nothing was changed."""

    def __init__(self, failure: Failure, message: str):
        super().__init__(message)
        self.failure = failure


# SQLite primary result codes (https://www.sqlite.org/rescode.html); extended codes keep them in the low byte.
_SQLITE_CODES = {5: Failure.LOCKED, 6: Failure.LOCKED, 8: Failure.READ_ONLY, 10: Failure.IO_ERROR,
                 13: Failure.DISK_FULL, 14: Failure.CANNOT_OPEN}
_SQLSTATES = {"53100": Failure.DISK_FULL, "25006": Failure.READ_ONLY, "55P03": Failure.LOCKED,
              "40P01": Failure.LOCKED, "58030": Failure.IO_ERROR, "57P01": Failure.CONNECTION_LOST,
              "57P02": Failure.CONNECTION_LOST, "57P03": Failure.CONNECTION_LOST}
_TEXTS = (("database is locked", Failure.LOCKED), ("database table is locked", Failure.LOCKED),
          ("database schema is locked", Failure.LOCKED), ("database or disk is full", Failure.DISK_FULL),
          ("readonly database", Failure.READ_ONLY), ("read-only", Failure.READ_ONLY),
          ("disk i/o error", Failure.IO_ERROR), ("unable to open database", Failure.CANNOT_OPEN),
          ("server closed the connection", Failure.CONNECTION_LOST),
          ("connection to server", Failure.CONNECTION_LOST), ("terminating connection", Failure.CONNECTION_LOST),
          ("the connection is closed", Failure.CONNECTION_LOST), ("connection timeout", Failure.CONNECTION_LOST))
_DRIVERS = {"psycopg": "PostgreSQL", "psycopg2": "PostgreSQL", "pg8000": "PostgreSQL", "asyncpg": "PostgreSQL"}


def classify(exc: BaseException) -> Failure | None:
    """Which known failure `exc` is, or None (a bug)."""
    if isinstance(exc, ImportError) and (exc.name or "").split(".")[0] in _DRIVERS:
        return Failure.NO_DRIVER
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return Failure.CONNECTION_LOST
        exc = exc.orig if exc.orig is not None else exc
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_CODES:
        return _SQLITE_CODES[code & 0xFF]
    sqlstate = getattr(exc, "sqlstate", None) or getattr(exc, "pgcode", None)
    if isinstance(sqlstate, str):
        if sqlstate in _SQLSTATES:
            return _SQLSTATES[sqlstate]
        if sqlstate.startswith("08"):  # connection exception
            return Failure.CONNECTION_LOST
        if sqlstate.startswith("53"):  # insufficient resources: out of disk, memory or connections
            return Failure.DISK_FULL if sqlstate == "53100" else Failure.LOCKED
    if type(exc).__name__ != "OperationalError":  # integrity, programming and data errors are bugs
        return None
    text = str(exc).lower()
    for fragment, failure in _TEXTS:
        if fragment in text:
            return failure
    if getattr(exc, "sqlstate", "missing") is None:  # psycopg: an OperationalError without SQLSTATE
        return Failure.CONNECTION_LOST  # comes from the connection itself, never from a statement
    return None


def message(failure: Failure, name: str, driver: str = "") -> str:
    """What happened and what to do, in the user's language."""
    if failure is Failure.LOCKED:
        return _("The database {name} is busy: another program or person is writing to it. Nothing was "
                 "changed. Wait a moment and try again.").format(name=name)
    if failure is Failure.DISK_FULL:
        return _("The disk that holds the database {name} is full. Nothing was changed. Free some space "
                 "and try again.").format(name=name)
    if failure is Failure.READ_ONLY:
        return _("The database {name} is read-only: nothing can be saved in it. Nothing was changed. Move "
                 "the file to a folder you can write to, or ask for write permission.").format(name=name)
    if failure is Failure.IO_ERROR:
        return _("The disk could not read or write the database {name}. Nothing was changed. Check the "
                 "disk or the network drive, then try again.").format(name=name)
    if failure is Failure.CANNOT_OPEN:
        return _("The database {name} cannot be opened: the file or its folder is missing or not "
                 "accessible. Check that the drive is connected, then try again.").format(name=name)
    if failure is Failure.CONNECTION_LOST:
        return _("The connection to the database server {name} was lost or could not be made. Nothing "
                 "was changed. Check the network and the server, then try again.").format(name=name)
    return _("This installation cannot connect to a {database} database: its driver ({module}) is not "
             "installed. Install it (pip install \"psycopg[binary]\") or ask your IT service.").format(
        database=_DRIVERS.get(driver, driver) or "PostgreSQL", module=driver or "psycopg")


def known_failure(exc: BaseException, name: str) -> DatabaseUnavailableError | None:
    """The user error for a known failure of the database `name` (as people see it), or None (a bug)."""
    failure = classify(exc)
    if failure is None:
        return None
    driver = (exc.name or "").split(".")[0] if isinstance(exc, ImportError) else ""
    return DatabaseUnavailableError(failure, message(failure, name, driver))
