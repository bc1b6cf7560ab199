"""File > Connect to server…: open a team's shared PostgreSQL database (docs/data-safety.md, "Two people").

The dialog asks for host, port, database, user and password, or one URL; the window then opens it
through the same path as File > Open database (`DatabaseFiles.switch_to`). The password is used for
this connection only: the recent-databases list keeps the address without it (ui/context.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)
from sqlalchemy.engine import URL

from clustermanager.db import server_url
from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.ui.common.dialog import Dialog

DEFAULT_PORT = 5432


class ConnectDialog(Dialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Connect to server"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("Open the cluster's shared PostgreSQL database. Your IT service gives you these details."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.host = QLineEdit("localhost")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit("cluster")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.url = QLineEdit()
        self.url.setPlaceholderText("postgresql://user@server.example.org/cluster")
        for label, widget in ((_("Server"), self.host), (_("Port"), self.port), (_("Database"), self.database),
                              (_("User"), self.user), (_("Password"), self.password), (_("Or a URL"), self.url)):
            form.addRow(label, widget)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(_("Connect"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def location(self) -> URL:
        return server_url(self.host.text(), self.port.value(), self.database.text(), self.user.text(),
                          self.password.text(), url=self.url.text())

    def accept(self) -> None:
        try:
            self.location()
        except ValidationError as exc:  # said in the dialog, which stays open
            self.error.setText(str(exc))
            return
        super().accept()


def ask_server(parent) -> URL | None:
    """The server the user chose, or None (cancelled). Patched by tests."""
    dialog = ConnectDialog(parent)
    return dialog.location() if dialog.exec() == QDialog.DialogCode.Accepted else None


def connect_to_server(window) -> bool:
    """File > Connect to server…: ask, then open it like File > Open (an error is shown; the old database stays)."""
    url = ask_server(window)
    if url is None:
        return False
    return window.files.switch_to(url.render_as_string(hide_password=False), create=True)
