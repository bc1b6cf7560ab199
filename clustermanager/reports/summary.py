"""The report's figures as one ordered list of named values: the summary sheet, the PDF's tables,
the screen, the command line and the agency template's placeholders all read this list, so a figure
has one name (`members.end.total`), one label and one format everywhere."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from clustermanager import formatting
from clustermanager.i18n import N_, translator
from clustermanager.reports.data import MemberCounts, ReportData
from clustermanager.reports.labels import codes, label

COUNT, MONEY, SHARE, DATE, TEXT, YESNO = "count", "money", "share", "date", "text", "yesno"
RATIO = "ratio"  # a multiple (2.5 = two and a half times), e.g. the leverage on the earmarked budget
NUMBER = "number"  # a plain number with decimals (a custom indicator's value)
HEADING = "heading"  # a title over detail lines; no value, no placeholder


@dataclass(frozen=True)
class Figure:
    key: str  # the placeholder name, stable across languages
    label: str
    value: int | Decimal | dt.date | str | bool | None
    kind: str  # COUNT, MONEY, SHARE, DATE, TEXT, YESNO or HEADING
    level: int = 0  # 1 = a detail line under the figure above it


@dataclass(frozen=True)
class FigureGroup:
    key: str
    title: str
    figures: tuple[Figure, ...]


# A project under way (or started) in a period was running in it: on the last day it is running,
# completed or stopped. The stages before (idea ... rejected) would only ever show 0 in those lists.
AFTER_START = ("running", "completed", "stopped")


def _family(prefix: str, table: str, values: dict, kind: str = COUNT, own: dict | None = None,
            lang: str | None = None, only: tuple[str, ...] | None = None) -> list[Figure]:
    """One detail line per built-in code (0 when absent; `only`: just those codes) plus any other code
    the data holds."""
    builtin = [c for c in codes(table) if only is None or c in only]
    all_codes = builtin + [c for c in values if c not in builtin]
    zero = Decimal("0") if kind == MONEY else 0
    return [Figure(f"{prefix}.{c}", label(table, c, own, lang), values.get(c, zero), kind, 1) for c in all_codes]


MEMBER_COUNT_LABELS = {  # the figures counted on one day, without saying which day
    "total": N_("Members"), "companies": N_("Companies"), "smes": N_("SMEs (micro, small, medium)"),
    "sme_share": N_("SME share among companies"),
}


def _counts(prefix: str, c: MemberCounts, title: str, when: str, lang: str | None) -> list[Figure]:
    _ = translator(lang)

    def name(key: str) -> str:
        return f"{_(MEMBER_COUNT_LABELS[key])} ({when})"

    return [
        Figure(f"{prefix}.total", title, c.total, COUNT),
        *_family(f"{prefix}.by_kind", "member_kind", c.by_kind, lang=lang),
        Figure(f"{prefix}.companies", name("companies"), c.companies, COUNT),
        *_family(f"{prefix}.by_size", "size_class", c.by_size, lang=lang),
        Figure(f"{prefix}.smes", name("smes"), c.smes, COUNT),
        Figure(f"{prefix}.sme_share", name("sme_share"), c.sme_share, SHARE),
    ]


def figure_groups(data: ReportData, lang: str | None = None) -> tuple[FigureGroup, ...]:
    """The figures with their labels in `lang` (None: the app's language)."""
    _ = translator(lang)
    m, f, a, p, n = data.members, data.finance, data.activities, data.projects, data.narrative
    as_of = formatting.format_date(data.as_of or data.period.end, lang)
    end = formatting.format_date(data.period.end, lang)
    return (
        FigureGroup("report", _("Report"), (
            Figure("cluster.name", _("Cluster"), data.cluster.name, TEXT),
            Figure("cluster.kind", _("Kind of cluster"), label("cluster_kind", data.cluster.kind, lang=lang), TEXT),
            Figure("period.label", _("Period"), data.period.label, TEXT),
            Figure("period.start", _("From"), data.period.start, DATE),
            Figure("period.end", _("To"), data.period.end, DATE),
            Figure("report.generated_on", _("Report made on"), data.generated_at.date(), DATE),
            Figure("report.as_of", _("Figures as they stood on"), data.as_of or data.period.end, DATE),
        )),
        FigureGroup("members", _("Members"), (
            *_counts("members.start", m.start, _("Members at the start of the period"), _("start"), lang),
            *_counts("members.end", m.end, _("Members at the end of the period"), _("end"), lang),
            Figure("members.joined", _("New members during the period"), m.joined, COUNT),
            Figure("members.left", _("Members who left during the period"), m.left, COUNT),
            Figure("members.involved", _("Members actively involved (attended or project partner)"),
                   m.members_involved, COUNT),
            Figure("members.companies_involved", _("Companies actively involved"), m.companies_involved, COUNT),
            Figure("members.involved_share", _("Share of members actively involved"), m.involved_share, SHARE),
        )),
        FigureGroup("finance", _("Finances"), (
            Figure("finance.budget", _("Budget"), f.budget, MONEY),
            Figure("finance.subsidy", _("Agency subsidy"), f.subsidy, MONEY),
            Figure("finance.fee_calls", _("Fee calls issued"), f.fee_calls, COUNT),
            Figure("finance.fees_called_excl_vat", _("Fees called (excl. VAT)"), f.fees_called_excl_vat, MONEY),
            Figure("finance.fees_called_total", _("Fees called (incl. VAT)"), f.fees_called_total, MONEY),
            Figure("finance.fees_received", _("Received on the period's fee calls by {date} (incl. VAT)").format(
                date=as_of), f.fees_received, MONEY),
            Figure("finance.fees_outstanding", _("Fees outstanding on {date}").format(date=as_of),
                   f.fees_outstanding, MONEY),
            Figure("finance.overdue_calls", _("Fee calls overdue on {date}").format(date=as_of), f.overdue_calls,
                   COUNT),
            Figure("finance.collection_rate", _("Fee collection rate (received / called)"), f.collection_rate,
                   SHARE),
            Figure("finance.cash_received", _("Cash received during the period for fees, calls of any year "
                                              "(incl. VAT)"), f.cash_received, MONEY),
            Figure("finance.cash_on_period_calls", _("on the period's fee calls"), f.cash_on_period_calls, MONEY, 1),
            Figure("finance.cash_on_other_calls", _("on fee calls of other years"), f.cash_on_other_calls, MONEY, 1),
            Figure("finance.cash_to_credit", _("above what a call asked (members' credit)"), f.cash_to_credit,
                   MONEY, 1),
            Figure("finance.cash_unmatched", _("Received during the period, not matched to a fee call"),
                   f.cash_unmatched, MONEY),
            Figure("finance.credits_refunded", _("Members' credits refunded during the period"), f.credits_refunded,
                   MONEY),
            Figure("finance.fees_received_excl_vat", _("Received on the period's fee calls, excl. VAT "
                                                       "(counts towards self-funding)"),
                   f.fees_received_excl_vat, MONEY),
            Figure("finance.in_kind", _("In-kind contributions") if f.in_kind_counted else
                   _("In-kind contributions (shown apart, not counted)"), f.in_kind, MONEY),
            Figure("finance.own_total", _("Own contribution (self-funding)"), f.own_total, MONEY),
            Figure("finance.required_amount", _("Self-funding required"), f.required_amount, MONEY),
            Figure("finance.share_required", _("Self-funding share required"), f.share_required, SHARE),
            Figure("finance.self_funding_share", _("Self-funding share reached"), f.self_funding_share, SHARE),
            Figure("finance.shortfall", _("Shortfall"), f.shortfall, MONEY),
            Figure("finance.met", _("Self-funding requirement met"), f.met, YESNO),
            Figure("finance.earmarked_budget", _("Earmarked project budget (government)"), f.earmarked_budget,
                   MONEY),
        )),
        FigureGroup("activities", _("Activities"), (
            Figure("activities.total", _("Activities"), a.activities, COUNT),
            *_family("activities.by_kind", "activity_kind", a.by_kind, own=a.own_kinds, lang=lang),
            Figure("activities.international", _("International activities"), a.international, COUNT),
            Figure("activities.participations", _("Registrations"), a.participations, COUNT),
            Figure("activities.attendances", _("Participants (attended)"), a.attendances, COUNT),
            Figure("activities.distinct_people", _("Distinct people who attended"), a.distinct_people, COUNT),
            Figure("activities.outside_participants", _("Participants from outside the membership"),
                   a.outside_participants, COUNT),
            Figure("activities.distinct_member_organisations", _("Member organisations reached"),
                   a.distinct_member_organisations, COUNT),
            Figure("activities.members_active_during", _("Members during the period"), a.members_active_during,
                   COUNT),
            Figure("activities.share_members_reached", _("Share of members reached"), a.share_members_reached,
                   SHARE),
        )),
        FigureGroup("projects", _("Collaboration projects"), (
            Figure("projects.total", _("Projects under way in the period"), p.total, COUNT),
            Figure("projects.meeting_company_rule", _("under way with three or more companies"),
                   p.meeting_company_rule, COUNT, 1),
            Figure("projects.by_kind", _("Projects under way, by kind"), None, HEADING),
            *_family("projects.by_kind", "project_kind", p.by_kind, lang=lang),
            Figure("projects.by_status", _("Projects under way, by status on {date}").format(date=end), None,
                   HEADING),
            *_family("projects.by_status", "project_status", p.by_status, lang=lang, only=AFTER_START),
            Figure("projects.started", _("Projects started in the period"), p.started, COUNT),
            Figure("projects.started_meeting_company_rule", _("started with three or more companies"),
                   p.started_meeting_company_rule, COUNT, 1),
            Figure("projects.started_international", _("International projects started"),
                   p.started_international, COUNT, 1),
            Figure("projects.started_budget", _("Budget of the projects started (mobilised)"), p.started_budget,
                   MONEY, 1),
            Figure("projects.leverage", _("Leverage on the earmarked budget (times)"),
                   leverage(p.started_budget, f.earmarked_budget), RATIO, 1),
            *_started_families(p, end, lang),
            *_pipeline_figures(p, lang),
            Figure("projects.running", _("Projects still running on {date}").format(date=end), p.running, COUNT),
            Figure("projects.completed", _("Projects completed in the period"), p.completed, COUNT),
            Figure("projects.stopped", _("Projects stopped in the period"), p.stopped, COUNT),
            Figure("projects.partners_involved", _("Members involved as partners"), p.partners_involved, COUNT),
            Figure("projects.budget", _("Project budgets by funding source"),
                   sum(p.budget_by_funding_source.values(), Decimal("0")), MONEY),
            *_family("projects.budget_by_funding_source", "funding_source", p.budget_by_funding_source, MONEY,
                      lang=lang),
        )),
        FigureGroup("narrative", _("Narrative"), (
            Figure("narrative.achievements", _("Achievements"), n.achievements, TEXT),
            Figure("narrative.challenges", _("Challenges"), n.challenges, TEXT),
            Figure("narrative.plans", _("Plans"), n.plans, TEXT),
        )),
    )


def leverage(mobilised: Decimal, earmarked: Decimal) -> Decimal | None:
    """The project budget mobilised per euro of earmarked budget, two decimals; None without one."""
    return (mobilised / earmarked).quantize(Decimal("0.01")) if earmarked > 0 else None


def _started_families(p, end: str, lang: str | None) -> list[Figure]:
    """The projects started, by kind and by status (absent from a report frozen before they were kept)."""
    _ = translator(lang)
    if p.started_by_kind is None:
        return []
    return [
        Figure("projects.started.by_kind", _("Projects started, by kind"), None, HEADING),
        *_family("projects.started.by_kind", "project_kind", p.started_by_kind, lang=lang),
        Figure("projects.started.by_status", _("Projects started, by status on {date}").format(date=end), None,
               HEADING),
        *_family("projects.started.by_status", "project_status", p.started_by_status or {}, lang=lang,
                 only=AFTER_START),
    ]


def qualified_labels(data: ReportData, lang: str | None = None) -> dict[str, str]:
    """Each figure's label with the figure it details ("Members at the end of the period: Company")."""
    out, parent = {}, ""
    for group in figure_groups(data, lang):
        for fig in group.figures:
            if fig.level == 0:
                parent = fig.label
            out[fig.key] = f"{parent}: {fig.label}" if fig.level else fig.label
    return out


def figures_by_key(data: ReportData, lang: str | None = None) -> dict[str, Figure]:
    """Every named figure, plus members.end.by_province.<name> and members.end.by_country.<code>."""
    _ = translator(lang)
    result = {fig.key: fig for group in figure_groups(data, lang) for fig in group.figures if fig.kind != HEADING}
    for province, n in data.members.by_province.items():
        key = f"members.end.by_province.{province or 'unknown'}"
        result[key] = Figure(key, province or _("Abroad or unknown"), n, COUNT, 1)
    for country, n in data.members.by_country.items():
        key = f"members.end.by_country.{country}"
        result[key] = Figure(key, country, n, COUNT, 1)
    for fig in target_figures(data, lang):
        result[fig.key] = fig
    return result


def target_figures(data: ReportData, lang: str | None = None) -> list[Figure]:
    """`targets.<indicator>.<year>.target|result`, `targets.<indicator>.period.target|result` and
    `targets.<indicator>.status` (on_track, at_risk, behind, no_target) from the Targets and results."""
    if data.targets is None:
        return []
    _ = translator(lang)
    out = []
    for line in data.targets.lines:
        base = f"targets.{line.key}"
        for y in line.years:
            out += [Figure(f"{base}.{y.year}.target", f"{line.key} {y.year}: {_('target')}", y.target, line.kind, 1),
                    Figure(f"{base}.{y.year}.result", f"{line.key} {y.year}: {_('result')}", y.result, line.kind, 1)]
        out += [Figure(f"{base}.period.target", f"{line.key}: {_('target')}", line.period_target, line.kind, 1),
                Figure(f"{base}.period.result", f"{line.key}: {_('result')}", line.period_result, line.kind, 1),
                Figure(f"{base}.status", f"{line.key}: {_('status')}", line.status, TEXT, 1)]
    return out


def format_value(fig: Figure, lang: str | None = None) -> str:
    """A figure as text for people (the PDF, the terminal, a placeholder inside a sentence)."""
    return format_as(fig.value, fig.kind, lang=lang)


def format_as(v, kind: str, missing: str = "", lang: str | None = None) -> str:
    """A value of a figure kind (COUNT, MONEY, ...) as text in `lang` (None: the app's); `missing` for None.
    Amounts `1.234,56 EUR`, shares `83,3%` (French `83,3 %`), dates `31/12/2025`: `clustermanager.formatting`."""
    if v is None:
        return missing
    if kind == MONEY:
        return formatting.format_money(v, lang)
    if kind == SHARE:
        return formatting.format_percent(v, lang, decimals=1)
    if kind == DATE:
        return formatting.format_date(v, lang)
    if kind == YESNO:
        _ = translator(lang)
        return _("yes") if v else _("no")
    if kind == COUNT:
        return formatting.format_number(v, lang)
    if kind == RATIO:
        return formatting.format_number(v, lang, decimals=2) + "×"
    if kind == NUMBER:
        return formatting.format_number(v, lang)
    return str(v)


def _pipeline_figures(p, lang: str | None) -> tuple[Figure, ...]:
    """The pipeline (`services.project_pipeline`): stages reached in the period and the conversion."""
    _ = translator(lang)
    q = p.pipeline
    if q is None:  # a report frozen before the pipeline existed shows it empty, not as 0
        return ()
    return (
        Figure("projects.pipeline", _("Project pipeline in the period"), None, HEADING),
        Figure("projects.pipeline.ideas", _("New project ideas"), q.ideas, COUNT, 1),
        Figure("projects.pipeline.submitted", _("Projects submitted to a funding programme"), q.submitted, COUNT, 1),
        Figure("projects.pipeline.approved", _("Projects approved"), q.approved, COUNT, 1),
        Figure("projects.pipeline.rejected", _("Projects rejected"), q.rejected, COUNT, 1),
        Figure("projects.pipeline.conversion_submitted", _("Conversion: ideas to submitted"),
               q.conversion_submitted, SHARE, 1),
        Figure("projects.pipeline.conversion_approved", _("Conversion: submitted to approved"),
               q.conversion_approved, SHARE, 1),
        Figure("projects.pipeline.funding_requested", _("Funding requested (projects submitted)"),
               q.funding_requested, MONEY, 1),
        Figure("projects.pipeline.funding_granted", _("Funding granted (projects approved)"), q.funding_granted,
               MONEY, 1),
    )
