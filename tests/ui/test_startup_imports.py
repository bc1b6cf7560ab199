"""Start-up loads only what the first window needs: the report, spreadsheet and migration libraries
load when a report, an import or a schema upgrade is asked for (docs/performance.md)."""

import os
import subprocess
import sys
from pathlib import Path

from clustermanager.db import open_database
from clustermanager.demo import generate_demo

ROOT = Path(__file__).resolve().parents[2]
# The report WRITERS and their libraries wait; the report's figures may load on the worker after the first
# paint, because the dashboard's targets card reads them (reports/indicators/card.py).
LATER = ("reportlab", "openpyxl", "segno", "alembic", "clustermanager.reports.pdf", "clustermanager.reports.workbook",
         "clustermanager.reports.template", "clustermanager.reports.invoices", "clustermanager.io.sheets",
         "clustermanager.io.workbook_exchange", "clustermanager.services.workbook_import")


def test_main_window_starts_without_report_spreadsheet_or_migration_libraries(tmp_path):
    path = tmp_path / "cluster.cmdb"
    db = open_database(path)  # at the newest schema already, as on every start but the first
    with db.session() as session:  # a cluster with data: no first-run offer, a full dashboard
        generate_demo(session, members=20, year=2025)
    db.close()
    code = (
        "import sys\n"
        "from clustermanager.ui.app import application, create_main_window\n"
        "app = application()\n"
        f"window = create_main_window({str(path)!r})\n"
        "window.show()\n"
        "window.database_opened()\n"
        "app.processEvents()\n"
        "window.ctx.tasks.wait_idle()\n"
        "app.processEvents()\n"
        f"print(','.join(sorted(m for m in {LATER!r} if m in sys.modules)))\n"
        "window.close()\n"
        "window.ctx.close()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CLUSTERMANAGER_HOME=str(tmp_path / "home"),
               PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1:] in ([""], []), f"loaded at start-up: {result.stdout.strip()}"


def test_opening_a_new_database_still_migrates_it(tmp_path):
    """The fast at-head check must not skip the first migration of a fresh file."""
    from clustermanager import migrations

    db = open_database(tmp_path / "new.cmdb")
    assert migrations.current_revision(db) == migrations.head_revision()
    db.close()


FAST_START = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from clustermanager import config
from clustermanager.ui.app import application
from clustermanager.ui.startup import FastStart

app = application()
start = FastStart(sys.argv[1], config.AppSettings.load())
window = start.window
seen = {"shown_without_sqlalchemy": window.isVisible() and "sqlalchemy" not in sys.modules}


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "painted_without_sqlalchemy" not in seen:
            seen["painted_without_sqlalchemy"] = "sqlalchemy" not in sys.modules
        return False


window.installEventFilter(FirstPaint(window))


def poll():
    if window.ctx is not None and window.screens and not window.ctx.tasks.busy:
        seen.update(screens=sorted(window.screens), current=window.current_key(), title=window.windowTitle(),
                    sqlalchemy_now="sqlalchemy" in sys.modules)
        window.close()
    else:
        QTimer.singleShot(10, poll)


QTimer.singleShot(0, poll)
seen["exit"] = start.finish(app.exec())
print(json.dumps(seen))
"""


def test_the_fast_start_shows_and_paints_the_window_before_sqlalchemy_then_builds_the_screens(tmp_path):
    import json

    path = tmp_path / "cluster.cmdb"
    db = open_database(path)
    with db.session() as session:
        generate_demo(session, members=20, year=2025)
    db.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CLUSTERMANAGER_HOME=str(tmp_path / "home"),
               PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", FAST_START, str(path)], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["shown_without_sqlalchemy"] and seen["painted_without_sqlalchemy"]
    assert seen["screens"] == ["dashboard"] and seen["current"] == "dashboard"
    assert seen["sqlalchemy_now"] and "ClusterManager" in seen["title"] and seen["title"] != "ClusterManager"
    assert seen["exit"] == 0


# What the frame does not need: loaded after its first paint (logging.handlers brings socket, pickle and
# queue; the keyboard manners every widget class they check; the error dialog QMessageBox), see
# docs/performance.md.
NOT_BEFORE_FIRST_PAINT = ("sqlalchemy", "logging.handlers", "clustermanager.ui.common.errors", "clustermanager.errors",
                          "clustermanager.ui.shell.keyboard_access")

FIRST_PAINT = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from clustermanager import config
from clustermanager.ui.app import application
from clustermanager.ui.startup import FastStart

app = application()
start = FastStart(sys.argv[1], config.AppSettings.load())


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(json.dumps(sorted(m for m in sys.argv[2:] if m in sys.modules)), flush=True)
            os._exit(0)
        return False


start.window.installEventFilter(FirstPaint(start.window))
app.exec()
"""


def test_the_frame_is_painted_before_what_only_later_work_needs_is_loaded(tmp_path):
    import json

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CLUSTERMANAGER_HOME=str(tmp_path / "home"),
               PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(tmp_path / "cluster.cmdb"), *NOT_BEFORE_FIRST_PAINT],
                            capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [], "loaded before the first paint"
