"""Features plug into the window through the registries: screens, member tabs, menu actions."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from clustermanager.ui import actions, screens

CALLS = []


class ExtraTab(QLabel):
    def __init__(self, ctx, member_id, parent=None):
        super().__init__(f"fees of {member_id}", parent)
        self.ctx = ctx


def extra_action(window) -> None:
    CALLS.append(window)


def test_member_tabs_appear_on_the_member_detail(window, monkeypatch):
    monkeypatch.setattr("clustermanager.ui.member_detail.MEMBER_TABS",
                        [("Fees", "tests.ui.test_extension_points:ExtraTab")])
    members = window.show_screen("members")
    assert window.ctx.tasks.wait_idle()
    member_id = members.model.rows[0].id
    dialog = members.open_member(member_id)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["General", "Contacts", "Fees"]
    assert dialog.tabs.widget(2).text() == f"fees of {member_id}"
    dialog.reject()


def test_menu_actions_are_added_and_run_with_the_window(qtbot, demo_db, monkeypatch, shown_messages):
    from clustermanager.ui.app import create_main_window

    monkeypatch.setattr("clustermanager.ui.menus.MENU_ACTIONS", [
        actions.MenuAction("tools", "Import workbook…", "Ctrl+I", "tests.ui.test_extension_points:extra_action")])
    win = create_main_window(demo_db)
    qtbot.addWidget(win)
    (action,) = [a for a in win.menus["tools"].actions() if a.text() == "Import workbook…"]
    assert action.shortcut().toString() == "Ctrl+I"
    action.trigger()
    assert CALLS[-1] is win
    win.ctx.tasks.wait_idle()


def test_screens_whose_module_is_missing_are_left_out(qtbot, demo_db, monkeypatch, shown_messages):
    from clustermanager.ui.app import create_main_window

    monkeypatch.setattr("clustermanager.ui.main_window.SCREENS", [
        *screens.SCREENS, screens.ScreenSpec("fees", "Fees", "clustermanager.ui.screens.not_there:FeesScreen")])
    win = create_main_window(demo_db)
    qtbot.addWidget(win)
    assert [s.key for s in win.specs] == [s.key for s in screens.SCREENS]
    win.ctx.tasks.wait_idle()


def members_card(session):
    from clustermanager.services.members import count_members_on

    return str(count_members_on(session, __import__("datetime").date(2024, 1, 1))), "on 1 January 2024"


def broken_card(_session):
    raise RuntimeError("card bug")


def test_dashboard_cards_are_computed_on_the_worker_and_shown(qtbot, demo_db, monkeypatch, shown_messages):
    from clustermanager.ui.app import create_main_window
    from clustermanager.ui.dashboard_cards import DashboardCard

    monkeypatch.setattr("clustermanager.ui.screens.dashboard.DASHBOARD_CARDS", [
        DashboardCard("Members in 2024", "tests.ui.test_extension_points:members_card"),
        DashboardCard("Broken", "tests.ui.test_extension_points:broken_card")])
    win = create_main_window(demo_db)
    qtbot.addWidget(win)
    win.show()
    dashboard = win.show_screen("dashboard")
    assert win.ctx.tasks.wait_idle()
    good, broken = dashboard.extra
    assert good.title.text() == "Members in 2024" and int(good.value.text()) > 0
    assert broken.value.text() == "–" and shown_messages == []  # logged, the dashboard still works
    assert dashboard.active.value.text() != "–"
    win.close()
