"""The PDF's "Targets and results": per indicator with a target, its result and target for each year
of the funding period and for the whole period, the status, and a chart per indicator."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from clustermanager.formatting import format_date
from clustermanager.i18n import translator
from clustermanager.reports.data import ReportData
from clustermanager.reports.indicators.presentation import (
    RULE,
    cell,
    chart_specs,
    has_target,
    line_label,
    status_label,
)
from clustermanager.reports.pdf_charts import chart_drawing

STATUS_COLOURS = {"on_track": colors.HexColor("#E2F0D9"), "at_risk": colors.HexColor("#FFF2CC"),
                  "behind": colors.HexColor("#F8CBAD")}


def targets_story(data: ReportData, styles, width: float, fonts: tuple[str, str], lang: str | None) -> list:
    """Flowables for the section (empty when the report has no Targets and results)."""
    _ = translator(lang)
    section = data.targets
    if section is None:
        return []
    font, bold = fonts
    lines = [x for x in section.lines if has_target(x)] or list(section.lines)
    years = [y.year for y in section.lines[0].years] if section.lines else []
    story = [CondPageBreak(80 * mm), Paragraph(escape(_("Targets and results")), styles["h1"]),
             Paragraph(escape(_("Result / target per year and for the whole funding period; status on {date}.")
                              .format(date=format_date(section.as_of, lang))), styles["cell"]),
             Spacer(1, 3 * mm)]
    head = [_("Indicator"), *[str(y) for y in years], _("Period"), _("Status")]
    rows = [head]
    style = [("FONT", (0, 0), (-1, -1), font, 7), ("FONT", (0, 0), (-1, 0), bold, 7),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#DDDDDD"))]
    for i, line in enumerate(lines, start=1):
        rows.append([Paragraph(escape(line_label(line, lang)), styles["cell"]),
                     *[f"{cell(y.result, line.kind, lang)}\n{cell(y.target, line.kind, lang)}" for y in line.years],
                     f"{cell(line.period_result, line.kind, lang)}\n{cell(line.period_target, line.kind, lang)}",
                     status_label(line.status, lang)])
        if line.status in STATUS_COLOURS:
            style.append(("BACKGROUND", (-1, i), (-1, i), STATUS_COLOURS[line.status]))
    label_w = width * 0.28
    rest = (width - label_w) / (len(years) + 2)
    table = Table(rows, colWidths=[label_w] + [rest] * (len(years) + 2), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    story += [table, Spacer(1, 2 * mm), Paragraph(escape(_("Each cell: the result above, the target below. ")
                                                          + _(RULE)), styles["cell"])]
    for spec in chart_specs(section, lang):
        story += [Spacer(1, 4 * mm), KeepTogether([chart_drawing(spec, width, font, bold, lang)])]
    return story
