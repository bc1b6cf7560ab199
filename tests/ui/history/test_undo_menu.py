"""Edit > Undo / Redo in the window: named after the action, one step per user action, screens refresh,
a colleague's later change refuses the undo with a message naming the record and the change."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from clustermanager.change_recording import recorder
from clustermanager.db import open_database
from clustermanager.io.mapping import propose_mapping
from clustermanager.io.sheets import read_table
from clustermanager.models import Member
from clustermanager.services import members
from clustermanager.services.member_import import import_members
from clustermanager.ui import operations
from clustermanager.ui.operations import Change
from tests.core.io.sheetgen import workbook
from tests.core.services.helpers import member


def _menu(window):
    assert window.ctx.tasks.wait_idle()
    undo_redo = window.undo_redo
    return undo_redo.undo_action, undo_redo.redo_action


def _member_count(window) -> int:
    with window.ctx.db.session() as session:
        return session.scalar(select(func.count()).select_from(Member))


def _change(window, fn, changes=(Change.MEMBERS,)):
    operations.change(window.ctx, fn, changes=changes)
    assert window.ctx.tasks.wait_idle()


def test_undo_and_redo_sit_on_top_of_the_edit_menu_with_their_shortcuts(window):
    undo, redo = _menu(window)
    edit = window.menus["edit"].actions()
    assert edit[:2] == [undo, redo]
    assert undo.shortcut().toString() == "Ctrl+Z"
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= {s.toString() for s in redo.shortcuts()}
    assert not undo.isEnabled() and not redo.isEnabled()  # nothing done in this session yet
    assert undo.text() == "&Undo"


def test_an_import_is_one_step_named_in_the_menu_and_the_register_refreshes(window, tmp_path):
    screen = window.show_screen("members")
    assert window.ctx.tasks.wait_idle()
    before, shown = _member_count(window), screen.model.rowCount()
    rows = [["Naam", "Type", "Lid sinds"]] + [[f"Import {i} NV", "Bedrijf", "2021-03-15"] for i in range(38)]
    table = read_table(workbook(tmp_path / "leden.xlsx", rows))
    _change(window, lambda s: import_members(s, table, propose_mapping(table.headers)))
    undo, redo = _menu(window)
    assert undo.isEnabled() and undo.text() == "&Undo import of 38 members"
    assert screen.model.rowCount() == shown + 38

    undo.trigger()
    undo, redo = _menu(window)
    assert _member_count(window) == before
    assert screen.model.rowCount() == shown  # the register refreshed through the announced topic
    assert redo.isEnabled() and redo.text() == "&Redo import of 38 members"
    assert "import of 38 members" in window.statusBar().currentMessage()

    redo.trigger()
    undo, redo = _menu(window)
    assert _member_count(window) == before + 38
    assert undo.text() == "&Undo import of 38 members" and not redo.isEnabled()


def test_undo_takes_back_one_action_at_a_time_newest_first(window):
    _change(window, lambda s: member(s, "First NV"))
    _change(window, lambda s: member(s, "Second NV"))
    undo, _redo = _menu(window)
    assert undo.text() == "&Undo new member Second NV"
    undo.trigger()
    undo, redo = _menu(window)
    assert undo.text() == "&Undo new member First NV" and redo.text() == "&Redo new member Second NV"
    with window.ctx.db.session() as session:
        names = set(session.scalars(select(Member.name).where(Member.name.in_(["First NV", "Second NV"]))))
    assert names == {"First NV"}


def test_undo_across_a_colleagues_later_change_is_refused_naming_record_and_change(window, shown_messages,
                                                                                   monkeypatch):
    made = {}
    _change(window, lambda s: made.setdefault("id", member(s, "Acme NV")))
    colleague = open_database(window.ctx.db.url)  # another app on the same database
    with monkeypatch.context() as other:
        other.setattr(recorder, "SESSION_KEY", "colleague-session")
        other.setattr(recorder, "current_user", lambda _s: "colleague")
        with colleague.session() as s:
            members.update_member(s, made["id"], members.MemberInput(
                name="Acme NV", kind="company", size_class="small", joined_on=dt.date(2020, 1, 1), email="info@acme.be"))
    colleague.close()
    undo, _redo = _menu(window)
    assert undo.text() == "&Undo new member Acme NV"
    undo.trigger()
    assert window.ctx.tasks.wait_idle()
    [(_title, text, critical)] = shown_messages
    assert not critical
    assert "member Acme NV" in text and "colleague" in text and "info@acme.be" in text
    with window.ctx.db.session() as session:
        assert members.get_member(session, made["id"]).email == "info@acme.be"  # nothing overwritten
    undo, _redo = _menu(window)
    assert undo.isEnabled()  # still offered: the user may undo the colleague's change first


@pytest.mark.parametrize("lang", ["nl"])
def test_the_menu_names_the_action_in_the_users_language(window, lang):
    from clustermanager import i18n

    i18n.set_language(lang)
    try:
        _change(window, lambda s: member(s, "Taal NV"))
        undo, _redo = _menu(window)
        assert undo.text().startswith("&Ongedaan maken") and "Taal NV" in undo.text()
    finally:
        i18n.set_language("en")
