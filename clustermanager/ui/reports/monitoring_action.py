"""File > Export monitoring list…: the government's yearly list of member organisations (staying, new,
leaving), written on the worker through the task runner (reports/monitoring.py)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFileDialog

from clustermanager.i18n import _
from clustermanager.ui.common import dialogs


def ask_file(window, year: int) -> str:
    name, _filter = QFileDialog.getSaveFileName(window, _("Export monitoring list"), f"monitoring-{year}.xlsx",
                                                _("Excel (*.xlsx);;CSV (*.csv)"))
    return name


def export_monitoring_action(window) -> None:
    day = dialogs.ask_date(window, _("Export monitoring list"),
                           _("One row per member organisation of the year: staying, new or leaving."),
                           _("Year"), dt.date(dt.date.today().year - 1, 12, 31))
    if day is None:
        return
    path = ask_file(window, day.year)
    if not path:
        return

    def job(session, progress):
        from clustermanager.reports.monitoring import monitoring_list, write_monitoring

        progress.report(10, _("Members"))
        data = monitoring_list(session, day.year)
        write_monitoring(data, path)
        return data

    def done(data) -> None:
        window.statusBar().showMessage(
            _("Written: {file} ({rows} members: {staying} staying, {new} new, {leaving} leaving; {end} at the end "
              "of {year}).").format(file=path, rows=len(data.rows), staying=data.staying, new=data.new,
                                    leaving=data.leaving, end=data.members_at_year_end, year=data.year), 10000)

    window.ctx.tasks.run(job, label=_("Exporting the monitoring list…"), on_success=done)
