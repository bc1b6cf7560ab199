"""Command-line tests run `main()`, which configures file logging once per process under the test's
temporary home; undo that afterwards so later tests log into their own home."""

from __future__ import annotations

import logging

import pytest

from clustermanager import logging_setup


@pytest.fixture(autouse=True)
def _reset_logging():
    logger = logging.getLogger("clustermanager")
    before = list(logger.handlers)
    yield
    for handler in logger.handlers[:]:
        if handler not in before:
            logger.removeHandler(handler)
            handler.close()
    logging_setup._configured = False
