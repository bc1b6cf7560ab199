"""Failures of the database's surroundings reach people as one clear DatabaseUnavailableError; bugs stay bugs.

Each case is made with the real condition where the machine allows it: a second connection holding the
write lock, SQLite's own page limit for a full disk, `query_only` for a read-only database, a folder
removed under an open database, psycopg hidden from the import system, a server connection terminated
by the server. A failing disk cannot be made on demand; that one is SQLite's own error, raised inside
the unit of work.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys

import pytest
import sqlalchemy
from sqlalchemy import event, text

from clustermanager import i18n
from clustermanager.db import open_database
from clustermanager.db_errors import DatabaseUnavailableError, Failure, classify, known_failure
from clustermanager.errors import DatabaseError, UserError


def _file_db(tmp_path, name="known.cmdb"):
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    db = open_database(folder / name, migrate=False)
    with db.session() as session:
        session.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body BLOB)"))
    return db


def _on_connect(db, *statements):
    """Run `statements` on every new connection (after the app's own pragmas), from now on."""
    def run(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        for statement in statements:
            cursor.execute(statement)
        cursor.close()

    event.listen(db.engine, "connect", run)
    db.engine.dispose()


def _write(db, size=10):
    with db.session() as session:
        session.execute(text("INSERT INTO note (body) VALUES (:body)"), {"body": b"x" * size})


def locked(tmp_path):
    db = _file_db(tmp_path)
    _on_connect(db, "PRAGMA busy_timeout=50")
    holder = sqlite3.connect(db.path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    holder.execute("INSERT INTO note (body) VALUES (x'00')")
    try:
        _write(db)
    finally:
        holder.rollback()
        holder.close()
        db.close()


def disk_full(tmp_path):
    db = _file_db(tmp_path)
    with db.session() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar()
    _on_connect(db, f"PRAGMA max_page_count={pages + 2}")  # the file may not grow: SQLite says the disk is full
    try:
        _write(db, size=200_000)
    finally:
        db.close()


def read_only(tmp_path):
    db = _file_db(tmp_path)
    _on_connect(db, "PRAGMA query_only=ON")
    try:
        _write(db)
    finally:
        db.close()


def io_error(tmp_path):
    db = _file_db(tmp_path)
    failure = sqlite3.OperationalError("disk I/O error")
    failure.sqlite_errorcode, failure.sqlite_errorname = 778, "SQLITE_IOERR_WRITE"
    try:
        with db.session() as session:
            session.execute(text("SELECT 1"))
            raise sqlalchemy.exc.OperationalError("INSERT INTO note", {}, failure)
    finally:
        db.close()


def cannot_open(tmp_path):
    db = _file_db(tmp_path)
    db.engine.dispose()
    shutil.rmtree(db.path.parent)  # the network drive went away while the window was open
    try:
        _write(db)
    finally:
        db.close()


def connection_lost(tmp_path):
    psycopg = pytest.importorskip("psycopg")
    db = _file_db(tmp_path)
    gone = psycopg.OperationalError("server closed the connection unexpectedly")
    try:
        with db.session():
            raise sqlalchemy.exc.OperationalError("SELECT 1", {}, gone, connection_invalidated=True)
    finally:
        db.close()


def no_driver(_tmp_path):
    saved = sys.modules.get("psycopg")
    sys.modules["psycopg"] = None  # as on an installation without the PostgreSQL driver
    try:
        open_database("postgresql://ann@127.0.0.1:1/cluster", migrate=False)
    finally:
        if saved is None:
            sys.modules.pop("psycopg", None)
        else:
            sys.modules["psycopg"] = saved


CASES = [(locked, Failure.LOCKED, "busy"), (disk_full, Failure.DISK_FULL, "full"),
         (read_only, Failure.READ_ONLY, "read-only"), (io_error, Failure.IO_ERROR, "could not read or write"),
         (cannot_open, Failure.CANNOT_OPEN, "cannot be opened"),
         (connection_lost, Failure.CONNECTION_LOST, "connection"), (no_driver, Failure.NO_DRIVER, "psycopg")]


@pytest.mark.parametrize(("make", "failure", "words"), CASES, ids=[c[1].value for c in CASES])
def test_a_known_failure_is_one_user_error_that_says_what_to_do(tmp_path, make, failure, words):
    with pytest.raises(DatabaseUnavailableError) as caught:
        make(tmp_path)
    assert caught.value.failure is failure
    assert isinstance(caught.value, DatabaseError) and isinstance(caught.value, UserError)
    assert words in str(caught.value)
    assert caught.value.__cause__ is not None  # the original error stays attached for the log


def test_a_locked_database_keeps_nothing_of_the_failed_unit_of_work(tmp_path):
    with pytest.raises(DatabaseUnavailableError):
        locked(tmp_path)
    db = open_database(tmp_path / "data" / "known.cmdb", migrate=False)
    with db.session() as session:
        assert session.execute(text("SELECT count(*) FROM note")).scalar() == 0
    db.close()


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_message_is_in_the_users_language(tmp_path, language):
    i18n.set_language(language)
    try:
        with pytest.raises(DatabaseUnavailableError) as caught:
            locked(tmp_path)
    finally:
        i18n.set_language("en")
    assert "busy" not in str(caught.value)
    assert str(caught.value.__cause__) not in str(caught.value)


def test_bugs_stay_bugs(tmp_path):
    db = _file_db(tmp_path)
    with pytest.raises(sqlalchemy.exc.OperationalError, match="no such table"), db.session() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    with pytest.raises(sqlalchemy.exc.IntegrityError), db.session() as session:
        session.execute(text("INSERT INTO note (id) VALUES (1), (1)"))
    with pytest.raises(ZeroDivisionError), db.session():
        raise ZeroDivisionError()
    db.close()
    assert classify(ImportError("No module named 'openpyxl'", name="openpyxl")) is None
    assert known_failure(ValueError("x"), "db") is None


@pytest.mark.postgres
def test_a_server_that_drops_the_connection_is_a_message(db, db_backend):
    """On PostgreSQL the server itself ends the session (pg_terminate_backend), as a restart would."""
    if db_backend != "postgres":
        pytest.skip("needs the PostgreSQL test server")
    with pytest.raises(DatabaseUnavailableError) as caught, db.session() as session:
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar()
        with db.engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            other.commit()
        session.execute(text("SELECT 1"))
    assert caught.value.failure is Failure.CONNECTION_LOST
