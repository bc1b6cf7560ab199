"""The database: an engine from a path or URL, SQLite pragmas, migrations on open, session scope.

SQLite (a file in the user's data folder) is the default; a team points `--db` at a PostgreSQL URL.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.exc import DatabaseError as SQLDatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import StaticPool

from clustermanager import config, open_files
from clustermanager.db_errors import known_failure
from clustermanager.errors import ConflictError, DatabaseError, ValidationError
from clustermanager.i18n import _

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


SERVER_CONNECT_TIMEOUT = "10"  # seconds: an unreachable server is reported, a window does not hang for minutes


def to_url(location: str | os.PathLike | None) -> URL:
    """A path (relative or absolute) or a SQLAlchemy URL; None is the default file."""
    if location is None or str(location) == "":
        location = config.default_database_path()
    text = str(location)
    if text == ":memory:":
        return make_url("sqlite://")
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError as exc:
            raise DatabaseError(_("Not a database address: {value}").format(value=text)) from exc
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise DatabaseError(
                _("Unsupported database {value}: use a file path or postgresql+psycopg://...").format(value=text)
            )
        return _with_driver(url)
    return make_url(f"sqlite:///{Path(text).expanduser().resolve()}")


def _with_driver(url: URL) -> URL:
    """A bare postgresql:// gets the driver the app ships (psycopg 3)."""
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    return url


