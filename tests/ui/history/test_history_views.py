"""The History tab of a member, an activity and a project; Recent changes filtered by record, user and
action; the Trash screen: restore, empty (always after asking), the retention."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from clustermanager.models import ChangeAction, Member
from clustermanager.services import activities, members, projects
from clustermanager.services.history import trash
from clustermanager.ui import operations
from clustermanager.ui.common import dialogs
from clustermanager.ui.operations import Change
from tests.core.services.helpers import member


def _change(window, fn, changes=(Change.MEMBERS,)):
    result = {}
    operations.change(window.ctx, lambda s: result.setdefault("value", fn(s)), changes=changes)
    assert window.ctx.tasks.wait_idle()
    return result.get("value")


def _rename(session, member_id: int, email: str) -> None:
    data = members.get_member(session, member_id)
    members.update_member(session, member_id, members.MemberInput(
        name=data.name, kind=data.kind.value, size_class="small", joined_on=data.joined_on, email=email))


def _cells(view, row: int) -> dict[str, str]:
    model = view.proxy
    return {view.model.columns[c].key: model.index(row, c).data() for c in range(model.columnCount())}


def test_the_member_history_tab_lists_field_old_and_new(window):
    mid = _change(window, lambda s: member(s, "Historia NV"))
    _change(window, lambda s: _rename(s, mid, "info@historia.be"))
    dialog = window.show_screen("members").open_member(mid)
    assert window.ctx.tasks.wait_idle()
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    tab = dialog.tabs.widget(titles.index("History"))
    assert window.ctx.tasks.wait_idle()
    rows = [_cells(tab, r) for r in range(tab.proxy.rowCount())]
    edit = next(r for r in rows if r["field"] == "E-mail")
    assert (edit["old"], edit["new"], edit["action"]) == ("—", "info@historia.be", "Edit of member Historia NV")
    assert edit["user"] and edit["at"]
    created = next(r for r in rows if r["field"] == "(new)")
    assert "Historia NV" in created["new"] and "Small" in created["new"]  # codes by their labels
    assert "small" not in created["new"] and "company" not in created["new"]
    _change(window, lambda s: _rename(s, mid, "post@historia.be"))  # the open tab follows
    assert tab.proxy.rowCount() == len(rows) + 1
    dialog.reject()


def test_activity_and_project_dialogs_have_a_history_tab_with_their_participants_and_partners(window):
    mid = _change(window, lambda s: member(s, "Partner NV"))
    aid = _change(window, lambda s: activities.create_activity(s, activities.ActivityInput(
        kind="workshop", title="Historie workshop", starts_on=dt.date(2025, 3, 1))).id, (Change.ACTIVITIES,))
    pid = _change(window, lambda s: projects.create_project(s, projects.ProjectInput(
        kind="b2b", title="Historie project")).id, (Change.PROJECTS,))
    _change(window, lambda s: projects.add_partner(s, pid, projects.PartnerInput(member_id=mid)), (Change.PROJECTS,))
    for key, record_id, wanted in (("activities", aid, "Historie workshop"), ("projects", pid, "project partner")):
        dialog = window.show_screen(key).open_record(record_id)
        assert window.ctx.tasks.wait_idle()
        assert dialog.tabs.tabText(dialog.tabs.count() - 1) == "History"
        texts = " ".join(" ".join(_cells(dialog.changes, r).values()) for r in range(dialog.changes.proxy.rowCount()))
        assert wanted in texts
        dialog.reject()


def test_recent_changes_filter_by_record_user_and_action(window):
    first = _change(window, lambda s: member(s, "Eerste NV"))
    _change(window, lambda s: member(s, "Tweede NV"))
    _change(window, lambda s: members.delete_member(s, first))
    with window.ctx.db.session() as session:  # a colleague's action
        session.execute(update(ChangeAction).where(ChangeAction.label.like("%Tweede%")).values(user="colleague"))
    screen = window.show_screen("history")
    assert window.ctx.tasks.wait_idle()
    total = screen.proxy.rowCount()
    assert total > 0 and "of" in window.screen_status.text()
    screen.search.setText("tweede")
    screen._apply_filter()
    shown = [_cells(screen, r) for r in range(screen.proxy.rowCount())]
    assert shown and all("Tweede NV" in r["record"] for r in shown)
    screen.search.setText("")
    screen.user.setCurrentIndex(screen.user.findData("colleague"))
    assert {_cells(screen, r)["user"] for r in range(screen.proxy.rowCount())} == {"colleague"}
    screen.user.setCurrentIndex(0)
    screen.kind.setCurrentIndex(screen.kind.findData("delete"))
    deleted = [_cells(screen, r) for r in range(screen.proxy.rowCount())]
    assert deleted and {r["action"] for r in deleted} == {"Deletion of member Eerste NV"}
    assert screen.kind.currentText() == "Deletion"


def test_the_trash_restores_empties_after_asking_and_keeps_the_retention(window, monkeypatch):
    gone = _change(window, lambda s: member(s, "Weg NV"))
    kept = _change(window, lambda s: member(s, "Blijft NV"))
    _change(window, lambda s: members.delete_member(s, gone))
    _change(window, lambda s: members.delete_member(s, kept))
    screen = window.show_screen("trash")
    assert window.ctx.tasks.wait_idle()
    names = [_cells(screen, r)["name"] for r in range(screen.proxy.rowCount())]
    assert sorted(names) == ["Blijft NV", "Weg NV"]
    assert not screen.restore_button.isEnabled()  # nothing chosen yet

    screen.table.selectRow(names.index("Blijft NV"))
    assert screen.restore_button.isEnabled()
    screen.restore_button.click()
    assert window.ctx.tasks.wait_idle()
    with window.ctx.db.session() as session:
        assert session.scalar(select(Member.name).where(Member.id == kept)) == "Blijft NV"
    assert [_cells(screen, r)["name"] for r in range(screen.proxy.rowCount())] == ["Weg NV"]
    assert "Restored member Blijft NV" in window.statusBar().currentMessage()

    screen.retention.setValue(7)
    screen.save_retention()
    assert window.ctx.tasks.wait_idle()
    with window.ctx.db.session() as session:
        assert trash.retention_days(session) == 7
        session.execute(update(ChangeAction).where(ChangeAction.trash_name == "Weg NV")
                        .values(created_at=dt.datetime.now() - dt.timedelta(days=8)))
    screen.refresh()
    assert window.ctx.tasks.wait_idle()
    assert screen.banner.isVisibleTo(screen) and "older than 7 days" in screen.banner_text.text()

    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **kw: asked.append(a[2]) or False)
    screen.empty_due_button.click()
    assert window.ctx.tasks.wait_idle()
    assert asked and screen.proxy.rowCount() == 1  # refused: nothing emptied
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **kw: True)
    screen.empty_due_button.click()
    assert window.ctx.tasks.wait_idle()
    assert screen.proxy.rowCount() == 0 and not screen.banner.isVisibleTo(screen)


def test_the_window_says_at_start_when_the_trash_holds_old_items_and_empties_nothing(demo_db, qtbot, shown_messages):
    from clustermanager.ui.app import create_main_window

    with demo_db.session() as s:
        mid = member(s, "Oud NV")
    with demo_db.session() as s:
        members.delete_member(s, mid)
        s.execute(update(ChangeAction).where(ChangeAction.trash_name == "Oud NV")
                  .values(created_at=dt.datetime.now() - dt.timedelta(days=45)))
    win = create_main_window(demo_db)
    qtbot.addWidget(win)
    assert win.ctx.tasks.wait_idle()
    assert "1 item in the Trash is older" in win.statusBar().currentMessage()
    with demo_db.session() as s:
        assert [i.name for i in trash.list_trash(s)] == ["Oud NV"]  # asked about, not emptied
    win.close()
