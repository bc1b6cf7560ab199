"""The dashboard's cards are never cut at the right edge: fewer columns when four do not fit."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from clustermanager.ui.dashboard.board import DashboardBoard


def _board_at(window, width: int) -> DashboardBoard:
    window.resize(width, 740)
    window.show_screen("dashboard")
    assert window.ctx.tasks.wait_idle()
    for _ in range(3):
        QApplication.processEvents()
    return window.screens["dashboard"].findChild(DashboardBoard)


def test_the_cards_take_fewer_columns_rather_than_being_cut(window):
    narrow = _board_at(window, 900)
    assert narrow.columns < 4
    assert narrow.content.minimumSizeHint().width() <= narrow.scroll.viewport().width()
    wide = _board_at(window, 1900)
    assert wide.columns == 4
    assert wide.content.minimumSizeHint().width() <= wide.scroll.viewport().width()
