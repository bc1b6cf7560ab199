"""Logging to a rotating file in the user's data folder. Logs hold ids and errors, never personal data."""

from __future__ import annotations

import logging
from pathlib import Path

from clustermanager import config

_handler: logging.Handler | None = None


class _NoMessagesFormatter(logging.Formatter):
    """Tracebacks with their frames and exception types, never the exceptions' messages.

    An exception's message may quote a value (openpyxl's IllegalCharacterError quotes the cell, a
    database error the row): a person's name must not reach the log that way.
    """

    def formatException(self, ei) -> str:  # noqa: N802 (logging API)
        import traceback

        exc = ei[1]
        lines = []
        seen = set()
        while exc is not None and id(exc) not in seen:
            seen.add(id(exc))
            frames = "".join(traceback.format_tb(exc.__traceback__)).rstrip("\n")
            lines.insert(0, f"Traceback (most recent call last):\n{frames}\n"
                            f"{_type_name(exc)} (message withheld: may hold personal data)")
            exc = exc.__cause__ or exc.__context__
        return "\n--- which led to ---\n".join(lines)


def _type_name(exc: BaseException) -> str:
    kind = type(exc)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
_handler_path: Path | None = None


def configure(verbose: bool = False) -> None:
    """Attach the file handler (again, if the data folder changed since: tests, portable installs)."""
    global _handler, _handler_path
    import logging.handlers  # with socket, pickle and queue: the window attaches it after its first paint

    root = logging.getLogger("clustermanager")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    path = config.log_file()
    if _handler is not None and _handler_path == path:
        return
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    _handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    _handler.setFormatter(_NoMessagesFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(_handler)
    _handler_path = path


def log_bug(exc: BaseException, where: str) -> str:
    """Log an unexpected exception with its traceback; returns the log file's path for the message."""
    configure()
    logging.getLogger("clustermanager").error("unexpected error in %s", where, exc_info=exc)
    _handler.flush()
    return str(_handler_path)
