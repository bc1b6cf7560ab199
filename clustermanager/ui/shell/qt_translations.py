"""Qt's own texts (file dialogs, message-box buttons, context menus) in the app's language.

Our strings use gettext (clustermanager.i18n); only Qt's built-in widgets need Qt's translator.
Call `install_qt_translations(app, i18n.current_language())` after `i18n.set_language()` at start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

_installed: list[QTranslator] = []  # kept alive here: Qt does not own an installed translator


def qt_translations_dir() -> Path:
    """Where Qt's .qm files are (inside PySide6, or the bundle's copy: PyInstaller points Qt there)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def install_qt_translations(app: QApplication, language: str) -> bool:
    """Replace Qt's translator with `language`'s qtbase catalog; False when Qt has none (English)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))  # also Qt's date pickers and number spin boxes
    translator = QTranslator(app)
    if not translator.load(QLocale(language), "qtbase", "_", str(qt_translations_dir())):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
