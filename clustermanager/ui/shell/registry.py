"""What each feature adds to the window: its screen, menu entries, member-detail tabs, dashboard cards
(and menu hooks: entries whose text follows the data, such as Edit > Undo).

A feature package (`clustermanager.ui.<feature>`) declares `FEATURE = Contributions(...)` in its
`__init__.py`, naming each widget or function as a `"module:Name"` string; the shell collects them from
`FEATURES` in this order. The strings keep start-up fast: a feature's modules are imported when the
user first opens its screen or tab, not before. `tests/ui/shell/test_registry.py` resolves every one of them,
so a misspelt or missing module fails the tests instead of silently dropping a feature.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

FEATURES = ("dashboard", "indicators", "members", "fees", "activities", "projects", "mailings", "reports",
            "history", "exchange", "database")
MENUS = ("file", "edit", "view", "tools", "help")


@dataclass(frozen=True)
class ScreenSpec:
    key: str  # stable id: "members"; also the icon name under ui/icons/<key>.svg
    title: str  # marked with N_(), translated when shown
    target: str  # "module:Class", a Screen subclass taking (ctx, parent=None)


@dataclass(frozen=True)
class MenuAction:
    menu: str  # one of MENUS
    text: str  # marked with N_()
    shortcut: str | None  # a QKeySequence string ("Ctrl+I") or None
    target: str  # "module:function", called with the MainWindow


@dataclass(frozen=True)
class MemberTab:
    title: str  # marked with N_()
    target: str  # "module:Class", a QWidget taking (ctx, member_id, parent=None)


@dataclass(frozen=True)
class DashboardCard:
    title: str  # marked with N_()
    target: str  # "module:function(session)" -> (value, note) or (value, note, WARNING); Qt-free


@dataclass(frozen=True)
class Contributions:
    screens: tuple[ScreenSpec, ...] = ()
    menu_actions: tuple[MenuAction, ...] = ()
    member_tabs: tuple[MemberTab, ...] = ()
    dashboard_cards: tuple[DashboardCard, ...] = ()
    menu_hooks: tuple[str, ...] = ()  # "module:function(window, menus)": entries that change with the data


def contributions() -> list[Contributions]:
    return [importlib.import_module(f"clustermanager.ui.{name}").FEATURE for name in FEATURES]


def screens() -> list[ScreenSpec]:
    return [spec for c in contributions() for spec in c.screens]


def menu_actions() -> list[MenuAction]:
    return [action for c in contributions() for action in c.menu_actions]


def member_tabs() -> list[MemberTab]:
    return [tab for c in contributions() for tab in c.member_tabs]


def menu_hooks() -> list[str]:
    return [hook for c in contributions() for hook in c.menu_hooks]


def dashboard_cards() -> list[DashboardCard]:
    return [card for c in contributions() for card in c.dashboard_cards]


def load_object(target: str):
    """Import `module:Name` and return the object; imported on first use so startup stays fast."""
    module_name, _sep, attr = target.partition(":")
    return getattr(importlib.import_module(module_name), attr)
