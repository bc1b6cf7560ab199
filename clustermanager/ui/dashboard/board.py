"""The dashboard's face: the title, the cards and the bars, shown from a `DashboardSnapshot`.

Needs no database and no number formats, so the start-up (ui/startup.py) can show the figures kept
from last time before SQLAlchemy is loaded; the screen (screen.py) shows the fresh ones the same way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from clustermanager.i18n import _
from clustermanager.services.dashboard_snapshot import DashboardSnapshot
from clustermanager.ui.common.header import screen_header
from clustermanager.ui.dashboard.cards import BarsCard, FigureCard
from clustermanager.ui.shell import registry

FIGURES = ("active", "sme", "joined", "left")


def extra_key(target: str) -> str:
    return f"extra:{target}"


class DashboardBoard(QWidget):
    """Title, subtitle and cards. `show_snapshot(s, stale=True)` greys the cards and says when the
    figures were computed; `clear()` shows none (another database is opening)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)
        header, self.subtitle = screen_header(_("Dashboard"))
        layout.addLayout(header)
        self.title = self.findChild(QLabel, "screenTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # the cluster's name, never markup
        content = QWidget()  # the cards scroll on a small screen rather than being cut
        content.setObjectName("dashboardContent")
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(16)
        self.active = FigureCard(_("Active members"))
        self.sme = FigureCard(_("SME share"))
        self.joined = FigureCard(_("New members this year"))
        self.left = FigureCard(_("Left this year"))
        for column, card in enumerate((self.active, self.sme, self.joined, self.left)):
            grid.addWidget(card, 0, column)
        self.kinds = BarsCard(_("Active members by kind"))
        grid.addWidget(self.kinds, 1, 0, 1, 2)
        self.sizes = BarsCard(_("Active companies by size"))
        grid.addWidget(self.sizes, 1, 2, 1, 2)
        self.extra_cards = registry.dashboard_cards()
        self.extra = [FigureCard(_(card.title)) for card in self.extra_cards]
        for number, card in enumerate(self.extra):
            grid.addWidget(card, 2 + number // 4, number % 4)
        grid.setRowStretch(grid.rowCount(), 1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(scroll, 1)
        self.content = content
        self.shown: DashboardSnapshot | None = None
        self.stale = False

    def cards(self) -> dict[str, FigureCard]:
        cards = dict(zip(FIGURES, (self.active, self.sme, self.joined, self.left), strict=True))
        cards.update((extra_key(spec.target), card) for spec, card in zip(self.extra_cards, self.extra, strict=True))
        return cards

    def show_snapshot(self, snapshot: DashboardSnapshot, *, stale: bool, subtitle: str = "") -> None:
        """Show `snapshot`; stale: greyed, the subtitle says from when and that fresh ones are coming."""
        self.shown, self.stale = snapshot, stale
        self.title.setText(snapshot.title or _("Dashboard"))
        if stale:
            subtitle = _("Figures of {moment}, as last shown; updating…").format(moment=snapshot.computed_text)
        self.subtitle.setText(subtitle)
        for key, card in self.cards().items():
            text = snapshot.cards.get(key)
            card.set(text.value, text.note, text.tone, text.tooltip) if text else card.set("–", "")
        self.kinds.bars.set_items([(b.label, b.count, b.text) for b in snapshot.kinds])
        self.sizes.bars.set_items([(b.label, b.count, b.text) for b in snapshot.sizes])
        self.content.setEnabled(not stale)  # greyed until the fresh figures are there

    def clear(self) -> None:
        """No figures (another database opens): nothing of the one before stays on screen."""
        self.shown, self.stale = None, False
        self.title.setText(_("Dashboard"))
        self.subtitle.setText("")
        for card in self.cards().values():
            card.set("–", "")
        self.kinds.bars.set_items([])
        self.sizes.bars.set_items([])
        self.content.setEnabled(True)

