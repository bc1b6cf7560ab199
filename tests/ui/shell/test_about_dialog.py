"""Help > About (version, database, licences), and Qt's own dialogs in the app's language."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from clustermanager import __version__, i18n
from clustermanager.about import about_info
from clustermanager.ui.shell.about_dialog import AboutDialog
from clustermanager.ui.shell.app_icon import app_icon
from clustermanager.ui.shell.qt_translations import install_qt_translations


def test_the_help_menu_opens_the_about_dialog_for_the_open_database(window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    entry = next(a for a in window.menus["help"].actions() if a.text() == "&About ClusterManager")
    entry.trigger()
    (dialog,) = shown
    qtbot.addWidget(dialog)
    assert dialog.info.database == window.ctx.db.display_name
    names = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert "Qt for Python (PySide6) and Qt" in names and "SQLAlchemy" in names


def test_the_dialog_shows_the_version_and_copies_its_facts(qtbot, tmp_path):
    dialog = AboutDialog(about_info(str(tmp_path / "c.cmdb")))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "About ClusterManager"
    assert "Copy to clipboard" in [b.text() for b in dialog.findChild(QDialogButtonBox).buttons()]
    dialog.copy_to_clipboard()
    copied = QApplication.clipboard().text()
    assert f"ClusterManager {__version__}" in copied and "c.cmdb" in copied and "LGPLv3" in copied


def test_the_icon_has_every_size():
    sizes = {size.width() for size in app_icon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes


def test_qt_dialogs_follow_the_language(qapp):
    before = QLocale()
    try:
        assert install_qt_translations(qapp, "nl")
        assert QApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
        assert install_qt_translations(qapp, "fr")
        assert QApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
        install_qt_translations(qapp, "en")
        assert QApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        install_qt_translations(qapp, "en")
        QLocale.setDefault(before)
        i18n.set_language("en")
