"""The Indicators screen: are we on track? Per indicator a tile with this year's traffic light, what the
target asks by the judging day, and the funding period as a small chart (result bars, target line).
Those behind come first. From here the cluster enters targets, custom indicators and their values, the
earmarked budget and the judging day, and imports the agency's target sheet. Every read and write goes
through the task runner (`ui/operations.py`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clustermanager.i18n import _
from clustermanager.reports.indicators import overview as service
from clustermanager.reports.indicators import store
from clustermanager.reports.indicators.results import AT_RISK, BEHIND, NO_TARGET, ON_TRACK, STATUSES
from clustermanager.ui import operations
from clustermanager.ui.common import dialogs as common_dialogs
from clustermanager.ui.common.header import screen_header
from clustermanager.ui.common.numbers import day
from clustermanager.ui.common.screen import Screen
from clustermanager.ui.indicators import dialogs
from clustermanager.ui.indicators.tile import IndicatorTile
from clustermanager.ui.operations import Change

COLUMNS = 3
SHOW_ALL, SHOW_TARGETED, SHOW_WORRYING = "all", "targeted", "worrying"


def ordered(views, show: str = SHOW_ALL) -> list:
    """Behind first, then at risk, on track, without a target; the catalogue's order within each."""
    if show == SHOW_TARGETED:
        views = [v for v in views if v.verdict.status != NO_TARGET]
    elif show == SHOW_WORRYING:
        views = [v for v in views if v.verdict.status in (BEHIND, AT_RISK)]
    return sorted(views, key=lambda v: STATUSES.index(v.verdict.status))


