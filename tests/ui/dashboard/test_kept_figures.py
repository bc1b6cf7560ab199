"""The dashboard at start-up: last time's figures at once (greyed, dated), replaced by the fresh ones;
never the figures of another database."""

from __future__ import annotations

import datetime as dt

from clustermanager import config, i18n
from clustermanager.db import open_database
from clustermanager.services import dashboard_snapshot as ds
from clustermanager.services import members as m
from clustermanager.services.dashboard import headline_figures
from clustermanager.ui.app import open_context
from clustermanager.ui.main_window import MainWindow
from clustermanager.ui.startup import FastStart


def stale_snapshot() -> ds.DashboardSnapshot:
    return ds.DashboardSnapshot(
        computed_at="2026-11-30T08:15:00", language=i18n.current_language(), title="Yesterday's name",
        day="2026-11-30", computed_text="30 Nov 2026, 08:15",
        cards={"active": ds.CardText("999,999", "stale note"), "sme": ds.CardText("1%", "")},
        kinds=(ds.BarText("Company", 999_999, "999,999"),))


def fresh_active(db) -> str:
    with db.session() as s:
        return f"{headline_figures(s).active_members:,}"


def test_kept_figures_show_at_once_greyed_then_the_fresh_ones_replace_them_and_are_kept(qtbot, demo_db,
                                                                                      shown_messages):
    with demo_db.session() as s:
        ds.save(s, stale_snapshot())
    ctx = open_context(demo_db, config.AppSettings())
    ctx.startup_figures = stale_snapshot()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    screen = window.screens["dashboard"]
    assert screen.active.value.text() == "999,999" and screen.title.text() == "Yesterday's name"
    assert "30 Nov 2026, 08:15" in screen.subtitle.text() and not screen.board.content.isEnabled()

    window.show()  # the screen refreshes once shown
    qtbot.waitUntil(lambda: screen.fresh, timeout=15_000)
    assert ctx.tasks.wait_idle()
    fresh = fresh_active(demo_db)
    assert fresh != "999,999"
    assert screen.active.value.text() == fresh and screen.board.content.isEnabled()
    assert screen.title.text() != "Yesterday's name" and "last shown" not in screen.subtitle.text()
    assert "999,999" not in [text for _label, _n, text in screen.kinds.bars.items]
    with demo_db.session() as s:  # the fresh ones are kept for the next start
        kept = ds.load(s)
    assert kept.cards["active"].value == fresh and kept.computed.date() == dt.date.today()
    assert shown_messages == []
    window.close()


def test_the_fast_start_paints_the_kept_figures_before_the_database_is_open(qtbot, demo_db, shown_messages,
                                                                           monkeypatch):
    monkeypatch.setattr(FastStart, "KEPT_PAINT_WAIT_S", 30)  # a loaded machine may paint late; never skip it
    with demo_db.session() as s:
        ds.save(s, stale_snapshot())
    path = demo_db.path
    demo_db.close()
    start = FastStart(str(path), config.AppSettings())
    window = start.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: start.kept_shown_at is not None, timeout=30_000)
    # recorded at the moment of painting: the kept figure, while the database was still opening
    assert (start.kept_painted_text, start.kept_painted_before_open) == ("999,999", True)
    qtbot.waitUntil(lambda: window.ctx is not None, timeout=15_000)
    window.ctx.tasks.wait_idle()
    screen = window.screens["dashboard"]
    assert screen.active.value.text() == fresh_active(window.ctx.db) != "999,999"
    assert window.page("dashboard").findChildren(type(screen.board)) == [screen.board]  # the kept board is gone
    assert shown_messages == []
    window.close()
    start.finish(0)


def test_another_database_never_shows_the_figures_of_the_one_before(qtbot, window, tmp_path, shown_messages):
    screen = window.show_screen("dashboard")
    window.ctx.tasks.wait_idle()
    first = screen.active.value.text()
    other = open_database(tmp_path / "other.cmdb")
    with other.session() as s:
        m.create_member(s, m.MemberInput(name="Only NV", kind="company", joined_on=dt.date(2020, 1, 1)))
    assert ds.read_from_file(other.path) is None  # nothing kept there: the first database's are not
    window.ctx.set_database(other)
    assert screen.active.value.text() == "–" and screen.title.text() == "Dashboard"  # cleared at once
    assert window.ctx.tasks.wait_idle()
    assert screen.active.value.text() == "1" != first
    assert ds.read_from_file(other.path).cards["active"].value == "1"
    assert shown_messages == []
