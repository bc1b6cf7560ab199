"""The application icon (rendered from resources/icons/clustermanager.svg by installers/make_icons.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

# In a checkout: <repo>/resources/icons; in the bundle the spec puts them at the same place
# relative to the package (<bundle>/_internal/resources/icons).
ICONS = Path(__file__).resolve().parents[3] / "resources" / "icons"


def app_icon() -> QIcon:
    """Every rendered size, so each place (title bar, task bar, Alt+Tab) picks a sharp one."""
    icon = QIcon()
    for path in sorted(ICONS.glob("clustermanager-*.png")):
        icon.addFile(str(path))
    return icon
