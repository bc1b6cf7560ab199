"""Garbage is collected on the main thread by a timer, not automatically on whichever thread allocates."""

from __future__ import annotations

import gc

from clustermanager.ui.shell import garbage


def test_collect_due_frees_a_cycle_once_the_threshold_is_passed():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        freed = []

        class Node:
            def __del__(self):
                freed.append(1)

        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle: only the collector frees it
        del a, b
        assert garbage.collect_due() == 0 and freed == []  # not due yet
        threshold = gc.get_threshold()[0]
        filler = [[] for _ in range(threshold + 10)]  # allocations push generation 0 past its threshold
        assert garbage.collect_due() > 0
        assert len(freed) == 2
        del filler
    finally:
        if was_enabled:
            gc.enable()


def test_the_collector_turns_automatic_collection_off_and_collects_on_a_timer(qapp, qtbot, monkeypatch):
    was_enabled = gc.isenabled()
    calls = []
    monkeypatch.setattr(garbage, "INTERVAL_MS", 10)
    monkeypatch.setattr(garbage, "collect_due", lambda: calls.append(1) or 0)
    try:
        gc.enable()
        collector = garbage.MainThreadCollector(qapp)
        assert not gc.isenabled()
        qtbot.waitUntil(lambda: len(calls) >= 2)
        collector.deleteLater()
    finally:
        if was_enabled:
            gc.enable()
        else:
            gc.disable()
