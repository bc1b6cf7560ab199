"""The member register driven like a user: filter by typing, create a member, validation, ending.

The register asks the database for what it shows (a page, the counts) on the task runner, so a test
waits for the answer after each action (`shown()`), as a user waits for the table to redraw."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from clustermanager.services import members as service
from clustermanager.ui.common import dialogs
from clustermanager.ui.members.table_model import COLUMNS, MEMBER_ID_ROLE

pytestmark = pytest.mark.postgres  # every test on SQLite and, with CLUSTERMANAGER_TEST_POSTGRES, on PostgreSQL


@pytest.fixture
def register_db(db_backend, request, demo_db):
    """The demo cluster on the backend under test (PostgreSQL: generated into a fresh schema)."""
    if db_backend == "sqlite":
        return demo_db
    from sqlalchemy import text

    from clustermanager.demo import generate_demo
    from clustermanager.models import Base

    database = request.getfixturevalue("pg_db")
    with database.session() as s:
        generate_demo(s, members=120, seed=7, year=2025)
        for table in Base.metadata.sorted_tables:  # the demo wrote its own ids: new rows come after them
            if "id" in table.c:
                s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                               f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"))
    return database


@pytest.fixture
def window(qtbot, register_db, shown_messages):
    """The main window over the register's database, shown offscreen."""
    from clustermanager.ui.app import create_main_window

    win = create_main_window(register_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.ctx.tasks.wait_idle()
    win.close()


@pytest.fixture
def members_screen(window, qtbot):
    screen = window.show_screen("members")
    assert window.ctx.tasks.wait_idle()
    screen.status.setCurrentIndex(screen.status.findData("all"))  # everyone, not only active members
    return shown(screen)


def shown(screen):
    """After an action: the register's answer has arrived."""
    assert screen.ctx.tasks.wait_idle()
    return screen


def visible_names(screen) -> list[str]:
    proxy = screen.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_register_shows_every_member_with_counts(members_screen, window):
    assert members_screen.proxy.rowCount() == 120
    text = window.screen_status.text()
    assert "120 of 120 shown" in text
    assert "active today" in text and "SMEs" in text


def test_the_register_opens_sorted_by_name_a_to_z(members_screen):
    names = [n.lower() for n in visible_names(members_screen)]
    assert names == sorted(names)


def test_typing_in_the_search_box_filters(members_screen, qtbot, window):
    some = members_screen.model.rows[17]
    word = some.name.split()[0]
    qtbot.keyClicks(members_screen.search, word.lower())
    qtbot.waitUntil(lambda: members_screen.proxy.rowCount() < 120)
    shown(members_screen)  # the counts follow the rows in their own job
    names = visible_names(members_screen)
    assert some.name in names
    assert all(word.lower() in r.search_text for r in members_screen.model.rows
               if r.name in names)
    assert f"{len(names)} of 120 shown" in window.screen_status.text()
    members_screen.search.clear()
    qtbot.waitUntil(lambda: members_screen.proxy.rowCount() == 120)


def test_search_by_enterprise_number_in_dotted_form(members_screen, qtbot):
    row = next(r for r in members_screen.model.rows if r.enterprise_number)
    dotted = f"{row.enterprise_number[:4]}.{row.enterprise_number[4:7]}.{row.enterprise_number[7:]}"
    qtbot.keyClicks(members_screen.search, dotted)
    qtbot.waitUntil(lambda: members_screen.proxy.rowCount() == 1)
    assert visible_names(members_screen) == [row.name]


def test_kind_and_former_filters(members_screen):
    screen = members_screen
    screen.kind.setCurrentIndex(screen.kind.findText("Company"))
    shown(screen)
    assert {screen.model.rows[screen.proxy.source_row(r)].kind.value for r in range(screen.proxy.rowCount())} \
        == {"company"}
    screen.kind.setCurrentIndex(0)
    screen.status.setCurrentIndex(screen.status.findData("former"))
    shown(screen)
    today = dt.date.today()
    former = [screen.model.rows[screen.proxy.source_row(r)] for r in range(screen.proxy.rowCount())]
    assert former and all(r.left_on is not None and r.left_on < today for r in former)


def test_sorting_by_a_column(members_screen):
    table = members_screen.table
    joined = next(i for i, c in enumerate(COLUMNS) if c.key == "joined_on")
    table.sortByColumn(joined, Qt.SortOrder.DescendingOrder)
    proxy = shown(members_screen).proxy
    days = [members_screen.model.rows[proxy.source_row(r)].joined_on for r in range(proxy.rowCount())]
    assert days == sorted(days, reverse=True)


def test_columns_can_be_hidden_and_are_remembered(members_screen, window, demo_db):
    municipality = next(i for i, c in enumerate(COLUMNS) if c.key == "municipality")
    members_screen.set_column_visible(municipality, False)
    assert members_screen.table.isColumnHidden(municipality)
    from clustermanager.ui.members.screen import MembersScreen

    again = MembersScreen(window.ctx)
    assert again.table.isColumnHidden(municipality)
    again.deleteLater()


def test_create_a_member_by_typing_into_the_form(members_screen, qtbot, window):
    dialog = members_screen.new_member()
    assert members_screen.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    qtbot.waitExposed(dialog)
    assert not dialog.save_button.isEnabled()  # no name yet
    qtbot.keyClicks(dialog.form.name, "Zeta Robotics")
    dialog.form.kind.setCurrentIndex(dialog.form.kind.findData(service.MemberKind.COMPANY))
    qtbot.keyClicks(dialog.form.enterprise_number, "0417.497.106")
    qtbot.keyClicks(dialog.form.municipality, "Gent")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.ctx.tasks.wait_idle()
    assert "Zeta Robotics" in visible_names(members_screen)
    with window.ctx.db.session() as s:
        created = service.get_member(s, service.find_member_id(s, "Zeta Robotics"))
    assert created.enterprise_number == "0417497106"
    assert members_screen.current_member_id() == created.id  # the new member is selected


def test_bad_enterprise_number_is_refused_beside_the_field(members_screen, qtbot):
    dialog = members_screen.new_member()
    assert members_screen.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    qtbot.keyClicks(dialog.form.name, "Broken Numbers NV")
    qtbot.keyClicks(dialog.form.enterprise_number, "0417.497.107")
    field = dialog.form.checks.fields["enterprise_number"]
    assert field.error.isVisible()
    assert "Is not a valid Belgian enterprise number" in field.error.text()
    assert not dialog.save_button.isEnabled()
    dialog.form.enterprise_number.clear()
    qtbot.keyClicks(dialog.form.enterprise_number, "0417497106")
    assert not field.error.isVisible()
    assert dialog.save_button.isEnabled()
    dialog.reject()


def test_duplicate_name_from_the_service_is_shown_inline(members_screen, qtbot):
    existing = members_screen.model.rows[0].name
    dialog = members_screen.new_member()
    assert members_screen.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    qtbot.keyClicks(dialog.form.name, existing)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert members_screen.ctx.tasks.wait_idle()  # the save runs on the task runner
    assert dialog.isVisible()
    assert "Another member already has this name" in dialog.form.checks.fields["name"].error.text()
    dialog.reject()


def test_end_a_membership(members_screen, qtbot, window, monkeypatch):
    row = next(r for r in members_screen.model.rows if r.left_on is None)
    day = dt.date.today() - dt.timedelta(days=1)
    monkeypatch.setattr(dialogs, "ask_date", lambda *args: day)
    dialog = members_screen.open_member(row.id)
    assert members_screen.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    qtbot.mouseClick(dialog.end_button, Qt.MouseButton.LeftButton)
    assert window.ctx.tasks.wait_idle()  # the save runs on the task runner
    assert day.strftime("%d/%m/%Y") in dialog.form.left_label.text()
    dialog.reject()
    members_screen.status.setCurrentIndex(members_screen.status.findData("former"))
    assert row.name in visible_names(shown(members_screen))
    with window.ctx.db.session() as s:
        assert service.get_member(s, row.id).left_on == day


def test_delete_is_refused_when_history_would_be_lost(members_screen, qtbot, window, monkeypatch,
                                                      shown_messages):
    with window.ctx.db.session() as s:
        used = next(r.id for r in service.list_members(s) if any(service.member_usage(s, r.id).values()))
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    dialog = members_screen.open_member(used)
    assert members_screen.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert window.ctx.tasks.wait_idle()  # the save runs on the task runner
    (title, text, critical), = shown_messages
    assert "end the membership instead" in text and not critical
    with window.ctx.db.session() as s:
        assert service.get_member(s, used).id == used
    dialog.reject()


def test_conflict_lets_the_user_keep_their_version(members_screen, qtbot, window, monkeypatch):
    from clustermanager.ui.common import conflict_dialog

    row = members_screen.model.rows[3]
    dialog = members_screen.open_member(row.id)
    assert members_screen.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    with window.ctx.db.session() as s:  # someone else saves meanwhile
        other = service.get_member(s, row.id)
        service.update_member(s, row.id, service.MemberInput(**{**other.to_input().__dict__, "street": "Elsewhere 1"}))
    seen = []
    monkeypatch.setattr(conflict_dialog, "resolve_conflict",
                        lambda _p, _msg, theirs, mine: seen.append((theirs.street, mine.street)) or "mine")
    dialog.form.street.setText("Mine 2")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.ctx.tasks.wait_idle()  # the save runs on the task runner
    assert seen == [("Elsewhere 1", "Mine 2")]
    with window.ctx.db.session() as s:
        assert service.get_member(s, row.id).street == "Mine 2"


def test_table_models_pass_the_model_tester(members_screen, qtmodeltester):
    qtmodeltester.check(members_screen.model)
    qtmodeltester.check(members_screen.proxy)
    members_screen.proxy.set_search_text("a")
    qtmodeltester.check(members_screen.proxy)


def test_member_ids_are_exposed_for_selection(members_screen):
    index = members_screen.proxy.index(0, 0)
    assert isinstance(index.data(MEMBER_ID_ROLE), int)


def test_contacts_can_be_added_edited_and_removed(members_screen, qtbot, window, monkeypatch):
    from clustermanager.ui.members import contacts as member_contacts

    row = members_screen.model.rows[5]
    dialog = members_screen.open_member(row.id)
    assert members_screen.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    panel = dialog.contacts
    assert window.ctx.tasks.wait_idle()  # the contacts are read on the task runner
    before = panel.model.rowCount()

    def filled(first, last, email, main=False):
        def make(parent, contact):
            form = member_contacts.ContactDialog(contact, parent)
            form.first_name.setText(first)
            form.last_name.setText(last)
            form.email.setText(email)
            form.is_main.setChecked(main)
            monkeypatch.setattr(form, "exec", lambda: member_contacts.ContactDialog.DialogCode.Accepted)
            return form
        return make

    monkeypatch.setattr(member_contacts, "edit_contact_dialog", filled("Ada", "Lovelace", "ada@example.be", True))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert window.ctx.tasks.wait_idle()
    assert panel.model.rowCount() == before + 1
    assert panel.model.index(0, 0).data() == "Ada Lovelace"  # the main contact comes first
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    monkeypatch.setattr(member_contacts, "edit_contact_dialog", filled("Ada", "King", "ada@example.be", True))
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert window.ctx.tasks.wait_idle()
    assert panel.model.index(0, 0).data() == "Ada King"
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert window.ctx.tasks.wait_idle()
    assert panel.model.rowCount() == before
    dialog.reject()


def test_contact_model_passes_the_model_tester(members_screen, qtmodeltester):
    dialog = members_screen.open_member(members_screen.model.rows[0].id)
    assert members_screen.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    assert members_screen.ctx.tasks.wait_idle()
    qtmodeltester.check(dialog.contacts.model)
    dialog.reject()


def test_active_on_a_date(members_screen):
    from clustermanager.ui.common.dialogs import to_qdate

    screen = members_screen
    day = dt.date(2023, 1, 1)
    screen.status.setCurrentIndex(screen.status.findData("active_on"))
    assert screen.day.isVisibleTo(screen)
    screen.day.setDate(to_qdate(day))
    shown(screen)
    on_day = {screen.model.rows[screen.proxy.source_row(r)].id for r in range(screen.proxy.rowCount())}
    expected = {r.id for r in screen.model.rows if r.is_active_on(day)}
    assert on_day == expected and 0 < len(on_day) < 120
