"""The big title (and grey subtitle) on top of every screen, so all screens look alike."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout


def screen_header(title: str, subtitle: str = "") -> tuple[QVBoxLayout, QLabel]:
    """The title (and grey subtitle) on top of a screen; returns the layout and the subtitle label."""
    box = QVBoxLayout()
    box.setSpacing(2)
    label = QLabel(title)
    label.setObjectName("screenTitle")
    sub = QLabel(subtitle)
    sub.setObjectName("screenSubtitle")
    box.addWidget(label)
    box.addWidget(sub)
    return box, sub
