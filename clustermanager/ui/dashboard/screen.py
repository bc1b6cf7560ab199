"""The dashboard: the cluster's headline figures at a glance, as cards.

The figures shown last time (kept in the database, services/dashboard_snapshot.py) are shown at once,
greyed and dated, while the fresh ones are computed on the worker; the fresh ones replace them and are
kept for the next start. Another database never shows them: `reset` clears the cards.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtWidgets import QVBoxLayout

from clustermanager import i18n
from clustermanager.i18n import _
from clustermanager.logging_setup import log_bug
from clustermanager.services import dashboard_snapshot
from clustermanager.services.cluster import get_profile
from clustermanager.services.dashboard import HeadlineFigures, headline_figures
from clustermanager.services.dashboard_snapshot import BarText, CardText, DashboardSnapshot
from clustermanager.ui import operations
from clustermanager.ui.common.numbers import count, day, share
from clustermanager.ui.common.screen import Screen
from clustermanager.ui.dashboard.board import DashboardBoard, extra_key
from clustermanager.ui.operations import Change
from clustermanager.ui.shell import registry
from clustermanager.ui.shell.registry import load_object

log = logging.getLogger(__name__)


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


def render(name: str | None, f: HeadlineFigures, extra: list[tuple | None],
           now: dt.datetime | None = None) -> DashboardSnapshot:
    """What the dashboard shows for these figures, as texts in the current language."""
    now = now or dt.datetime.now().replace(microsecond=0)
    cards = {"active": CardText(count(f.active_members), _("{n} companies").format(n=count(f.active_companies)))}
    if f.sme_share is None:
        cards["sme"] = CardText("–", _("No companies of known size yet"))
    else:
        note = _("{smes} of the active companies are SMEs").format(smes=count(f.active_smes))
        if f.companies_without_size:
            note += " " + _("({n} of unknown size left out)").format(n=f.companies_without_size)
        cards["sme"] = CardText(share(f.sme_share), note)
    cards["joined"] = CardText(count(f.joined_this_year), _("since 1 January {year}").format(year=f.day.year))
    cards["left"] = CardText(count(f.left_this_year), _("memberships ended since 1 January"))
    for spec, value in zip(registry.dashboard_cards(), extra, strict=True):
        value = value or ("–", _("Not available; see the log file"))
        cards[extra_key(spec.target)] = CardText(*value)
    return DashboardSnapshot(
        computed_at=now.isoformat(), language=i18n.current_language(), title=name, day=f.day.isoformat(),
        computed_text=_("{date}, {time}").format(date=day(now.date()), time=now.strftime("%H:%M")), cards=cards,
        kinds=tuple(BarText(_(k.kind.label), k.count, count(k.count)) for k in f.by_kind),
        sizes=tuple(BarText(_(s.size_class.label) if s.size_class else _("Unknown"), s.count, count(s.count))
                    for s in f.companies_by_size))


def usable(snapshot: DashboardSnapshot | None) -> bool:
    """A kept snapshot is shown only in the language it was written in."""
    return snapshot is not None and snapshot.language == i18n.current_language()


class DashboardScreen(Screen):
    topics = (Change.MEMBERS, Change.PROFILE, Change.FEES, Change.INDICATORS)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.board = DashboardBoard()
        layout.addWidget(self.board)
        b = self.board  # the cards by name, as tests and the glossary read them
        self.title, self.subtitle, self.active, self.sme, self.joined, self.left = (
            b.title, b.subtitle, b.active, b.sme, b.joined, b.left)
        self.kinds, self.sizes, self.extra = b.kinds, b.sizes, b.extra
        self.figures: HeadlineFigures | None = None
        self.fresh = False  # the fresh figures of this database are on screen
        kept = getattr(ctx, "startup_figures", None)  # read by the fast start before the database opened
        if usable(kept):
            self.board.show_snapshot(kept, stale=True)

    def refresh(self) -> None:
        if not self.fresh and self.board.shown is None:  # nothing on screen yet: last time's, quickly
            operations.query(self.ctx, dashboard_snapshot.load, owner=self, key="kept", on_success=self._kept,
                             on_error=lambda exc: log.warning("kept dashboard figures not read: %s", exc))
        self.ctx.tasks.run(_load, label=_("Computing the dashboard…"), on_success=self._loaded)

    def reset(self) -> None:
        self.fresh, self.figures = False, None
        self.board.clear()

    def _kept(self, snapshot: DashboardSnapshot | None) -> None:
        if not self.fresh and self.board.shown is None and usable(snapshot):
            self.board.show_snapshot(snapshot, stale=True)

    def _loaded(self, result) -> None:
        name, f, extra = result
        snapshot = render(name, f, extra)
        self.figures, self.fresh = f, True
        self.board.show_snapshot(snapshot, stale=False, subtitle=_("Figures on {date}").format(date=day(f.day)))
        if not self.ctx.db.damaged:  # a damaged file is open read-only
            self.ctx.tasks.run(lambda session, _progress: dashboard_snapshot.save(session, snapshot),
                               label=_("Keeping the dashboard's figures…"),
                               on_error=lambda exc: log.warning("dashboard figures not kept: %s", exc))
