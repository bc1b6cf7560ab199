"""The Indicators screen's dialogs: one indicator's targets (and a custom indicator's values), a new
custom indicator, the earmarked budget per year, the judging day. They collect text; the services check
it (`overview.save_indicator`, `store.add_custom`, ...) and a refused value is named in the dialog."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from clustermanager.i18n import _
from clustermanager.models import TargetSource
from clustermanager.reports.indicators.overview import IndicatorView
from clustermanager.reports.indicators.presentation import cell, line_label
from clustermanager.reports.summary import MONEY, SHARE
from clustermanager.ui.common.dialog import Dialog
from clustermanager.ui.common.dialogs import date_edit, from_qdate
from clustermanager.ui.common.forms import form_layout
from clustermanager.ui.common.numbers import amount as as_amount
from clustermanager.ui.common.numbers import count


def choose_target_sheet(parent) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(parent, _("Import target sheet"), "",
                                                _("Spreadsheets (*.xlsx *.csv);;All files (*)"))
    return path or None


def editable(value, kind: str) -> str:
    """A target or value as the user edits it: shares as a percentage ("35%"), amounts with two decimals."""
    if value is None:
        return ""
    if kind == SHARE:
        return count((value * 100).normalize()) + "%"
    if kind == MONEY:
        return as_amount(value)
    return count(value.normalize())


class _Dialog(Dialog):
    def __init__(self, title: str, intro: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.layout_ = QVBoxLayout(self)
        label = QLabel(intro)
        label.setWordWrap(True)
        self.layout_.addWidget(label)

    def finish(self, action: str) -> None:
        self.message = QLabel()  # what the service refused, with the year or field it names
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.layout_.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)

    on_submit = None  # set by the screen: saves on the worker and closes the dialog once saved

    def _submit(self) -> None:
        self.message.setText("")
        if self.on_submit is None:
            self.accept()
        else:
            self.on_submit()

    @property
    def ok(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)


class TargetsDialog(_Dialog):
    """Per year of the funding period (and for the whole period) the target; for a custom indicator also
    the value of each year. An emptied cell removes that target or value."""

    TARGET, RESULT, VALUE = 1, 2, 3

    def __init__(self, view: IndicatorView, parent=None):
        line = view.line
        super().__init__(_("Targets: {name}").format(name=line_label(line)),
                         _("A target per year and/or for the whole funding period, as the support agreement, the "
                           "clusterpact or the action plan sets it. Shares as a percentage (35%). Leave a cell "
                           "empty for no target.") + ("\n" + _("This indicator is yours: enter each year's value too.")
                                                       if view.custom else ""), parent)
        self.view, self.kind = view, line.kind
        form = form_layout()
        self.source = QComboBox()
        for src in TargetSource:
            self.source.addItem(_(src.label), src.value)
        used = next(iter(view.sources.values()), TargetSource.SUPPORT_AGREEMENT.value)
        self.source.setCurrentIndex(max(0, self.source.findData(used)))
        form.addRow(_("Source"), self.source)
        self.layout_.addLayout(form)
        headers = [_("Year"), _("Target"), _("Result")] + ([_("Value")] if view.custom else [])
        self.table = QTableWidget(len(line.years) + 1, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        rows = [(y.year, str(y.year), y.target, y.result) for y in line.years]
        rows.append((None, _("Funding period"), line.period_target, line.period_result))
        self.years = [year for year, *_rest in rows]
        for r, (year, text, target, result) in enumerate(rows):
            self._fixed(r, 0, text)
            self.table.setItem(r, self.TARGET, QTableWidgetItem(editable(target, self.kind)))
            self._fixed(r, self.RESULT, cell(result, self.kind))
            if view.custom:
                if year is None:
                    self._fixed(r, self.VALUE, "")
                else:
                    value = next((y.result for y in line.years if y.year == year), None)
                    self.table.setItem(r, self.VALUE, QTableWidgetItem(editable(value, self.kind)))
        self.table.setMinimumHeight(min(420, 34 + 30 * len(rows)))
        self.layout_.addWidget(self.table)
        self.finish(_("Save"))

    def _fixed(self, row: int, col: int, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
        self.table.setItem(row, col, item)

    def entries(self) -> tuple[dict, str, dict | None]:
        """({year or None: target text}, source, {year: value text} or None)."""
        targets = {year: self.table.item(r, self.TARGET).text() for r, year in enumerate(self.years)}
        values = {year: self.table.item(r, self.VALUE).text() for r, year in enumerate(self.years)
                  if year is not None} if self.view.custom else None
        return targets, self.source.currentData(), values


class CustomIndicatorDialog(_Dialog):
    """What the data cannot know (press coverage, staff in FTE, commitments met): name, unit, kind."""

    def __init__(self, parent=None):
        super().__init__(_("New custom indicator"),
                         _("For what the data cannot know: press coverage, staff in FTE, clusterpact commitments "
                           "met… You enter its value each year."), parent)
        form = form_layout()
        self.name, self.key, self.unit = QLineEdit(), QLineEdit(), QLineEdit()
        self.key.setPlaceholderText("press_articles")
        self.cumulative = QCheckBox(_("The years add up (cumulative); else each year stands alone"))
        form.addRow(_("Name"), self.name)
        form.addRow(_("Key"), self.key)
        form.addRow(_("Unit"), self.unit)
        form.addRow("", self.cumulative)
        self.layout_.addLayout(form)
        self.name.textEdited.connect(self._propose_key)
        self.finish(_("Add"))

    def _propose_key(self, text: str) -> None:
        if not self.key.isModified():
            key = "".join(c if c.isalnum() else "_" for c in text.lower().strip()).strip("_")
            self.key.setText(("c_" + key if key[:1].isdigit() else key)[:60])

    def values(self) -> tuple[str, str, str, bool]:
        return self.key.text(), self.name.text(), self.unit.text(), self.cumulative.isChecked()


class EarmarkedDialog(_Dialog):
    """The government's earmarked project budget per year: the denominator of the leverage."""

    def __init__(self, earmarked: dict, parent=None):
        super().__init__(_("Earmarked budget"),
                         _("The project budget the government earmarked for the cluster, per year. The leverage "
                           "is the budget of the projects started divided by it."), parent)
        form = form_layout()
        self.fields: dict[int, QLineEdit] = {}
        for year, amount in sorted(earmarked.items()):
            self.fields[year] = QLineEdit(as_amount(amount))
            form.addRow(str(year), self.fields[year])
        self.layout_.addLayout(form)
        self.finish(_("Save"))

    def values(self) -> dict[int, str]:
        return {year: edit.text() for year, edit in self.fields.items()}


class JudgeOnDialog(_Dialog):
    """The day the targets are judged on: today, or a day the cluster sets (a mid-term evaluation)."""

    def __init__(self, day: dt.date, chosen: bool, parent=None):
        super().__init__(_("Judge the targets on"),
                         _("On track is judged pro rata to this day. Set the day of a mid-term or final evaluation, "
                           "or keep today."), parent)
        form = form_layout()
        self.today = QCheckBox(_("Always today"))
        self.today.setChecked(not chosen)
        self.day = date_edit(day)
        self.day.setEnabled(chosen)
        self.today.toggled.connect(lambda on: self.day.setEnabled(not on))
        form.addRow("", self.today)
        form.addRow(_("Day"), self.day)
        self.layout_.addLayout(form)
        self.finish(_("Save"))

    def value(self) -> dt.date | None:
        return None if self.today.isChecked() else from_qdate(self.day.date())
