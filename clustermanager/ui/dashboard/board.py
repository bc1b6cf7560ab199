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
SPACING = 16


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
        self.grid = QGridLayout(content)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(SPACING)
        self.active = FigureCard(_("Active members"))
        self.sme = FigureCard(_("SME share"))
        self.joined = FigureCard(_("New members this year"))
        self.left = FigureCard(_("Left this year"))
        self.kinds = BarsCard(_("Active members by kind"))
        self.sizes = BarsCard(_("Active companies by size"))
        self.extra_cards = registry.dashboard_cards()
        self.extra = [FigureCard(_(card.title)) for card in self.extra_cards]
        self.columns = 0
        self._arrange(4)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(scroll, 1)
        self.scroll = scroll
        self.content = content
        self.shown: DashboardSnapshot | None = None
        self.stale = False

    def _arrange(self, columns: int) -> None:
        """The cards in `columns` columns (4, 2 or 1): the headline figures, the two bar charts side by
        side (each on its own row in one column), then the features' cards."""
        if columns == self.columns:
            return
        self.columns, grid = columns, self.grid
        for row in range(grid.rowCount()):
            grid.setRowStretch(row, 0)
        for column in range(max(grid.columnCount(), 4)):
            grid.setColumnStretch(column, 1 if column < columns else 0)
        figures = [self.active, self.sme, self.joined, self.left]
        for card in (*figures, self.kinds, self.sizes, *self.extra):
            grid.removeWidget(card)  # placed again below (a second addWidget would warn)
        row = 0
        for cards in (figures, None, self.extra):
            if cards is None:  # the bars: half the width each, or the whole width in one column
                half = max(columns // 2, 1)
                grid.addWidget(self.kinds, row, 0, 1, half)
                grid.addWidget(self.sizes, row + (columns == 1), 0 if columns == 1 else half, 1, half)
                row += 1 + (columns == 1)
                continue
            for number, card in enumerate(cards):
                grid.addWidget(card, row + number // columns, number % columns)
            row += -(-len(cards) // columns)
        grid.setRowStretch(row, 1)

    def resizeEvent(self, event):  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Fewer columns when four cards side by side would not fit (a 1200-pixel window, longer figures,
        larger text): the cards are never cut at the right edge. Asked again when the figures change."""
        room = self.scroll.viewport().width()
        self._arrange(next((c for c in (4, 2) if self._needs(c) <= room), 1))

    def _needs(self, columns: int) -> int:
        """The width `columns` columns take: each column as wide as its widest card, the bars side by side."""
        widths = [0] * columns
        for cards in ((self.active, self.sme, self.joined, self.left), self.extra):
            for number, card in enumerate(cards):
                column = number % columns
                widths[column] = max(widths[column], card.minimumSizeHint().width())
        bars = max(self.kinds.minimumSizeHint().width(), self.sizes.minimumSizeHint().width())
        return max(sum(widths), 2 * bars if columns > 1 else bars) + (columns - 1) * SPACING

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
        self._fit()

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
        self._fit()

