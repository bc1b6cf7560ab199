"""`Dialog`: the base of every dialog of the window, so each gets the keyboard and screen-reader manners.

When a dialog shows, `keyboard_access.prepare` puts the focus in its first field, names its controls
and lets Tab leave its notes and tables. It is done here, in the dialog's own show event, rather than
by an application-wide event filter: such a filter sees every event of every object, including objects
Qt is halfway through destroying, and PySide crashes (a segfault) when it wraps those for Python.
tests/ui/common/test_dialog.py fails on a dialog class that does not derive from `Dialog`.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog

from clustermanager.ui.shell import keyboard_access


class Dialog(QDialog):
    def showEvent(self, event):  # noqa: N802 (Qt name)
        super().showEvent(event)
        # One event-loop turn later, once the layouts have placed the fields; the timer dies with the dialog.
        QTimer.singleShot(0, self, lambda: keyboard_access.prepare(self) if self.isVisible() else None)
