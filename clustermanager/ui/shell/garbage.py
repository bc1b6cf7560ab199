"""Python's garbage collector runs on the main thread, between events, never inside Qt's own work.

Left automatic, it runs on whichever thread happens to allocate: a worker reading the database could
collect a cycle that holds a window object and delete that Qt object on the wrong thread, and a
collection in the middle of Qt's loop over every widget (switching the appearance repolishes them all)
deleted widgets under it. Both crashed the window with a segfault. So while the window runs, automatic
collection is off and a main-thread timer collects what is due, with the thresholds Python would use.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


def collect_due() -> int:
    """Collect the oldest generation whose count passed its threshold; the number of objects freed."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = [generation for generation in range(3) if counts[generation] > thresholds[generation]]
    return gc.collect(max(due)) if due else 0


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject):
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(collect_due)
        self._timer.start(INTERVAL_MS)


_collector: MainThreadCollector | None = None


def install(app: QObject) -> None:
    """Once per application (application() calls it)."""
    global _collector
    if _collector is None:
        _collector = MainThreadCollector(app)
