"""File menu: new database, save a copy, recent databases."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMenu

from clustermanager.ui.database import first_run


def test_new_database_switches_to_an_empty_file(window, tmp_path, monkeypatch, qtbot):
    target = tmp_path / "second"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    asked = []
    monkeypatch.setattr(first_run, "ask_first_run", lambda w: asked.append(w))
    window.files.new_database()
    assert window.ctx.tasks.wait_idle()  # the first-run check reads on the task runner
    assert window.ctx.db.path == tmp_path / "second.cmdb"
    assert asked == [window]  # an empty database: the first-run choices are offered
    qtbot.waitUntil(lambda: window.windowTitle().startswith("No cluster yet"))  # read on the task runner


def test_save_a_copy_runs_as_a_task(window, tmp_path, monkeypatch):
    target = tmp_path / "copy.cmdb"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.files.save_copy()
    assert window.ctx.tasks.wait_idle()
    assert target.exists() and target.stat().st_size > 0
    assert "copy.cmdb" in window.statusBar().currentMessage()


def test_recent_menu_lists_databases_and_opens_them(window, db, monkeypatch):
    monkeypatch.setattr(first_run, "ask_first_run", lambda w: None)
    window.files.switch_to(db.path)
    menu = QMenu()
    window.files.fill_recent_menu(menu)
    entries = [a.text() for a in menu.actions()]
    assert entries[0] == str(db.path)
    demo = next(a for a in menu.actions() if a.text() != str(db.path))
    demo.trigger()
    assert str(window.ctx.db.path) == demo.text()
