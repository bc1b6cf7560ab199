"""A register's columns: shown or hidden from the header's menu, order and widths remembered per screen."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QMenu, QTableView

from clustermanager.i18n import _
from clustermanager.ui.shell.window_settings import window_settings


class ColumnMemory:
    """Restores the header saved under `<key>/header` and saves it again whenever the user changes it."""

    def __init__(self, table: QTableView, columns, key: str):
        self.table, self.columns, self.key = table, columns, key
        header = table.horizontalHeader()
        state = window_settings().value(f"{key}/header")
        if isinstance(state, QByteArray):
            header.restoreState(state)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.show_menu)
        header.sectionMoved.connect(self.save)
        header.sectionResized.connect(self.save)

    def show_menu(self, pos) -> None:
        menu = QMenu(self.table)
        for number, column in enumerate(self.columns):
            action = menu.addAction(_(column.title))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(number))
            action.toggled.connect(lambda on, n=number: self.set_visible(n, on))
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def set_visible(self, number: int, visible: bool) -> None:
        self.table.setColumnHidden(number, not visible)
        self.save()

    def save(self, *_args) -> None:
        window_settings().setValue(f"{self.key}/header", self.table.horizontalHeader().saveState())
