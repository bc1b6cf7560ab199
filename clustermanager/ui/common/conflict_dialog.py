"""Someone else saved the same record meanwhile: show both versions and let the user choose."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from clustermanager.i18n import _
from clustermanager.ui.common.dialog import Dialog

KEEP_MINE, TAKE_THEIRS = "mine", "theirs"


def differences(theirs, mine) -> list[tuple[str, str, str]]:
    """(field, their value, my value) for every field both have and that differs."""
    names = [f.name for f in fields(mine) if hasattr(theirs, f.name)]
    rows = []
    for name in names:
        a, b = getattr(theirs, name), getattr(mine, name)
        text_a, text_b = ("" if a is None else str(a)), ("" if b is None else str(b))
        if text_a != text_b:
            rows.append((name.replace("_", " "), text_a, text_b))
    return rows


class ConflictDialog(Dialog):
    def __init__(self, message: str, theirs, mine, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Changed by someone else"))
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        text = QLabel(message + " " + _("Choose which version to keep."))
        text.setWordWrap(True)
        layout.addWidget(text)
        rows = differences(theirs, mine)
        # A read-only display of two small lists of values, not a data model: QTableWidget is fine here.
        table = QTableWidget(len(rows), 3)
        table.setHorizontalHeaderLabels([_("Field"), _("Saved by the other person"), _("Yours")])
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(value))
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.resizeColumnsToContents()
        layout.addWidget(table)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        theirs_button = QPushButton(_("Take their version"))
        mine_button = QPushButton(_("Keep mine"))
        cancel = QPushButton(_("Cancel"))
        theirs_button.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        mine_button.clicked.connect(lambda: self._choose(KEEP_MINE))
        cancel.clicked.connect(self.reject)
        for button in (cancel, theirs_button, mine_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.resize(560, 320)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def resolve_conflict(parent, message: str, theirs, mine) -> str | None:
    """KEEP_MINE, TAKE_THEIRS or None (cancel). Tests replace this function."""
    dialog = ConflictDialog(message, theirs, mine, parent)
    dialog.exec()
    return dialog.choice
