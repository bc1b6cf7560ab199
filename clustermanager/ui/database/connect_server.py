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
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from clustermanager.errors import ValidationError
from clustermanager.i18n import _

DEFAULT_PORT = 5432
CONNECT_TIMEOUT = "10"  # seconds: an unreachable server is reported, the window does not hang for minutes


def server_url(host: str, port: int, database: str, user: str = "", password: str = "", *, url: str = "") -> URL:
    """The postgresql+psycopg URL for the fields, or for `url` when one is given (it wins)."""
    if url.strip():
        try:
            found = make_url(url.strip())
        except ArgumentError:
            raise ValidationError("url", url, _("is not a database address (postgresql://user@host/database)")) \
                from None
        if found.get_backend_name() != "postgresql":
            raise ValidationError("url", url, _("must start with postgresql://"))
        found = found.set(drivername="postgresql+psycopg")
        if password and not found.password:
            found = found.set(password=password)
    else:
        problems = [(name, _("is required")) for name, value in (("host", host), ("database", database))
                    if not value.strip()]
        if problems:
            raise ValidationError(problems[0][0], "", problems[0][1])
        found = URL.create("postgresql+psycopg", username=user.strip() or None, password=password or None,
                           host=host.strip(), port=port, database=database.strip())
    if "connect_timeout" not in found.query:
        found = found.update_query_dict({"connect_timeout": CONNECT_TIMEOUT})
    return found


class ConnectDialog(QDialog):
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
