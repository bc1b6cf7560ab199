"""The navigation list on the left: one entry (icon and title) per registered screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem

from clustermanager.i18n import _
from clustermanager.ui.shell.registry import ScreenSpec

ICONS = Path(__file__).resolve().parents[1] / "icons"  # clustermanager/ui/icons


def icon(name: str) -> QIcon:
    path = ICONS / f"{name}.svg"
    return QIcon(str(path if path.exists() else ICONS / "generic.svg"))


class Sidebar(QListWidget):
    screen_chosen = Signal(str)  # the screen's key

    def __init__(self, specs: list[ScreenSpec], parent=None):
        super().__init__(parent)
        self.setObjectName("sidebar")
        # What keyboard_access.prepare would say of it, said here: the fast start prepares the frame
        # only after its first paint.
        self.setAccessibleName(_("List"))
        self.setAccessibleDescription(_("A list"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setIconSize(QSize(20, 20))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for spec in specs:
            item = QListWidgetItem(icon(spec.key), _(spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(0, 38))
            self.addItem(item)
        # Wide enough for the longest title in this language ("Voortgangsrapport", "Rapport d'avancement").
        longest = max((self.fontMetrics().horizontalAdvance(_(spec.title)) for spec in specs), default=0)
        self.setFixedWidth(max(190, longest + self.iconSize().width() + 64))
        self.currentItemChanged.connect(self._changed)

    def select(self, key: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.setCurrentRow(row)
                return

    def _changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            self.screen_chosen.emit(current.data(Qt.ItemDataRole.UserRole))
