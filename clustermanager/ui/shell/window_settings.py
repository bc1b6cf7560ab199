"""Window state (geometry, columns, last screen) in an ini file beside the app settings.

Not the platform registry: tests and portable installs then never touch the user's real state.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from clustermanager import config


def window_settings() -> QSettings:
    return QSettings(str(config.data_dir() / "window.ini"), QSettings.Format.IniFormat)
