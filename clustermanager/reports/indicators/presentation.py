"""The Targets and results as the outputs show them: labels, cell text, and one chart spec per
indicator (result bars, a target marker per year) for the PDF (reportlab) and the screen (QPainter)."""

from __future__ import annotations

from decimal import Decimal

from clustermanager import formatting
from clustermanager.i18n import N_, translator
from clustermanager.reports.charts import ChartSpec, Series
from clustermanager.reports.data import IndicatorLine, TargetsSection
from clustermanager.reports.indicators.catalogue import BY_KEY
from clustermanager.reports.summary import COUNT, MONEY, RATIO, SHARE, format_as

STATUS_LABELS = {"on_track": N_("on track"), "at_risk": N_("at risk"), "behind": N_("behind"),
                 "no_target": N_("no target")}
RULE = N_("On track: the result reaches what the target asks by the judging day (the target times the part of the "
          "year gone by for counts and amounts; the whole target for levels and shares). At risk: less than 10 % "
          "short. Behind: more than 10 % short. For a maximum (members leaving) the other way round.")


def line_label(line: IndicatorLine, lang: str | None = None) -> str:
    if line.name:
        return f"{line.name} ({line.unit})" if line.unit else line.name
    ind = BY_KEY.get(line.key)
    return ind.label_in(lang) if ind else line.key


def status_label(status: str, lang: str | None = None) -> str:
    return translator(lang)(STATUS_LABELS.get(status, status))


def cell(value: Decimal | None, kind: str, lang: str | None = None) -> str:
    """Compact text for a table cell: whole euros, shares with one decimal, '—' for nothing."""
    if value is None:
        return "—"
    if kind == MONEY:
        return formatting.format_number(value.quantize(Decimal(1)), lang) + " EUR"
    return format_as(value, kind, "—", lang)


def has_target(line: IndicatorLine) -> bool:
    return line.period_target is not None or any(y.target is not None for y in line.years)


def indicator_chart(line: IndicatorLine, lang: str | None = None) -> ChartSpec:
    """Result bars per year with the year's target as a marker; shares in percent, ratios as they are."""
    _ = translator(lang)
    scale = Decimal(100) if line.kind == SHARE else Decimal(1)
    kind = MONEY if line.kind == MONEY else COUNT
    title = line_label(line, lang) + (" (%)" if line.kind == SHARE else " (×)" if line.kind == RATIO else "")

    def scaled(v):
        return None if v is None else (v * scale).quantize(Decimal("0.01"))

    return ChartSpec(
        f"indicator.{line.key}", title, tuple(str(y.year) for y in line.years),
        (Series(_("Result"), tuple(scaled(y.result) or Decimal(0) for y in line.years)),), kind,
        targets=tuple(scaled(y.target) for y in line.years))


def chart_specs(section: TargetsSection | None, lang: str | None = None, *, only_with_targets: bool = True
                ) -> tuple[ChartSpec, ...]:
    if section is None:
        return ()
    return tuple(indicator_chart(line, lang) for line in section.lines if has_target(line) or not only_with_targets)
