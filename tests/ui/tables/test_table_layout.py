"""fit_columns: every column shows its whole header, long texts are capped, one column takes the rest."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from clustermanager.ui.tables.layout import MAX_WIDTH, fit_columns


def _shown_table(qtbot, headers: list[str], row: list[str]) -> QTableView:
    model = QStandardItemModel(0, len(headers))
    model.setHorizontalHeaderLabels(headers)
    model.appendRow([QStandardItem(text) for text in row])
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(900, 300)
    table.show()
    return table


def test_columns_fit_their_header_and_cap_long_text(qtbot):
    table = _shown_table(qtbot, ["Structured communication", "Kind", "Notes"],
                         ["+++090/9337/55493+++", "Government / public body", "x" * 400])
    fit_columns(table, stretch=0)
    header = table.horizontalHeader()
    for column in range(3):
        assert table.columnWidth(column) >= header.sectionSizeFromContents(column).width()
    assert table.columnWidth(1) >= table.sizeHintForColumn(1)  # "Government / public body" whole
    assert table.columnWidth(2) == MAX_WIDTH


def test_the_stretch_column_takes_the_spare_room_and_gives_way_when_short(qtbot):
    table = _shown_table(qtbot, ["Member", "Total", "Status"],
                         ["Universiteit Hasselt – Department Food Technology", "€ 1.093,00", "Paid"])
    fit_columns(table, stretch=0)
    total = sum(table.columnWidth(c) for c in range(3))
    assert total == table.viewport().width()  # filled, no horizontal scroll bar
    table.resize(420, 300)  # the window shrinks: the stretch column follows, down to its floor
    assert table.columnWidth(0) >= table.horizontalHeader().sectionSizeFromContents(0).width()
    assert table.columnWidth(0) < table.sizeHintForColumn(0)  # the long name gave way


def test_a_table_laid_out_before_it_is_shown_fills_its_width_once_shown(qtbot):
    model = QStandardItemModel(0, 2)
    model.setHorizontalHeaderLabels(["Name", "E-mail"])
    model.appendRow([QStandardItem("Koen Vermeulen"), QStandardItem("koen@example.org")])
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    fit_columns(table, stretch=1)  # like a tab's table, filled while hidden
    table.resize(700, 300)
    table.show()
    qtbot.waitUntil(lambda: table.columnWidth(0) + table.columnWidth(1) == table.viewport().width())


@pytest.mark.parametrize("key", ["members", "activities", "projects"])
def test_register_columns_show_their_whole_header_and_dates(window, key):
    screen = window.show_screen(key)
    assert window.ctx.tasks.wait_idle()
    header = screen.table.horizontalHeader()
    for column in range(header.count() - 1):  # the last one stretches
        if screen.table.isColumnHidden(column):
            continue
        title = screen.table.model().headerData(column, Qt.Orientation.Horizontal)
        assert screen.table.columnWidth(column) >= header.sectionSizeFromContents(column).width(), title
        if title in ("Date", "Start", "Joined") or (key, title) == ("members", "Kind"):  # never cut:
            # dates, and "Government / public body"
            assert screen.table.columnWidth(column) >= screen.table.sizeHintForColumn(column), title


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_every_screen_fits_a_1280_pixel_laptop(window, language):
    """A screen wider than the laptop's display pushes its buttons off the edge."""
    from clustermanager import i18n
    from clustermanager.ui.shell import registry

    before = i18n.current_language()
    i18n.set_language(language)  # screens are built on first show, in the language of that moment
    try:
        for spec in registry.screens():
            screen = window.show_screen(spec.key)
            window.ctx.tasks.wait_idle()
            width = screen.minimumSizeHint().width() + window.sidebar.sizeHint().width()
            assert width <= 1280, f"{spec.key} needs {width} px in {language}"
    finally:
        i18n.set_language(before)
