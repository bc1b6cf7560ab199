"""Help > About's facts, and `clustermanager about`."""

from __future__ import annotations

import json

from clustermanager import __version__
from clustermanager.about import about_info, about_text
from clustermanager.cli import main
from tests.helpers.log_isolation import fresh_log_file  # noqa: F401 (autouse fixture)


def test_about_names_the_version_database_and_qt_licence(tmp_path):
    info = about_info(str(tmp_path / "x.cmdb"))
    assert info.version == __version__ and info.database.endswith("x.cmdb")
    libraries = {lib.name: lib for lib in info.libraries}
    qt = libraries["Qt for Python (PySide6) and Qt"]
    assert qt.version and qt.licence == "LGPL-3.0-only"
    assert "replace them with your own build of the same version" in info.qt_notice
    text = about_text(info)
    assert f"ClusterManager {__version__}" in text and f"SQLAlchemy {libraries['SQLAlchemy'].version}" in text


def test_about_is_translated(tmp_path):
    from clustermanager import i18n

    try:
        i18n.set_language("nl")
        assert "Databank" not in about_text(about_info("x.cmdb"))
        assert "Database: x.cmdb" in about_text(about_info("x.cmdb"))
        assert "LGPLv3" in about_info().qt_notice and "vervang" in about_info().qt_notice
    finally:
        i18n.set_language("en")


def test_the_about_command_prints_json(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "a.cmdb"), "about", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == __version__ and data["database"].endswith("a.cmdb")
    assert not (tmp_path / "a.cmdb").exists()  # About never creates the database
