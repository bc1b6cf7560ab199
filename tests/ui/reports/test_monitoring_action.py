import datetime as dt

import openpyxl

from clustermanager.ui.common import dialogs
from clustermanager.ui.reports import monitoring_action


def test_the_menu_entry_writes_the_monitoring_list_on_the_worker(window, monkeypatch, tmp_path):
    target = tmp_path / "monitoring-2025.xlsx"
    monkeypatch.setattr(dialogs, "ask_date", lambda *a, **k: dt.date(2025, 12, 31))
    monkeypatch.setattr(monitoring_action, "ask_file", lambda _w, _y: str(target))
    entry = next(a for a in window.menuBar().actions() for a in a.menu().actions()
                 if a.text().replace("&", "").startswith("Export monitoring list"))
    entry.trigger()
    window.ctx.tasks.wait_idle()
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    statuses = [r[-1] for r in rows[1:]]
    assert rows[0][0] == "Enterprise number" and {"staying", "new"} <= set(statuses)
    assert "staying" in window.statusBar().currentMessage()
