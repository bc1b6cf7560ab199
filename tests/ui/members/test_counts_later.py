"""The register shows a filter's rows first and its counts a moment later (a second job); counts that
arrive for a filter no longer shown are dropped."""

from __future__ import annotations

import threading

import pytest

from clustermanager.services import register_query


@pytest.fixture
def gated(monkeypatch):
    """`summary` (the status bar's counts) waits for the gate of its search text, if it has one."""
    gates: dict[str, threading.Event] = {}
    real = register_query.summary

    def summary(session, f, today=None):
        gate = gates.get(f.text)
        if gate is not None:
            assert gate.wait(20)
        return real(session, f, today)

    monkeypatch.setattr(register_query, "summary", summary)
    yield gates
    for gate in gates.values():
        gate.set()


@pytest.fixture
def screen(qtbot, demo_db, gated):
    from clustermanager.ui.app import create_main_window

    win = create_main_window(demo_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    found = win.show_screen("members")
    assert win.ctx.tasks.wait_idle()
    found.status.setCurrentIndex(found.status.findData("all"))
    assert win.ctx.tasks.wait_idle()
    yield found
    for gate in gated.values():
        gate.set()
    win.ctx.tasks.wait_idle()
    win.close()


def search(screen, text: str) -> None:
    screen.search.setText(text)
    screen._apply_filter()


def test_the_rows_come_first_then_the_counts(screen, gated, qtbot):
    model = screen.model
    assert model.counts().total == 120 and not model.counting
    gated["nv"] = threading.Event()
    search(screen, "nv")
    qtbot.waitUntil(lambda: model.query.filter.text == "nv")  # the rows are shown ...
    shown = model.rowCount()
    assert 0 < shown < 120 and model.index(0, 0).data()
    assert model.counting and screen.status_text() == f"{shown} shown, counting…"  # ... the counts not yet
    assert screen.subtitle.text() == "120 members in the register"  # the total as last counted
    gated["nv"].set()
    qtbot.waitUntil(lambda: not model.counting)
    assert model.counts().shown == shown and model.counts().total == 120
    assert screen.status_text().startswith(f"{shown} of 120 shown")


def test_counts_for_a_filter_no_longer_shown_are_dropped(screen, gated, qtbot):
    model = screen.model
    gated["nv"] = threading.Event()
    search(screen, "nv")
    qtbot.waitUntil(lambda: model.query.filter.text == "nv" and model.counting)
    search(screen, "bv")  # the next filter, counted at once
    qtbot.waitUntil(lambda: model.query.filter.text == "bv" and not model.counting)
    bv = model.counts()
    assert bv.shown == model.rowCount()
    gated["nv"].set()  # the older counts arrive now
    assert screen.ctx.tasks.wait_idle()
    assert model.counts() == bv and screen.status_text().startswith(f"{bv.shown} of 120 shown")


def test_a_sort_keeps_the_counts_and_asks_for_none(screen, gated, qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    model = screen.model
    before = model.counts()
    asked = []
    monkeypatch.setattr(register_query, "summary", lambda *a, **k: asked.append(a))
    screen.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert screen.ctx.tasks.wait_idle()
    assert model.order.column == "kind" and model.counts() == before and asked == []
