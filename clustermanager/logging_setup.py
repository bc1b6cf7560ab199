"""Logging to a rotating file in the user's data folder. Logs hold ids and errors, never personal data."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from clustermanager import config

_handler: logging.Handler | None = None
_handler_path: Path | None = None


def configure(verbose: bool = False) -> None:
    """Attach the file handler (again, if the data folder changed since: tests, portable installs)."""
    global _handler, _handler_path
    root = logging.getLogger("clustermanager")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    path = config.log_file()
    if _handler is not None and _handler_path == path:
        return
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    _handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(_handler)
    _handler_path = path


def log_bug(exc: BaseException, where: str) -> str:
    """Log an unexpected exception with its traceback; returns the log file's path for the message."""
    configure()
    logging.getLogger("clustermanager").error("unexpected error in %s", where, exc_info=exc)
    _handler.flush()
    return str(_handler_path)