def server_url(host: str, port: int, database: str, user: str = "", password: str = "", *, url: str = "") -> URL:
    """The PostgreSQL URL for a server's fields, or for `url` when one is given (it wins); with a connect
    timeout. Bad fields raise ValidationError naming `host`, `database` or `url`."""
    if url.strip():
        try:
            found = make_url(url.strip())
        except ArgumentError:
            raise ValidationError("url", url, _("is not a database address (postgresql://user@host/database)")) \
                from None
        if found.get_backend_name() != "postgresql":
            raise ValidationError("url", url, _("must start with postgresql://"))
        found = _with_driver(found)
        if password and not found.password:
            found = found.set(password=password)
    else:
        problems = [(name, _("is required")) for name, value in (("host", host), ("database", database))
                    if not value.strip()]
        if problems:
            raise ValidationError(problems[0][0], "", problems[0][1])
        found = URL.create("postgresql+psycopg", username=user.strip() or None, password=password or None,
                           host=host.strip(), port=port, database=database.strip())
    if "connect_timeout" not in found.query:
        found = found.update_query_dict({"connect_timeout": SERVER_CONNECT_TIMEOUT})
    return found


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # SQLite's lower() only knows ASCII: 'Élise' would never match 'élise' in a search or a name check.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # Deleted or overwritten text (an erased person) is zeroed, not left in free pages; SQLite's default
    # is off, and not every build changes it.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: URL) -> Engine:
    """`hide_parameters`: an error's message (logged with a bug's traceback) never carries personal data."""
    if url.get_backend_name() == "sqlite":
        in_memory = url.database in (None, "", ":memory:")
        if not in_memory:
            folder = Path(url.database).parent
            if not folder.exists():
                raise DatabaseError(_("The folder {path} does not exist.").format(path=folder))
        kwargs: dict = {}
        if in_memory:  # one shared connection, or every session would see a new empty database
            kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        else:
            kwargs = {"connect_args": {"check_same_thread": False}}
        engine = create_engine(url, hide_parameters=True, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    except ImportError as exc:  # the server's driver (psycopg) is not installed here
        known = known_failure(exc, url.render_as_string(hide_password=True))
        if known is None:
            raise
        raise known from exc


@dataclass
class Database:
    """An open database: its URL, engine and session factory. Passed around, never global."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    damaged: str | None = None  # why the file is open read-only: it failed SQLite's integrity check
    good_backup: Path | None = None  # then: the newest backup that passes the check, if any

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        """The file of a SQLite database; None for memory or a server."""
        if self.is_sqlite and self.url.database not in (None, "", ":memory:"):
            return Path(self.url.database)
        return None

    @property
    def display_name(self) -> str:
        if self.path:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits at the end, rolls everything back on any error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except SQLDatabaseError as exc:
            with contextlib.suppress(SQLDatabaseError):
                session.rollback()
            if self.damaged:  # PRAGMA query_only: every write is refused, with the reason; a damaged page too
                raise DatabaseError(self.damaged) from exc
            if "malformed" in str(exc.orig) or "not a database" in str(exc.orig):
                raise DatabaseError(_("The database {name} is damaged ({reason}). Close the app and restore the "
                                      "newest good backup (`clustermanager backups list`, then `clustermanager "
                                      "restore FILE`).").format(name=self.display_name, reason=exc.orig)) from exc
            known = known_failure(exc, self.display_name)  # locked, disk full, server gone: a message, no bug
            if known is not None:
                raise known from exc
            raise
        except StaleDataError as exc:  # a service without its own version_guard: still never a silent overwrite
            session.rollback()
            raise ConflictError(_("Someone else changed this record in the meantime; nothing was saved. "
                                  "Reload it and try again.")) from exc
        except BaseException as exc:
            known = known_failure(exc, self.display_name)  # locked, disk full, server gone: a message, no bug
            try:
                session.rollback()
            except SQLDatabaseError:
                if known is None:
                    raise
            if known is not None:
                raise known from exc
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()
        if self.path is not None and self._registered:
            open_files.unregister(self.path)
            self._registered = False

    _registered: bool = False


BeforeMigrate = Callable[["Database", str | None, str], None]


def open_database(
    location: str | os.PathLike | None = None,
    *,
    migrate: bool = True,
    create: bool = True,
    before_migrate: BeforeMigrate | None = None,
    check_integrity: bool = True,
) -> Database:
    """Open (and create, and upgrade) the database at `location`.

    `before_migrate(db, current_revision, head_revision)` runs before an existing database's schema
    is upgraded, so a backup can be taken first.

    A database file gets SQLite's quick integrity check first. A damaged file is opened read-only
    (`db.damaged` says why and which backup to restore): one corrupt page must not take more writes,
    which could make the damage worse (a second row with an existing key).
    """
    url = to_url(location)
    if url.get_backend_name() == "sqlite" and url.database and not create and not Path(url.database).exists():
        raise DatabaseError(_("No database at {path}.").format(path=url.database))
    engine = make_engine(url)
    db = Database(url, engine, sessionmaker(engine, expire_on_commit=False))
    from clustermanager.change_recording import recorder  # every change recorded (docs/history.md)

    recorder.install(db.sessions)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except SQLDatabaseError as exc:  # unreachable server, locked file, or a file that is no database
        engine.dispose()
        if db.path is not None and db.path.exists():
            raise DatabaseError(_describe_unreadable(db.path, exc.orig)) from exc
        raise DatabaseError(
            _("Cannot open the database {name}: {reason}").format(name=db.display_name, reason=exc.orig)
        ) from exc
    if db.path is not None:
        _restrict_permissions(db.path)
        open_files.register(db.path)
        db._registered = True
        if check_integrity:
            problem = _integrity_problem(engine)
            if problem is not None:
                _open_read_only(db, problem)
                return db
    if migrate:
        from clustermanager import migrations

        migrations.upgrade(db, before_migrate=before_migrate)
    return db


def _restrict_permissions(path: Path) -> None:
    """Personal data: the file is readable by its owner only, where the system supports it."""
    if os.name == "posix":
        for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(OSError):
                if candidate.exists():
                    os.chmod(candidate, 0o600)


def table_names(db: Database) -> set[str]:
    return set(inspect(db.engine).get_table_names())


def _integrity_problem(engine: Engine) -> str | None:
    """SQLite's quick check (every page and row; no index contents): None when the file is whole."""
    try:
        with engine.connect() as conn:
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
    except SQLDatabaseError as exc:  # "database disk image is malformed" while reading the pages
        return str(exc.orig)
    return None if result == ["ok"] else "; ".join(result[:3])


def _query_only(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _open_read_only(db: Database, problem: str) -> None:
    from clustermanager.backup import newest_good_backup

    db.engine.dispose()
    event.listen(db.engine, "connect", _query_only)
    good = db.good_backup = newest_good_backup(db.path)
    advice = (_("Restore the newest good backup, {backup} (File > Restore from backup, or `clustermanager restore "
                "{backup}`).").format(backup=good) if good else
              _("No good backup was found beside it: ask your IT service, or copy what you can with export workbook."))
    db.damaged = _("The database {path} is damaged ({problem}); it is open read-only: you can look and export, not "
                   "change anything. {advice}").format(path=db.path, problem=problem[:200], advice=advice)


def _describe_unreadable(path: Path, reason) -> str:
    """What a file that SQLite cannot open is, and what to do about it."""
    from clustermanager.backup import newest_good_backup

    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
        size = path.stat().st_size
    except OSError:
        header, size = b"", 0
    if header.startswith(b"SQLite format 3\x00") and len(header) == 100:
        page_size = int.from_bytes(header[16:18], "big") or 65536
        pages = int.from_bytes(header[28:32], "big")
        if page_size == 1:
            page_size = 65536
        expected = page_size * pages
        what = (_("the file is truncated: {size} bytes of the {expected} it should hold (an interrupted copy or a "
                  "full disk?)").format(size=size, expected=expected) if pages and size < expected else
                _("the file is a damaged SQLite database ({reason})").format(reason=reason))
    elif header.startswith((b"\xff\xfe", b"\xfe\xff")) or header[1:2] == b"\x00":
        what = _("the file is UTF-16 text, not a database")
    else:
        what = _("the file is not a ClusterManager database ({reason})").format(reason=reason)
    good = newest_good_backup(path)
    advice = (_("Restore the newest good backup: `clustermanager --db {path} restore {backup}`.").format(
        path=path, backup=good) if good else _("Restore a backup of it, or open the right file."))
    return _("Cannot open the database {path}: {what}. {advice}").format(path=path, what=what, advice=advice)
