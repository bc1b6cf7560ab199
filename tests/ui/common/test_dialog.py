"""Every dialog class of the window derives from `Dialog`, so none misses the keyboard manners."""

from __future__ import annotations

import importlib
import pkgutil

from PySide6.QtWidgets import QDialog

import clustermanager.ui
from clustermanager.ui.common.dialog import Dialog


def _all_subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_all_subclasses(sub)}
    return found


def test_every_dialog_class_of_the_window_derives_from_dialog():
    for module in pkgutil.walk_packages(clustermanager.ui.__path__, "clustermanager.ui."):
        importlib.import_module(module.name)
    ours = {c for c in _all_subclasses(QDialog) if c.__module__.startswith("clustermanager.ui.")}
    assert len(ours) >= 15  # the walk found the window's dialogs
    assert sorted(f"{c.__module__}.{c.__qualname__}" for c in ours if not issubclass(c, Dialog)) == []
