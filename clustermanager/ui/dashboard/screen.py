"""The dashboard: the cluster's headline figures at a glance, as cards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from clustermanager.i18n import _
from clustermanager.logging_setup import log_bug
from clustermanager.services.cluster import get_profile
from clustermanager.services.dashboard import HeadlineFigures, headline_figures
from clustermanager.ui.common.header import screen_header
from clustermanager.ui.common.numbers import count, day, share
from clustermanager.ui.common.screen import Screen
from clustermanager.ui.dashboard.cards import BarsCard, FigureCard
from clustermanager.ui.operations import Change
from clustermanager.ui.shell import registry
from clustermanager.ui.shell.registry import load_object


def _load(session, _progress):
    profile = get_profile(session)
    return (profile.name if profile else None), headline_figures(session), _extra_values(session)


def _extra_values(session) -> list[tuple | None]:
    """The registered cards' (value, note[, tone]); None for a card whose feature failed (logged)."""
    values = []
    for card in registry.dashboard_cards():
        try:
            with session.begin_nested():  # a failing card must not spoil the others' queries
                values.append(load_object(card.target)(session))
        except Exception as exc:  # noqa: BLE001
            log_bug(exc, f"dashboard card {card.target}")
            values.append(None)
    return values


class DashboardScreen(Screen):
    topics = (Change.MEMBERS, Change.PROFILE, Change.FEES)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)
        header, self.subtitle = screen_header(_("Dashboard"))
        self.title = header.itemAt(0).widget()
        layout.addLayout(header)
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
        self.extra = [FigureCard(_(card.title)) for card in registry.dashboard_cards()]
        for number, card in enumerate(self.extra):
            grid.addWidget(card, 2 + number // 4, number % 4)
        grid.setRowStretch(grid.rowCount(), 1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(scroll, 1)
        self.figures: HeadlineFigures | None = None

    def refresh(self) -> None:
        self.ctx.tasks.run(_load, label=_("Computing the dashboard…"), on_success=self._loaded)

    def _loaded(self, result) -> None:
        name, f, extra = result
        for card, value in zip(self.extra, extra, strict=True):
            card.set(*(value or ("–", _("Not available; see the log file"))))
        self.figures = f
        self.title.setText(name or _("Dashboard"))
        self.subtitle.setText(_("Figures on {date}").format(date=day(f.day)))
        self.active.set(count(f.active_members), _("{n} companies").format(n=count(f.active_companies)))
        if f.sme_share is None:
            self.sme.set("–", _("No companies of known size yet"))
        else:
            note = _("{smes} of the active companies are SMEs").format(smes=count(f.active_smes))
            if f.companies_without_size:
                note += " " + _("({n} of unknown size left out)").format(n=f.companies_without_size)
            self.sme.set(share(f.sme_share), note)
        self.joined.set(count(f.joined_this_year), _("since 1 January {year}").format(year=f.day.year))
        self.left.set(count(f.left_this_year), _("memberships ended since 1 January"))
        self.kinds.bars.set_items([(_(k.kind.label), k.count) for k in f.by_kind])
        self.sizes.bars.set_items([(_(s.size_class.label) if s.size_class else _("Unknown"), s.count)
                                   for s in f.companies_by_size])
