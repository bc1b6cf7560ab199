"""The fee schedule of the chosen year: one line per category; add, change, remove, copy from a year."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from clustermanager.i18n import _
from clustermanager.models.invoicing import VatGround
from clustermanager.services import fees
from clustermanager.ui import operations
from clustermanager.ui.common.numbers import money, vat_rate
from clustermanager.ui.fees.fee_dialog import FeeDialog
from clustermanager.ui.tables.layout import cell, fit_columns


def ask_increase(parent, from_year: int, to_year: int) -> str | None:
    """The percentage to raise the fees by when copying (tests replace this)."""
    text, ok = QInputDialog.getText(parent, _("Copy the fee schedule"), _(
        "Copy the fees of {a} to {b}, raised by this percentage:").format(a=from_year, b=to_year), text="0")
    return text if ok else None


def _ground_text(entry: fees.ScheduleEntry) -> str:
    """`Exempt from VAT, art. 44 §2 11° WBTW (VATEX-EU-132-1L)`; empty for a taxed fee."""
    if not entry.vat_ground:
        return ""
    parts = [_(VatGround(entry.vat_ground).label)]
    if entry.vat_article:
        parts.append(entry.vat_article)
    text = ", ".join(parts)
    return f"{text} ({entry.vat_exemption_code})" if entry.vat_exemption_code else text


class SchedulePanel(QWidget):
    changed = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.year: int | None = None
        self.entries: list[fees.ScheduleEntry] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)  # flush with the screen title, like every tab
        self.hint = QLabel()  # what to do while the year has no fees yet
        self.hint.setVisible(False)
        layout.addWidget(self.hint)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Category"), _("Excl. VAT"), _("VAT rate"), _("Total"),
                                              _("Ground for 0% VAT")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setShowGrid(False)
        self.table.doubleClicked.connect(self.edit_fee)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for text, slot in ((_("Add a fee…"), self.add_fee), (_("Change…"), self.edit_fee),
                           (_("Remove"), self.remove_fee), (_("Copy from the year before…"), self.copy_previous)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def show_schedule(self, year: int, entries: list[fees.ScheduleEntry]) -> None:
        self.year, self.entries = year, entries
        self.table.setRowCount(len(entries))
        for r, e in enumerate(entries):
            for c, text in enumerate((fees.category_label(e.category), money(e.amount),
                                      vat_rate(e.vat_rate), money(e.total), _ground_text(e))):
                item = cell(text, number=0 < c < 4)
                if c == 0:
                    item.setToolTip(e.category)  # the code, as the command line and the member form take it
                self.table.setItem(r, c, item)
        fit_columns(self.table, stretch=4)
        self.hint.setText(_("No fees for {year} yet: click Add a fee…, or Copy from the year before….").format(
            year=year))
        self.hint.setVisible(not entries)

    def _selected(self) -> fees.ScheduleEntry | None:
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _save(self, dialog: FeeDialog) -> None:
        if dialog.exec() != FeeDialog.DialogCode.Accepted:
            return
        f = dialog.values()
        self._change(lambda s: fees.set_fee(s, self.year, f.category, f.amount, f.vat_rate, vat_ground=f.vat_ground,
                                            vat_article=f.vat_article, vat_exemption_code=f.vat_exemption_code))

    def _change(self, fn) -> None:
        operations.change(self.ctx, fn, changes=(operations.Change.FEES,), parent=self,
                          on_success=lambda _r: self.changed.emit())

    def add_fee(self) -> None:
        self._save(FeeDialog(self.year, self))

    def edit_fee(self, *_args) -> None:
        entry = self._selected()
        if entry is not None:
            self._save(FeeDialog(self.year, self, entry=entry))

    def remove_fee(self) -> None:
        entry = self._selected()
        if entry is not None:
            self._change(lambda s: fees.remove_fee(s, self.year, entry.category))

    def copy_previous(self) -> None:
        increase = ask_increase(self, self.year - 1, self.year)
        if increase is not None:
            self._change(lambda s: fees.copy_schedule(s, self.year - 1, self.year, increase or Decimal(0)))
