"""What the report's charts show, as plain data: the PDF draws them with reportlab.graphics and the
screen draws the same specs, so both show the same bars."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from clustermanager.i18n import translator
from clustermanager.reports.data import ReportData
from clustermanager.reports.labels import codes, label
from clustermanager.reports.summary import COUNT, MONEY


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Decimal | int, ...]


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_kind: str  # summary.COUNT or MONEY
    # A target per category (None: none), drawn as a marker across the bars (the indicators' charts)
    targets: tuple[Decimal | int | None, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(v for s in self.series for v in s.values) and not any(self.targets)

    @property
    def maximum(self) -> Decimal | int:
        return max([v for s in self.series for v in s.values] + [t for t in self.targets if t is not None],
                   default=0)


def _present(table: str, *dicts: dict) -> list[str]:
    """Built-in codes that have a value, in order, then any other code."""
    seen = [c for c in codes(table) if any(d.get(c) for d in dicts)]
    return seen + sorted({c for d in dicts for c, n in d.items() if n and c not in seen})


def chart_specs(data: ReportData, lang: str | None = None) -> tuple[ChartSpec, ...]:
    """The charts with titles, series and categories in `lang` (None: the app's language)."""
    _ = translator(lang)
    m, a, p, f = data.members, data.activities, data.projects, data.finance
    kinds = codes("member_kind")
    activity_kinds = _present("activity_kind", a.by_kind)
    project_kinds = _present("project_kind", p.by_kind)
    return (
        ChartSpec("members_by_kind", _("Members by kind"), tuple(label("member_kind", k, lang=lang) for k in kinds), (
            Series(_("Start"), tuple(m.start.by_kind.get(k, 0) for k in kinds)),
            Series(_("End"), tuple(m.end.by_kind.get(k, 0) for k in kinds)),
        ), COUNT),
        ChartSpec("activities_by_kind", _("Activities by kind"),
                  tuple(label("activity_kind", k, a.own_kinds, lang) for k in activity_kinds),
                  (Series(_("Activities"), tuple(a.by_kind.get(k, 0) for k in activity_kinds)),), COUNT),
        ChartSpec("fees", _("Fees called and received"), tuple(str(y.year) for y in f.years), (
            Series(_("Called (incl. VAT)"), tuple(y.fees_called_total for y in f.years)),
            Series(_("Received"), tuple(y.fees_received for y in f.years)),
        ), MONEY),
        ChartSpec("projects_by_kind", _("Collaboration projects by kind"),
                  tuple(label("project_kind", k, lang=lang) for k in project_kinds),
                  (Series(_("Projects"), tuple(p.by_kind.get(k, 0) for k in project_kinds)),), COUNT),
    )
