"""How long work says how far it is, and how it stops when the user asks: one protocol for the core,
the command line and the window's task runner (`ui/tasks.py` implements `Progress` with Qt signals).

A core function takes `progress: OnProgress | None` (a plain function, or a `Progress`'s `report`) and,
if it can be stopped half-way, `cancelled: Callable[[], bool] | None`; when that says yes it raises
`Cancelled`, and the caller's transaction rolls back: nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

OnProgress = Callable[[int, str], None]
"""`progress(percent, message)`: percent 0-100, message the step being done (translated)."""


class Cancelled(Exception):  # noqa: N818 (not an error: the user asked for it)
    """The user stopped the work; nothing was changed (the transaction is rolled back)."""


class Progress(Protocol):
    """What a long job is handed (in the window: by `TaskRunner.run`)."""

    def report(self, percent: int | float | None, message: str = "") -> None:
        """`percent` 0-100, or None for "busy, no idea how long"."""

    @property
    def cancelled(self) -> bool:
        """True once the user asked to stop."""

    def check(self) -> None:
        """Raise `Cancelled` if the user asked to stop."""


def stop_if_cancelled(cancelled: Callable[[], bool] | None) -> None:
    """Raise `Cancelled` when `cancelled` (a core function's `cancelled=` argument) says so."""
    if cancelled is not None and cancelled():
        raise Cancelled()
