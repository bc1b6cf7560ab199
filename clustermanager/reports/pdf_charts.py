"""Draw a `charts.ChartSpec` with reportlab.graphics (horizontal bars: long labels stay readable).

The spec holds exact values (Decimal amounts, int counts). reportlab computes with floats, so the
conversion happens here and only here: values become floats when handed to the chart, and the floats
reportlab hands back for tick and bar labels become Decimals again before they are formatted.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from clustermanager import formatting
from clustermanager.i18n import translator
from clustermanager.reports.charts import ChartSpec
from clustermanager.reports.summary import MONEY

TARGET_COLOUR = colors.HexColor("#C00000")
PALETTE = [colors.HexColor("#1F4E79"), colors.HexColor("#F4A340"), colors.HexColor("#5B9BD5"),
           colors.HexColor("#70AD47")]


def _exact(value: float) -> Decimal:
    """A number reportlab hands back (a float) as the whole number it stands for."""
    return Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _axis_label(value: float, money: bool, lang: str | None) -> str:
    """An axis tick or a bar label: whole euros (`12.500 EUR`) or a count (`1.234`), in `lang`; a value
    between whole numbers (a leverage of 1.12, a tick at 0.5) keeps two decimals instead of being
    rounded to a neighbour (an axis 0, 1, 1, 2 or a bar saying 1 for 1.12)."""
    whole = _exact(value)
    if not money and abs(Decimal(repr(value)) - whole) >= Decimal("0.005"):
        return formatting.format_number(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), lang)
    text = formatting.format_number(whole, lang)
    return f"{text} EUR" if money else text


def chart_drawing(spec: ChartSpec, width: float, font: str, bold_font: str, lang: str | None = None) -> Drawing:
    """A drawing `width` points wide; its height follows the number of bars. `lang`: the labels' language."""
    _ = translator(lang)
    n_cat = max(1, len(spec.categories))
    bar_rows = n_cat * len(spec.series)
    plot_h = max(60, 14 * bar_rows + 6 * n_cat)
    legend_h = 18 if len(spec.series) > 1 else 0
    height = plot_h + 40 + legend_h
    d = Drawing(width, height)
    d.initialFontName = font  # else the renderer selects Helvetica (not embedded) before drawing
    d.add(String(0, height - 14, spec.title, fontName=bold_font, fontSize=11))
    if spec.is_empty:
        d.add(String(0, height - 34, _("No data for this period."), fontName=font, fontSize=9))
        return d
    label_w = min(190, 6 + 4.6 * max(len(c) for c in spec.categories))
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, 20 + legend_h
    chart.width, chart.height = width - label_w - 40, plot_h
    # reportlab stacks the first series lowest within a group: reverse, so the legend order reads top-down.
    series = list(reversed(spec.series))
    chart.data = [[float(v) for v in reversed(s.values)] for s in series]  # the drawing boundary
    chart.categoryAxis.categoryNames = list(reversed(spec.categories))
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin = 0
    top = max([v for row in chart.data for v in row] + [float(t) for t in spec.targets if t is not None], default=0)
    if top > 0:  # reportlab's own axis may end below the longest bar; a round end above it never does
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = nice_axis(top)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    money = spec.value_kind == MONEY
    chart.valueAxis.labelTextFormat = lambda v: _axis_label(v, money, lang)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.barSpacing = 1
    chart.groupSpacing = 6
    chart.barLabelFormat = (lambda v: _axis_label(v, money, lang)) if not money else None
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    for i in range(len(series)):
        chart.bars[i].fillColor = PALETTE[(len(series) - 1 - i) % len(PALETTE)]
        chart.bars[i].strokeColor = None
    d.add(chart)
    _target_marks(d, chart, spec, font, lang)
    if len(spec.series) > 1:
        legend = Legend()
        legend.x, legend.y = label_w, 10
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.fontName = font
        legend.fontSize = 8
        legend.dx = legend.dy = 8
        legend.deltax = 120
        legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], s.name) for i, s in enumerate(spec.series)]
        d.add(legend)
    return d


def _target_marks(d: Drawing, chart: HorizontalBarChart, spec: ChartSpec, font: str, lang: str | None) -> None:
    """The target of each category as a red line across its bars (categories are drawn bottom-up)."""
    top = chart.valueAxis.valueMax
    if not spec.targets or not top:
        return
    n = len(spec.categories)
    band = chart.height / max(1, n)
    for i, target in enumerate(spec.targets):
        if target is None:
            continue
        x = chart.x + chart.width * min(1.0, float(target) / top)  # the drawing boundary: floats from here
        y0 = chart.y + band * (n - 1 - i)
        d.add(Line(x, y0 + 1, x, y0 + band - 1, strokeColor=TARGET_COLOUR, strokeWidth=2))
    _ = translator(lang)
    d.add(Line(d.width - 90, d.height - 10, d.width - 76, d.height - 10, strokeColor=TARGET_COLOUR, strokeWidth=2))
    d.add(String(d.width - 72, d.height - 13, _("Target"), fontName=font, fontSize=8))


def nice_axis(top: float, ticks: int = 5) -> tuple[float, float]:
    """An axis end at or above `top` and a round step (1, 2, 2.5 or 5 times a power of ten)."""
    rough = top / ticks
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough)
    return math.ceil(top / step) * step, step
