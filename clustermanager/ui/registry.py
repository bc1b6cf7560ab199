"""Resolve the "module:Name" strings of the extension registries (screens, member tabs, menu actions)."""

from __future__ import annotations

import importlib


def load_object(target: str):
    """Import `module:Name` and return the object; imported on first use so startup stays fast."""
    module_name, _sep, attr = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attr)


def module_exists(target: str) -> bool:
    module_name = target.partition(":")[0]
    return importlib.util.find_spec(module_name) is not None
