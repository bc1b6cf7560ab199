"""The dashboard screen (first version; filled in by the next commits)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from clustermanager.i18n import _
from clustermanager.ui.screens import Screen


class DashboardScreen(Screen):
    topics = ("members",)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Dashboard")))
