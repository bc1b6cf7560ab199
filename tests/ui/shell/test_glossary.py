"""One name per thing in each language: the sidebar, the page title and the View menu agree."""

from __future__ import annotations

import pytest

from clustermanager import i18n
from clustermanager.i18n import _
from clustermanager.ui.shell import registry


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_the_sidebar_the_page_and_the_menu_call_a_screen_the_same(qtbot, demo_db, shown_messages, lang):
    from clustermanager.ui.app import create_main_window

    i18n.set_language(lang)
    try:
        win = create_main_window(demo_db)
        qtbot.addWidget(win)
        view = {a.text().replace("&", "") for a in win.menus["view"].actions()}
        for spec in registry.screens():
            name = _(spec.title)
            screen = win.show_screen(spec.key)
            assert win.ctx.tasks.wait_idle()
            sidebar = [win.sidebar.item(i).text() for i in range(win.sidebar.count())]
            assert name in sidebar and name.replace("&", "") in view
            if spec.key != "dashboard":  # the dashboard's title is the cluster's name
                assert screen.findChild(type(win.opening), "screenTitle").text() == name, spec.key
        win.close()
    finally:
        i18n.set_language("en")
