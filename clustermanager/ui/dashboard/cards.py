"""Dashboard building blocks: a figure card and a card with horizontal bars.

Imports no number formats (babel): the start-up shows kept figures with these before the rest loads.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsDropShadowEffect, QLabel, QSizePolicy, QVBoxLayout, QWidget

from clustermanager.ui.shell.style import colour, current


class Card(QFrame):
    """A white rounded panel with a title; subclasses or callers add the body."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(18, 14, 18, 14)
        self.layout_.setSpacing(4)
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.layout_.addWidget(self.title)
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(12)
        shadow.setOffset(0, 1)
        shadow.setColor(QColor(15, 23, 42, 25))
        self.setGraphicsEffect(shadow)


class FigureCard(Card):
    """One big number with a line of explanation under it."""

    def __init__(self, title: str, parent=None):
        super().__init__(title, parent)
        self.value = QLabel("–")
        self.value.setObjectName("cardValue")
        self.note = QLabel("")
        self.note.setObjectName("cardNote")
        self.note.setWordWrap(True)
        self.layout_.addWidget(self.value)
        self.layout_.addWidget(self.note)
        self.layout_.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(120)

    def set(self, value: str, note: str = "", tone: str | None = None, tooltip: str = "") -> None:
        """`tone` "warning" draws the card in red (style.py: the `tone` property); None: the normal card.
        `tooltip`: shown over the card (the indicators card states its rule)."""
        self.value.setText(value)
        self.note.setText(note)
        self.setToolTip(tooltip)
        for widget in (self, self.value, self.note):
            widget.setProperty("tone", tone or "")
            widget.style().unpolish(widget)  # a changed property restyles only after a re-polish
            widget.style().polish(widget)


class Bars(QWidget):
    """Labelled horizontal bars, scaled to the largest value."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[tuple[str, int, str]] = []
        self.setMinimumHeight(40)

    def set_items(self, items) -> None:
        """`items`: (label, count, the count as text) per bar."""
        self.items = [(label, n, text) for label, n, text in items]
        self.setMinimumHeight(len(items) * 30 + 4)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(360, len(self.items) * 30 + 4)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        label_width = max((metrics.horizontalAdvance(label) for label, _n, _t in self.items), default=0) + 16
        number_width = metrics.horizontalAdvance("000000") + 8
        track = max(10, self.width() - label_width - number_width)
        top = max((n for _label, n, _t in self.items), default=0) or 1
        for row, (label, n, text) in enumerate(self.items):
            y = row * 30 + 4
            painter.setPen(colour("header_text"))
            painter.drawText(QRectF(0, y, label_width, 22), Qt.AlignmentFlag.AlignVCenter, label)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour("bar_track"))
            painter.drawRoundedRect(QRectF(label_width, y + 5, track, 12), 6, 6)
            painter.setBrush(QColor(current().bars[row % len(current().bars)]))
            if n:
                painter.drawRoundedRect(QRectF(label_width, y + 5, max(12, track * n / top), 12), 6, 6)
            painter.setPen(colour("heading"))
            painter.drawText(QRectF(label_width + track, y, number_width, 22),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)
        painter.end()


class BarsCard(Card):
    def __init__(self, title: str, parent=None):
        super().__init__(title, parent)
        self.bars = Bars()
        self.layout_.addSpacing(6)
        self.layout_.addWidget(self.bars)
        self.layout_.addStretch(1)