class IndicatorsScreen(Screen):
    topics = (Change.MEMBERS, Change.FEES, Change.ACTIVITIES, Change.PROJECTS, Change.PROFILE, Change.INDICATORS)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.data: service.IndicatorsOverview | None = None
        self.tiles: list[IndicatorTile] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(12)
        header, self.subtitle = screen_header(_("Indicators"))
        layout.addLayout(header)
        bar = QHBoxLayout()
        self.show_box = QComboBox()
        for text, key in ((_("All indicators"), SHOW_ALL), (_("With a target"), SHOW_TARGETED),
                          (_("Behind or at risk"), SHOW_WORRYING)):
            self.show_box.addItem(text, key)
        self.show_box.currentIndexChanged.connect(lambda _i: self._fill())
        bar.addWidget(self.show_box)
        bar.addStretch(1)
        self.judge_button = QPushButton(_("Judge on…"))
        self.judge_button.clicked.connect(self.set_judging_day)
        self.import_button = QPushButton(_("Import target sheet…"))
        self.import_button.clicked.connect(self.import_targets)
        self.custom_button = QPushButton(_("New custom indicator…"))
        self.custom_button.clicked.connect(self.add_custom)
        self.earmarked_button = QPushButton(_("Earmarked budget…"))
        self.earmarked_button.clicked.connect(self.set_earmarked)
        for button in (self.judge_button, self.import_button, self.custom_button, self.earmarked_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.counts = QLabel()
        layout.addWidget(self.counts)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.page = QWidget()
        self.grid = QGridLayout(self.page)
        self.grid.setSpacing(14)
        self.scroll.setWidget(self.page)
        layout.addWidget(self.scroll, 1)

    # --- reading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.subtitle.setText(_("Loading…"))
        operations.query(self.ctx, service.overview, owner=self, on_success=self._loaded,
                         label=_("Computing the indicators…"))

    def reset(self) -> None:
        self.data = None
        self._fill()

    def _loaded(self, data: service.IndicatorsOverview) -> None:
        self.data = data
        self._fill()
        self.status_changed.emit(self.status_text())

    def _fill(self) -> None:
        for tile in self.tiles:
            tile.setParent(None)
            tile.deleteLater()
        self.tiles = []
        d = self.data
        if d is None:
            self.subtitle.setText("")
            self.counts.setText("")
            return
        years = _("Funding period {first}–{last}").format(first=d.first_year, last=d.last_year) \
            if d.funding_period else _("{year} (no funding period in the cluster profile)").format(year=d.year)
        judged = _("judged on {date}").format(date=day(d.as_of))
        if d.as_of_clamped:
            judged += " " + _("(the funding period's first or last day)")
        elif not d.as_of_set:
            judged += " " + _("(today)")
        self.subtitle.setText(f"{years} · {judged}")
        self.counts.setText(self.status_text())
        for i, view in enumerate(ordered(d.views, self.show_box.currentData())):
            tile = IndicatorTile(view)
            tile.edit_requested.connect(self.edit)
            self.grid.addWidget(tile, i // COLUMNS, i % COLUMNS)
            self.tiles.append(tile)

    def status_text(self) -> str:
        if self.data is None:
            return ""
        n = {s: sum(1 for v in self.data.views if v.verdict.status == s) for s in STATUSES}
        return _("{behind} behind, {risk} at risk, {ok} on track, {none} without a target").format(
            behind=n[BEHIND], risk=n[AT_RISK], ok=n[ON_TRACK], none=n[NO_TARGET])

    def view_of(self, key: str):
        return next(v for v in self.data.views if v.line.key == key)

    # --- writing ---------------------------------------------------------------------------------

    def _run(self, dialog, write):
        """Open `dialog` (window-modal); its Save runs `write(session)` on the worker and closes it once
        saved; a refusal stays in the dialog, naming the year or field. Returns the dialog."""
        dialog.on_submit = lambda: operations.save(
            self.ctx, dialog, lambda session, _expected: write(session), expected_version=None,
            changes=(Change.INDICATORS,), on_saved=lambda _r: dialog.accept(), message=dialog.message,
            busy=dialog.ok)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def edit(self, key: str):
        dialog = dialogs.TargetsDialog(self.view_of(key), self)

        def write(session):
            targets, source, values = dialog.entries()
            service.save_indicator(session, key, targets, source, values)
        return self._run(dialog, write)

    def add_custom(self):
        dialog = dialogs.CustomIndicatorDialog(self)

        def write(session):
            key, name, unit, cumulative = dialog.values()
            return store.add_custom(session, key, name, unit, cumulative=cumulative)
        return self._run(dialog, write)

    def set_earmarked(self):
        if self.data is None:
            return None
        dialog = dialogs.EarmarkedDialog(self.data.earmarked, self)
        return self._run(dialog, lambda session: service.set_earmarked_budgets(session, dialog.values()))

    def set_judging_day(self):
        if self.data is None:
            return None
        dialog = dialogs.JudgeOnDialog(self.data.as_of, self.data.as_of_set, self)
        return self._run(dialog, lambda session: store.set_as_of(session, dialog.value()))

    def import_targets(self) -> None:
        import_target_sheet(self, self.ctx)


def import_target_sheet(parent, ctx) -> None:
    """Check the whole sheet on the worker, ask, then write it (a bad row: named, nothing written)."""
    from clustermanager.reports.indicators.sheet import import_targets

    path = dialogs.choose_target_sheet(parent)
    if not path:
        return

    def checked(plan) -> None:
        question = _("{file}: {targets} targets for {rows} indicators. Import them? Targets already set for "
                     "the same indicator and year are replaced.").format(file=path, targets=plan.targets,
                                                                         rows=plan.rows)
        if common_dialogs.confirm(parent, _("Import target sheet"), question, action=_("Import")):
            operations.change(ctx, lambda session: import_targets(session, path), changes=(Change.INDICATORS,),
                              parent=parent, label=_("Importing the targets…"))

    operations.query(ctx, lambda session: import_targets(session, path, dry_run=True), owner=parent,
                     key="target-sheet", on_success=checked, label=_("Reading the target sheet…"))


def import_targets_action(window) -> None:
    """File > Import target sheet…"""
    import_target_sheet(window.show_screen("indicators"), window.ctx)
