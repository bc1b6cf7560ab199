"""Help > About: version, where the data lives, the bundled libraries and their licences."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from clustermanager.about import AboutInfo, about_info, about_text
from clustermanager.i18n import _
from clustermanager.ui.common.dialog import Dialog
from clustermanager.ui.shell.app_icon import app_icon


class AboutDialog(Dialog):
    def __init__(self, info: AboutInfo, parent=None):
        super().__init__(parent)
        self.info = info
        self.setWindowTitle(_("About ClusterManager"))
        layout = QVBoxLayout(self)

        header = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        header.addWidget(logo)
        title = QLabel(f"<h2>ClusterManager {info.version}</h2>"
                       + _("Members, fees, activities, projects and progress reports for innovation clusters."))
        title.setWordWrap(True)
        header.addWidget(title, 1)
        layout.addLayout(header)

        facts = QFormLayout()
        for label, value in ((_("Database"), info.database), (_("Data folder"), info.data_folder),
                             (_("Log file"), info.log_file), ("Python", f"{info.python} — {info.system}")):
            field = QLabel(value)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addRow(label, field)
        layout.addLayout(facts)

        layout.addWidget(QLabel(_("Bundled libraries")))
        libraries = [lib for lib in info.libraries if lib.version]
        self.table = QTableWidget(len(libraries), 3)
        self.table.setHorizontalHeaderLabels([_("Library"), _("Version"), _("Licence")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, lib in enumerate(libraries):
            for column, text in enumerate((lib.name, lib.version, lib.licence)):
                item = QTableWidgetItem(text)
                item.setToolTip(lib.url)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        notice = QLabel(info.qt_notice)
        notice.setWordWrap(True)
        layout.addWidget(notice)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(_("Copy to clipboard"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_to_clipboard)  # for a support e-mail
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def copy_to_clipboard(self) -> None:
        QApplication.clipboard().setText(about_text(self.info))


def show_about_dialog(window) -> None:
    """The MENU_ACTIONS target: the dialog for the window's open database."""
    AboutDialog(about_info(window.ctx.db.display_name), window).exec()
