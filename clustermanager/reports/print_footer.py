"""The footer every printed page of the report's workbook carries (the sheets of several modules)."""

from __future__ import annotations

from clustermanager.i18n import translator
from clustermanager.reports.data import ReportData


def report_footer(data: ReportData, lang: str | None = None) -> str:
    """"Cluster · Progress report 2025" in `lang`."""
    _ = translator(lang)
    return f"{data.cluster.name} · {_('Progress report')} {data.period.label}"
