"""Features plug into the window through the registry: screens, member tabs, menu actions, cards.

Every registered "module:Name" must resolve: a typo must fail here, not silently drop a feature."""

from __future__ import annotations

import inspect

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from clustermanager.ui.common.screen import Screen
from clustermanager.ui.shell import registry

CALLS = []


class ExtraTab(QLabel):
    def __init__(self, ctx, member_id, parent=None):
        super().__init__(f"fees of {member_id}", parent)
        self.ctx = ctx


def extra_action(window) -> None:
    CALLS.append(window)


def test_member_tabs_appear_on_the_member_detail(window, monkeypatch):
    monkeypatch.setattr(registry, "member_tabs", lambda: [registry.MemberTab("Fees", "tests.ui.shell.test_registry:ExtraTab")])
    members = window.show_screen("members")
    assert window.ctx.tasks.wait_idle()
    member_id = members.model.rows[0].id
    dialog = members.open_member(member_id)
    assert members.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["General", "Contacts", "Fees"]
    assert dialog.tabs.widget(2).text() == f"fees of {member_id}"
    dialog.reject()


def test_menu_actions_are_added_and_run_with_the_window(qtbot, demo_db, monkeypatch, shown_messages):
    from clustermanager.ui.app import create_main_window

    monkeypatch.setattr(registry, "menu_actions", lambda: [
        registry.MenuAction("tools", "Import workbook…", "Ctrl+I", "tests.ui.shell.test_registry:extra_action")])
    win = create_main_window(demo_db)
    qtbot.addWidget(win)
    (action,) = [a for a in win.menus["tools"].actions() if a.text() == "Import workbook…"]
    assert action.shortcut().toString() == "Ctrl+I"
    action.trigger()
    assert CALLS[-1] is win
    win.ctx.tasks.wait_idle()


def members_card(session):
    from clustermanager.services.members import count_members_on

    return str(count_members_on(session, __import__("datetime").date(2024, 1, 1))), "on 1 January 2024"


def broken_card(_session):
    raise RuntimeError("card bug")


def test_dashboard_cards_are_computed_on_the_worker_and_shown(qtbot, demo_db, monkeypatch, shown_messages):
    from clustermanager.ui.app import create_main_window

    monkeypatch.setattr(registry, "dashboard_cards", lambda: [
        registry.DashboardCard("Members in 2024", "tests.ui.shell.test_registry:members_card"),
        registry.DashboardCard("Broken", "tests.ui.shell.test_registry:broken_card")])
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


def test_every_feature_package_declares_what_it_adds():
    assert all(isinstance(c, registry.Contributions) for c in registry.contributions())
    assert [s.key for s in registry.screens()] == [
        "dashboard", "indicators", "members", "fees", "activities", "projects", "mailings", "reports", "history",
        "trash"]


@pytest.mark.parametrize("spec", registry.screens(), ids=lambda s: s.key)
def test_every_screen_resolves_to_a_screen(spec):
    assert issubclass(registry.load_object(spec.target), Screen)


@pytest.mark.parametrize("tab", registry.member_tabs(), ids=lambda t: t.title)
def test_every_member_tab_resolves_to_a_widget(tab):
    assert issubclass(registry.load_object(tab.target), QWidget)


@pytest.mark.parametrize("action", registry.menu_actions(), ids=lambda a: a.target)
def test_every_menu_action_resolves_to_a_function_of_the_window(action):
    function = registry.load_object(action.target)
    assert action.menu in registry.MENUS
    assert list(inspect.signature(function).parameters)[:1] == ["window"]


@pytest.mark.parametrize("hook", registry.menu_hooks())
def test_every_menu_hook_resolves_to_a_function_of_the_window_and_its_menus(hook):
    assert list(inspect.signature(registry.load_object(hook)).parameters)[:2] == ["window", "menus"]


@pytest.mark.parametrize("card", registry.dashboard_cards(), ids=lambda c: c.target)
def test_every_dashboard_card_resolves_to_a_qt_free_function(card):
    function = registry.load_object(card.target)
    assert not card.target.startswith("clustermanager.ui.")  # runs on the worker: a core function
    assert list(inspect.signature(function).parameters)[:1] == ["session"]


def test_a_misspelt_target_fails_loudly():
    with pytest.raises(ModuleNotFoundError):
        registry.load_object("clustermanager.ui.fees.not_there:FeesScreen")
