"""On the import preview: which record each mapped column fills (the member or its contact), with a
switch for a column both have (the e-mail). Switching re-runs the preview."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem

from clustermanager.i18n import N_, _
from clustermanager.io import column_targets as ct
from clustermanager.io.mapping import FIELD_BY_KEY

FILLS = {ct.MEMBER: N_("the member"), ct.CONTACT: N_("its contact")}


class ColumnFill(QTableWidget):
    """`switch_requested(column index in the sheet)` when the user changes what a column fills."""

    switch_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([_("Column in the sheet"), _("Field"), _("Fills")])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setMaximumHeight(170)
        self.columns: list[int] = []  # sheet column index of each row here
        self.switches: dict[int, QComboBox] = {}

    def show_mapping(self, headers, mapping) -> None:
        self.columns = [i for i, key in enumerate(mapping) if key]
        self.switches = {}
        self.setRowCount(len(self.columns))
        for row, i in enumerate(self.columns):
            key = mapping[i]
            self.setItem(row, 0, QTableWidgetItem(str(headers[i])))
            self.setItem(row, 1, QTableWidgetItem(_(FIELD_BY_KEY[key].label)))
            if ct.can_switch(key):
                combo = QComboBox()
                for fills in (ct.MEMBER, ct.CONTACT):
                    combo.addItem(_(FILLS[fills]), fills)
                combo.setCurrentIndex(combo.findData(ct.target(key)))
                combo.currentIndexChanged.connect(lambda _n, column=i: self.switch_requested.emit(column))
                self.setCellWidget(row, 2, combo)
                self.switches[i] = combo
            else:
                self.setItem(row, 2, QTableWidgetItem(_(FILLS[ct.target(key)])))
