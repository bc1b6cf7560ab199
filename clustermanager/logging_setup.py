"""Logging to a rotating file in the user's data folder. Logs hold ids and errors, never personal data."""

from __future__ import annotations

import logging
import logging.handlers

from clustermanager import config

_configured = False


def configure(verbose: bool = False) -> None:
    global _configured
    if _configured:
        return
    handler = logging.handlers.RotatingFileHandler(config.log_file(), maxBytes=2_000_000, backupCount=3,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("clustermanager")
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    _configured = True


def log_bug(exc: BaseException, where: str) -> str:
    """Log an unexpected exception with its traceback; returns the log file's path for the message."""
    configure()
    logging.getLogger("clustermanager").error("unexpected error in %s", where, exc_info=exc)
    return str(config.log_file())
