"""A damaged database opens read-only with a banner naming the newest good backup and offering to restore it."""

from __future__ import annotations

import sqlite3

from clustermanager import backup as bk
from clustermanager.db import open_database
from clustermanager.ui.database import data_safety
from tests.helpers import hostile_files


def _corrupt_with_a_good_backup(tmp_path):
    path = hostile_files._database(tmp_path / "cluster.cmdb")
    db = open_database(path)
    good = bk.backup_database(db)
    db.close()
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name='member' AND pagetype='leaf'")]
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((pages[len(pages) // 2] - 1) * page_size + 8)
        fh.write(b"\xff" * 64)
    return path, good


def test_banner_names_the_good_backup_and_offers_to_restore_it(qtbot, tmp_path, monkeypatch, shown_messages):
    from clustermanager.ui.app import create_main_window

    path, good = _corrupt_with_a_good_backup(tmp_path)
    db = open_database(path)
    assert db.damaged and db.good_backup == good
    window = create_main_window(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    banner = window.damaged_banner
    assert banner.isVisible()
    assert "Read-only" in banner.label.text() and good.name in banner.label.text()
    asked = []
    monkeypatch.setattr(data_safety, "restore_from_backup", lambda win, backup=None: asked.append(backup))
    banner.restore_button.click()
    assert asked == [good]
    window.grab().save(str(tmp_path / "banner.png"))
    window.ctx.tasks.wait_idle()
    window.close()


def test_no_banner_for_a_healthy_database(window):
    assert not window.damaged_banner.isVisible()
