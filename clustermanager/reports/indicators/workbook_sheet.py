"""The workbook's "Targets and results" sheet: numbers (not text), one row per indicator, a target
and a result column per year of the funding period, then the whole period's and the status."""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from clustermanager.i18n import translator
from clustermanager.io.excel_safety import safe_cell_value
from clustermanager.io.sheet_print import set_print_layout
from clustermanager.io.xlsx_styles import font
from clustermanager.reports.data import ReportData
from clustermanager.reports.indicators.presentation import line_label, status_label
from clustermanager.reports.print_footer import report_footer
from clustermanager.reports.summary import COUNT, MONEY, NUMBER, RATIO, SHARE

FORMATS = {MONEY: '[$€-813] #,##0.00;-[$€-813] #,##0.00', SHARE: "0.0%", COUNT: "#,##0", RATIO: "0.00",
           NUMBER: "#,##0.####"}


def targets_sheet(wb, data: ReportData, lang: str | None = None) -> None:
    _ = translator(lang)
    section = data.targets
    if section is None:
        return
    ws = wb.create_sheet(_("Targets and results")[:31])
    set_print_layout(ws, landscape=True, title_rows="1:1", left_footer=f"{report_footer(data, lang)} · {ws.title}",
                     page_text=_("Page &P of &N"))
    ws.freeze_panes = "C2"
    years = [y.year for y in section.lines[0].years] if section.lines else []
    headers = [_("Key"), _("Indicator")]
    for y in years:
        headers += [f"{y} {_('target')}", f"{y} {_('result')}"]
    headers += [_("Funding period") + " " + _("target"), _("Funding period") + " " + _("result"), _("Status"),
                _("Status on")]
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 44
    for i, text in enumerate(headers[2:], start=3):  # amounts and headers whole, not "###"
        ws.column_dimensions[get_column_letter(i)].width = max(16, len(text) + 2)
    bold = font(bold=True)
    head = []
    for text in headers:
        c = WriteOnlyCell(ws, value=safe_cell_value(text))
        c.font = bold
        head.append(c)
    ws.append(head)

    def number(value, kind):
        if value is None:
            return None
        c = WriteOnlyCell(ws, value=value)
        c.number_format = FORMATS.get(kind, FORMATS[NUMBER])
        return c

    for line in section.lines:
        row = [line.key, safe_cell_value(line_label(line, lang), ws)]
        for y in line.years:
            row += [number(y.target, line.kind), number(y.result, line.kind)]
        day = WriteOnlyCell(ws, value=section.as_of)
        day.number_format = "DD/MM/YYYY"
        row += [number(line.period_target, line.kind), number(line.period_result, line.kind),
                status_label(line.status, lang), day]
        ws.append(row)
