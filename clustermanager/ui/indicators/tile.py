"""One indicator on the Indicators screen: its name, a traffic light with this year's verdict, what the
target asks by the judging day against the result, the chart over the funding period, and a button to
enter its targets (and a custom indicator's values)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from clustermanager.i18n import _
from clustermanager.reports.indicators.card import LIGHTS
from clustermanager.reports.indicators.overview import IndicatorView
from clustermanager.reports.indicators.presentation import (
    RULE,
    cell,
    indicator_chart,
    line_label,
    status_label,
)
from clustermanager.reports.indicators.results import NO_TARGET
from clustermanager.ui.common.numbers import day
from clustermanager.ui.dashboard.cards import Card
from clustermanager.ui.indicators.chart import TargetChart

GREY = "#9CA3AF"


def verdict_text(view: IndicatorView) -> str:
    """"15 against 13 expected on 31/12/2025 (yearly target 13)", or what to do without a target."""
    v, kind = view.verdict, view.line.kind
    if v.status == NO_TARGET:
        return _("No target for {year}: result {result}.").format(year=v.as_of.year, result=cell(v.result, kind))
    basis = _("target for {year}").format(year=v.as_of.year) if v.basis == "year" else \
        _("target for the funding period")
    return _("{result} against {expected} expected on {date} ({basis}: {target}).").format(
        result=cell(v.result, kind), expected=cell(v.expected, kind), date=day(v.as_of), basis=basis,
        target=cell(v.target, kind))


class IndicatorTile(Card):
    edit_requested = Signal(str)  # the indicator's key

    def __init__(self, view: IndicatorView, parent=None):
        super().__init__(line_label(view.line), parent)
        self.view = view
        self.setObjectName("card")
        self.title.setWordWrap(True)
        status = view.verdict.status
        head = QHBoxLayout()
        self.light = QLabel(f'<span style="color:{LIGHTS.get(status, GREY)}; font-size:16pt">●</span>')
        self.status = QLabel(status_label(status))
        self.status.setObjectName("cardTitle")
        head.addWidget(self.light)
        head.addWidget(self.status, 1)
        self.layout_.addLayout(head)
        self.verdict = QLabel(verdict_text(view))
        self.verdict.setWordWrap(True)
        self.verdict.setObjectName("cardNote")
        self.layout_.addWidget(self.verdict)
        self.chart = TargetChart(indicator_chart(view.line))
        self.layout_.addWidget(self.chart)
        line = view.line
        period = _("Funding period: {result} against target {target}").format(
            result=cell(line.period_result, line.kind), target=cell(line.period_target, line.kind))
        self.period = QLabel(period)
        self.period.setObjectName("cardNote")
        self.period.setWordWrap(True)
        self.layout_.addWidget(self.period)
        self.edit = QPushButton(_("Targets and values…") if view.custom else _("Targets…"))
        self.edit.clicked.connect(lambda: self.edit_requested.emit(view.line.key))
        self.layout_.addWidget(self.edit, 0, Qt.AlignmentFlag.AlignRight)
        self.setToolTip(_(RULE))
