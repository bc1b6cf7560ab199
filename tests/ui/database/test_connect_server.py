"""File > Connect to server…: a shared PostgreSQL database, opened like File > Open; never a stored password."""

from __future__ import annotations

import json
import socket

import pytest
from sqlalchemy.engine import make_url

from clustermanager import config
from clustermanager.errors import ValidationError
from clustermanager.ui.context import location_to_remember
from clustermanager.ui.database import connect_server, first_run
from clustermanager.ui.database.connect_server import ConnectDialog, server_url
from clustermanager.ui.shell import registry
from tests.conftest import POSTGRES_URL


def _unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again at once: nothing listens there


def test_the_fields_make_a_psycopg_url_with_a_timeout():
    url = server_url("db.example.org", 5433, "cluster", "cluster_app", "p@ss:w/rd")
    assert url.drivername == "postgresql+psycopg" and url.password == "p@ss:w/rd"  # escaped, not mangled
    assert (url.host, url.port, url.database, url.query["connect_timeout"]) == ("db.example.org", 5433, "cluster", "10")
    typed = server_url("", 0, "", url="postgresql://ann@server/cluster", password="secret")
    assert (typed.drivername, typed.username, typed.password) == ("postgresql+psycopg", "ann", "secret")
    with pytest.raises(ValidationError) as missing_host:
        server_url(" ", 5432, "cluster")
    assert missing_host.value.field == "host"
    with pytest.raises(ValidationError) as wrong_scheme:
        server_url("", 0, "", url="mysql://x@y/z")
    assert wrong_scheme.value.field == "url" and "Server address" in str(wrong_scheme.value)


def test_the_dialog_reads_its_fields_and_stays_open_on_a_missing_host(qtbot):
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    dialog.host.clear()
    dialog.accept()
    assert dialog.result() == 0 and "host" in dialog.error.text()
    qtbot.keyClicks(dialog.host, "127.0.0.1")
    qtbot.keyClicks(dialog.user, "ann")
    qtbot.keyClicks(dialog.password, "secret")
    url = dialog.location()
    assert (url.host, url.port, url.database, url.username, url.password) == ("127.0.0.1", 5432, "cluster", "ann",
                                                                             "secret")


def test_registered_in_the_file_menu():
    assert [a.menu for a in registry.menu_actions() if a.target.endswith("connect_server:connect_to_server")] == ["file"]


def test_an_unreachable_server_is_said_clearly_and_the_database_stays(window, shown_messages, monkeypatch):
    before = window.ctx.db
    port = _unused_port()
    monkeypatch.setattr(connect_server, "ask_server",
                        lambda _w: server_url("127.0.0.1", port, "cluster", "ann", "s3cret-pw"))
    assert connect_server.connect_to_server(window) is False
    assert window.ctx.db is before
    [(_title, text, _critical)] = shown_messages
    assert "Cannot open the database" in text and f"127.0.0.1:{port}" in text
    assert "s3cret-pw" not in text  # the address is shown without the password
    settings = config.settings_file()
    assert not settings.exists() or "s3cret-pw" not in settings.read_text()


def test_without_the_postgresql_driver_connecting_says_so_clearly(window, shown_messages, monkeypatch):
    """As on an installation where psycopg is not installed: a message to act on, never the bug sentence."""
    before = window.ctx.db
    monkeypatch.setitem(__import__("sys").modules, "psycopg", None)
    monkeypatch.setattr(connect_server, "ask_server",
                        lambda _w: server_url("127.0.0.1", _unused_port(), "cluster", "ann", "s3cret-pw"))
    assert connect_server.connect_to_server(window) is False
    assert window.ctx.db is before
    [(_title, text, critical)] = shown_messages
    assert "driver (psycopg) is not installed" in text and not critical
    assert "unexpected" not in text and "s3cret-pw" not in text


def test_a_server_address_is_remembered_without_its_password(db):
    class FakeServer:  # what location_to_remember reads of an open server database
        path = None
        url = make_url("postgresql+psycopg://ann:s3cret@db.example.org:5433/cluster?connect_timeout=10")

    remembered = location_to_remember(FakeServer)
    assert "s3cret" not in remembered and make_url(remembered).host == "db.example.org"
    assert location_to_remember(db) == str(db.path)


@pytest.mark.skipif(not POSTGRES_URL, reason="CLUSTERMANAGER_TEST_POSTGRES is not set (.ci/postgres starts a server)")
def test_connect_to_the_test_server(window, pg_url, shown_messages, monkeypatch):
    monkeypatch.setattr(first_run, "ask_first_run", lambda w: None)
    monkeypatch.setattr(connect_server, "ask_server", lambda _w: server_url("", 0, "", url=pg_url))
    assert connect_server.connect_to_server(window) is True
    assert window.ctx.db.url.get_backend_name() == "postgresql" and shown_messages == []
    assert window.ctx.tasks.wait_idle()
    password = make_url(pg_url).password
    settings = json.loads(config.settings_file().read_text())
    assert settings["recent_databases"][0].startswith("postgresql+psycopg://")
    if password:
        assert password not in config.settings_file().read_text()
