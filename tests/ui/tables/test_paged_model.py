"""The paged register on more rows than a page: rows load as they are shown, the last row is one page
away, every column sorts through the header as the database orders it, a member on a page not loaded
yet can be selected, and only a bounded number of pages stays in memory."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clustermanager.db import open_database
from clustermanager.demo import generate_demo
from clustermanager.services import register_query as rq
from clustermanager.ui.members.table_model import COLUMNS, MEMBER_ID_ROLE

MEMBERS = 450  # more than two pages of 200


@pytest.fixture(scope="module")
def big_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.cmdb"
    db = open_database(path)
    with db.session() as s:
        generate_demo(s, members=MEMBERS, seed=11, year=2025)
    db.close()
    return path


@pytest.fixture
def register(qtbot, big_path, tmp_path, shown_messages):
    from clustermanager.backup import backup_file
    from clustermanager.ui.app import create_main_window

    window = create_main_window(backup_file(big_path, tmp_path / "copy.cmdb"))
    qtbot.addWidget(window)
    window.show()
    screen = window.show_screen("members")
    screen.status.setCurrentIndex(screen.status.findData("all"))
    assert window.ctx.tasks.wait_idle()
    yield screen
    window.ctx.tasks.wait_idle()
    window.close()
    window.ctx.close()


def expected_ids(screen, sort: rq.Sort) -> list[int]:
    with screen.ctx.db.session() as s:
        return [r.id for r in rq.page(s, rq.RegisterFilter(), sort, 0, MEMBERS)]


def test_rows_load_as_they_are_shown_and_the_last_row_is_one_page_away(register, qtbot):
    model = register.model
    assert model.rowCount() == MEMBERS and model.counts().shown == MEMBERS
    assert model.rows[0] is not None and model.rows[-1] is None  # only the first page was asked for
    register.table.scrollToBottom()  # the view paints the last rows, asks for them: their page loads
    last = expected_ids(register, rq.Sort())[-1]
    qtbot.waitUntil(lambda: model.rows[-1] is not None, timeout=10_000)
    assert model.index(MEMBERS - 1, 0).data(MEMBER_ID_ROLE) == last
    assert model.rows[250] is None  # the pages in between were never shown


@pytest.mark.parametrize("number", range(len(COLUMNS)))
def test_every_column_sorts_through_the_header_both_ways(register, number):
    for order, descending in ((Qt.SortOrder.AscendingOrder, False), (Qt.SortOrder.DescendingOrder, True)):
        register.table.sortByColumn(number, order)
        assert register.ctx.tasks.wait_idle()
        wanted = expected_ids(register, rq.Sort(COLUMNS[number].key, descending))
        shown = [register.model.index(r, 0).data(MEMBER_ID_ROLE) for r in range(200)]
        assert shown == wanted[:200], (COLUMNS[number].key, descending)


def test_a_member_on_a_page_not_loaded_yet_is_selected(register):
    wanted = expected_ids(register, rq.Sort())[333]
    assert register.model.row_number(wanted) is None
    register.select_member(wanted)
    assert register.ctx.tasks.wait_idle()  # where it is, then its page
    assert register.current_member_id() == wanted and register.table.currentIndex().row() == 333


def test_only_a_bounded_number_of_pages_is_kept(register):
    model = register.model
    register.table.hide()  # the view would ask for the rows it paints (page 0) meanwhile
    model.max_pages = 2
    for row in (250, 449):  # pages 1 and 2 join page 0: the oldest (0) is dropped
        model.ensure_loaded(row)
        assert register.ctx.tasks.wait_idle()
    assert model.rows[0] is None and model.rows[250] is not None and model.rows[449] is not None
    assert model.index(0, 0).data() == ""  # asked again: loading
    assert register.ctx.tasks.wait_idle()
    assert model.rows[0] is not None and model.rows[250] is None  # back, and the next oldest went


def test_the_paged_model_passes_the_model_tester(register, qtmodeltester):
    qtmodeltester.check(register.model)
    register.search.setText("a")
    register._apply_filter()
    assert register.ctx.tasks.wait_idle()
    qtmodeltester.check(register.model)
