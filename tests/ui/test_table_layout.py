"""fit_columns: every column shows its whole header, long texts are capped, one column takes the rest."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QTableView

from clustermanager.ui.table_layout import MAX_WIDTH, fit_columns


def test_columns_fit_their_header_and_cap_long_text(qtbot):
    model = QStandardItemModel(0, 3)
    model.setHorizontalHeaderLabels(["Structured communication", "Kind", "Notes"])
    model.appendRow([QStandardItem("+++090/9337/55493+++"), QStandardItem("Government / public body"),
                     QStandardItem("x" * 400)])
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(900, 300)
    fit_columns(table, stretch=1)
    header = table.horizontalHeader()
    for column in range(3):
        assert table.columnWidth(column) >= header.sectionSizeFromContents(column).width()
    assert table.columnWidth(1) >= table.sizeHintForColumn(1)  # "Government / public body" whole
    assert table.columnWidth(2) == MAX_WIDTH
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Stretch
