"""The self-funding ledger of a year: budget, required own share, fees received, in kind, and the verdict."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from clustermanager.i18n import _
from clustermanager.services import cluster, self_funding
from clustermanager.services.self_funding import InKindRow, SelfFundingYear
from clustermanager.services.self_funding_verdict import percent, verdict
from clustermanager.ui import operations
from clustermanager.ui.common.numbers import day, money
from clustermanager.ui.fees.dialogs import BudgetDialog, InKindDialog
from clustermanager.ui.tables.layout import cell, fit_columns


class SelfFundingPanel(QWidget):
    changed = Signal()

    def __init__(self, ctx, year: Callable[[], int], parent=None):
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)  # flush with the screen title, like every tab
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        form = QGridLayout()  # label, amount (right-aligned so the digits line up), a note in grey
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(4)
        form.setColumnStretch(3, 1)
        self.shown: SelfFundingYear | None = None
        self.values: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        for key, label in (("budget", _("Budget")), ("subsidy", _("Agency subsidy")),
                           ("required", _("Own share required")), ("fees", _("Member fees received (excl. VAT)")),
                           ("in_kind", _("In-kind contributions")), ("own", _("Own share counted")),
                           ("reached", _("Share reached"))):
            row = len(self.values)
            self.values[key], self.notes[key] = QLabel(), QLabel()
            self.values[key].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.notes[key].setObjectName("screenSubtitle")
            form.addWidget(QLabel(label), row, 0)
            form.addWidget(self.values[key], row, 1)
            form.addWidget(self.notes[key], row, 2)
        layout.addLayout(form)
        self.budget_button = QPushButton(_("Set budget and subsidy…"))
        self.budget_button.clicked.connect(self.set_budget)
        layout.addWidget(self.budget_button, 0, Qt.AlignmentFlag.AlignLeft)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("In-kind contributions (valued, kept apart from cash):")), 1)
        self.add_button = QPushButton(_("Add in-kind contribution…"))
        self.add_button.clicked.connect(self.add_in_kind)
        bar.addWidget(self.add_button)
        layout.addLayout(bar)
        self.in_kind = QTableWidget(0, 4)
        self.in_kind.setWordWrap(False)
        self.in_kind.setShowGrid(False)
        self.in_kind.setHorizontalHeaderLabels([_("Date"), _("Member"), _("Description"), _("Value")])
        self.in_kind.horizontalHeader().setStretchLastSection(True)
        self.in_kind.verticalHeader().setVisible(False)
        self.in_kind.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.in_kind.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.in_kind.horizontalHeader().setStretchLastSection(False)
        layout.addWidget(self.in_kind, 1)

    def show_year(self, year: SelfFundingYear, in_kind: list[InKindRow]) -> None:
        self.shown = year
        text, warn = verdict(year)
        self.warning.setText(("⚠ " if warn else "✓ ") + text)
        self.warning.setStyleSheet("padding: 8px; border-radius: 4px;")
        self.warning.setProperty("verdict", "short" if warn else "met")  # its colours: shell/style.py
        self.warning.style().unpolish(self.warning)
        self.warning.style().polish(self.warning)
        counted = _("in kind included") if year.in_kind_counted else _("cash only")
        notes = {"required": _("{share} of the budget").format(share=percent(year.share_required)),
                 "in_kind": "" if year.in_kind_counted else _("shown apart, not counted"), "own": counted}
        for key, value in (("budget", money(year.budget)), ("subsidy", money(year.subsidy)),
                           ("required", money(year.required_amount)),
                           ("fees", money(year.fees_received)), ("in_kind", money(year.in_kind)),
                           ("own", money(year.own_total)),
                           ("reached", percent(year.share_reached) if year.share_reached is not None else "–")):
            self.values[key].setText(value)
            self.notes[key].setText(notes.get(key, ""))
        self.in_kind.setRowCount(len(in_kind))
        for r, row in enumerate(in_kind):
            for c, text in enumerate((day(row.contributed_on),
                                      row.member_name or "", row.description, money(row.value))):
                self.in_kind.setItem(r, c, cell(text, number=c == 3))
        fit_columns(self.in_kind, stretch=2)

    def add_in_kind(self) -> None:
        year = self.year()
        dialog = InKindDialog(year, self)
        if dialog.exec() == InKindDialog.DialogCode.Accepted:
            description, value = dialog.values()
            self._save(lambda s: self_funding.add_in_kind(s, year, description, value))

    def set_budget(self) -> None:
        year = self.year()
        shown = self.shown if self.shown is not None and self.shown.year == year else None
        dialog = BudgetDialog(year, shown.budget if shown else 0, shown.subsidy if shown else 0, self)
        if dialog.exec() == BudgetDialog.DialogCode.Accepted:
            budget, subsidy = dialog.values()
            self._save(lambda s: cluster.set_year(s, year, budget, subsidy))

    def _save(self, fn) -> None:
        operations.change(self.ctx, fn, changes=(operations.Change.FEES,), parent=self,
                          on_success=lambda _r: self.changed.emit())
