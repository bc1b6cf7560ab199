"""The header on top of a record's dialog: the record's name in large type and one line on what it is
("Company · small · member since 17/07/2020"), so a dialog says which record is open, as a screen says
which screen it is. The window title says the same for the task bar."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

# The same margins as a screen (ui/common/screen.py), so a dialog's form lines up with the screens'.
MARGINS = (24, 18, 24, 14)


class RecordHeader(QWidget):
    def __init__(self, title: str, subtitle: str = "", parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(2)
        self.title = QLabel(title)
        self.title.setObjectName("dialogTitle")
        self.title.setWordWrap(True)  # a long member name takes two lines rather than widening the dialog
        self.subtitle = QLabel(subtitle)
        self.subtitle.setObjectName("dialogSubtitle")
        self.subtitle.setVisible(bool(subtitle))
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)

    def show_record(self, dialog: QDialog, title: str, subtitle: str = "") -> None:
        """The header's and the dialog's title."""
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
        dialog.setWindowTitle(title)


def facts(*parts) -> str:
    """The subtitle's parts that are known, joined by a middle dot."""
    return " · ".join(str(p) for p in parts if p)
