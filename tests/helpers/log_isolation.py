"""A fixture for tests that run `cli.main()` or report a bug: the log file follows each test's home.

`logging_setup.configure()` keeps its file handler for the process; without this, a later test that
reads its own log file would find the lines in the home of the test that logged first.
Use: `from tests.helpers.log_isolation import fresh_log_file  # noqa: F401` (autouse).
"""

from __future__ import annotations

import logging

import pytest


@pytest.fixture(autouse=True)
def fresh_log_file():
    yield
    from clustermanager import logging_setup

    root = logging.getLogger("clustermanager")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for name, value in (("_configured", False), ("_handler", None), ("_handler_path", None)):
        if hasattr(logging_setup, name):  # whichever version of the module state this is
            setattr(logging_setup, name, value)
