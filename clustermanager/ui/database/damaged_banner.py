"""The bar above the screens when the database is damaged and open read-only.

It says why (the file failed SQLite's integrity check), names the newest good backup and offers
File > Restore from backup with that backup chosen. Hidden for a healthy database; it follows the
database when another one is opened or a backup restored.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from clustermanager.i18n import _
from clustermanager.ui.shell.style import colour


class DamagedBanner(QFrame):
    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window_ = window
        self.setObjectName("damagedBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"#damagedBanner {{ background: {colour('row_error').name()}; }}"
                           f"#damagedBanner QLabel {{ color: {colour('text').name()}; }}")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName(_("Database damaged: read-only"))
        self.restore_button = QPushButton(_("Restore from backup…"))
        self.restore_button.clicked.connect(self.restore)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
        self.hide()

    def update_for(self, db) -> None:
        damaged = getattr(db, "damaged", None) if db is not None else None
        self.setVisible(bool(damaged))
        if damaged:
            self.label.setText("<b>" + _("Read-only: the database is damaged.") + "</b> " + _escape(damaged))

    def restore(self) -> None:
        from clustermanager.ui.database.data_safety import restore_from_backup

        restore_from_backup(self.window_, getattr(self.window_.ctx.db, "good_backup", None))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
