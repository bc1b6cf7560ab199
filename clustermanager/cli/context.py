"""What every command handler gets: the open database, and output in text or JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import sys
from decimal import Decimal
from pathlib import Path

from clustermanager.db import Database, open_database, to_url
from clustermanager.errors import UserError, ValidationError
from clustermanager.i18n import LANGUAGES, _
from clustermanager.text_safety import for_terminal


def report_language_option(p) -> None:
    """`--report-lang`: the language of the files written, apart from the messages' `--lang`."""
    p.add_argument("--report-lang", choices=sorted(LANGUAGES), metavar="LANG",
                   help=_("language of the files written: en, nl or fr (default: the language of messages)"))


def to_jsonable(value):
    """Dataclasses, Decimals (as strings: exact), dates (ISO) and enums (their value) for --json."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k.value if isinstance(k, enum.Enum) else k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    return value


class CommandContext:
    def __init__(self, args):
        self.args = args
        self.json = bool(getattr(args, "json", False))
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            from clustermanager.backup import backup_before_migration

            existed = _is_existing_file(self.args.db)
            self._db = open_database(self.args.db, before_migrate=backup_before_migration)
            if self._db.damaged:
                print(for_terminal(_("warning: {problem}").format(problem=self._db.damaged)), file=sys.stderr)
            if existed and not getattr(self.args, "read_only", False):
                self._daily_backup()
        return self._db

    def _daily_backup(self) -> None:
        """Commands that may write take the day's backup first (a folder listing when already done)."""
        from clustermanager.backup import daily_backup_if_due

        try:
            daily_backup_if_due(self._db)
        except UserError as exc:  # a full disk must not stop the command; say so
            print(_("warning: {problem}").format(problem=exc), file=sys.stderr)

    def emit(self, data, text: str | None = None) -> None:
        """Print `data` as JSON with --json, else the human text (or a plain rendering of data)."""
        if self.json:
            sys.stdout.write(for_terminal(json.dumps(to_jsonable(data), ensure_ascii=False, indent=2)) + "\n")
        elif text is not None:
            print(for_terminal(text))  # a stored escape or right-to-left override must not act on the terminal
        else:
            print(for_terminal(json.dumps(to_jsonable(data), ensure_ascii=False, indent=2)))

    def error(self, exc: UserError) -> None:
        if self.json:
            payload = {"error": str(exc)}
            if isinstance(exc, ValidationError):
                payload["problems"] = [to_jsonable(p) for p in exc.problems]
            json.dump(payload, sys.stderr, ensure_ascii=False)
            sys.stderr.write("\n")
        else:
            print(for_terminal(f"error: {exc}"), file=sys.stderr)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def _is_existing_file(location) -> bool:
    url = to_url(location)
    return url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") and Path(
        url.database).exists()


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain text table for the terminal."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(str(c))) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(out)
