"""The base class of a screen: one page of the window, refreshed when the data it shows changes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class Screen(QWidget):
    """One page of the window. Subclasses build their widgets in __init__ and load data in refresh().

    `topics` lists the `ctx.data_changed` topics that make the screen stale; a stale screen refreshes
    now if it is visible, or when it is next shown. A new database always makes it stale.
    """

    topics: tuple[str, ...] = ()
    status_changed = Signal(str)  # emit with status_text() when the counts change

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        ctx.data_changed.connect(self._on_data_changed)
        ctx.database_changed.connect(self._database_changed)

    def refresh(self) -> None:
        """Reload what the screen shows (through ctx.tasks for anything slow)."""

    def reset(self) -> None:
        """Another database was opened: forget what was shown (refresh() follows)."""

    def status_text(self) -> str:
        """What the status bar shows while this screen is current (counts, totals)."""
        return ""

    def _on_data_changed(self, topic: str) -> None:
        if topic in self.topics:
            self._mark_stale()

    def _database_changed(self) -> None:
        self.reset()
        self._mark_stale()

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh_if_stale()

    def refresh_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.refresh_if_stale()
