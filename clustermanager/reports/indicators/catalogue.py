"""The built-in indicators. Each one IS a figure of the progress report (`reports.summary`, by its
key): its value for a year is the report's figure for that year, its value over several years the
report's figure for those years. There is no second calculation.

`pro_rata`: the result grows during the year (counts of what happened, amounts, reach), so on a day
inside the year it is judged against the target times the part of the year gone by; otherwise
(a level on a day, a ratio of levels) against the whole target. `higher_is_better=False`: the
target is a maximum (members leaving).
"""

from __future__ import annotations

from dataclasses import dataclass

from clustermanager.i18n import N_, translator
from clustermanager.reports.summary import COUNT, MONEY, RATIO, SHARE


@dataclass(frozen=True)
class BuiltinIndicator:
    key: str  # stable: the command line, the target sheet, the placeholders use it
    label: str  # N_() text, translate with `label_in`
    figure: str  # the report figure's key (`reports.summary.figures_by_key`)
    kind: str  # summary.COUNT, MONEY, SHARE or RATIO
    pro_rata: bool = True
    higher_is_better: bool = True

    def label_in(self, lang: str | None = None) -> str:
        return translator(lang)(self.label)


BUILTIN: tuple[BuiltinIndicator, ...] = (
    BuiltinIndicator("members", N_("Members at year end"), "members.end.total", COUNT, pro_rata=False),
    BuiltinIndicator("new_members", N_("New members"), "members.joined", COUNT),
    BuiltinIndicator("leaving_members", N_("Members leaving"), "members.left", COUNT, higher_is_better=False),
    BuiltinIndicator("smes", N_("SME members at year end"), "members.end.smes", COUNT, pro_rata=False),
    BuiltinIndicator("sme_share", N_("SME share among member companies"), "members.end.sme_share", SHARE,
                     pro_rata=False),
    BuiltinIndicator("companies_involved", N_("Companies actively involved"), "members.companies_involved", COUNT),
    BuiltinIndicator("members_involved_share", N_("Share of members actively involved"),
                     "members.involved_share", SHARE),
    BuiltinIndicator("activities", N_("Activities"), "activities.total", COUNT),
    BuiltinIndicator("participations", N_("Participations in activities (attended)"), "activities.attendances",
                     COUNT),
    BuiltinIndicator("distinct_participants", N_("Distinct participants"), "activities.distinct_people", COUNT),
    BuiltinIndicator("projects_started", N_("Collaboration projects started"), "projects.started", COUNT),
    BuiltinIndicator("projects_three_companies", N_("Projects started with three or more companies"),
                     "projects.started_meeting_company_rule", COUNT),
    BuiltinIndicator("project_budget", N_("Project budget mobilised"), "projects.started_budget", MONEY),
    BuiltinIndicator("leverage", N_("Leverage on the earmarked budget"), "projects.leverage", RATIO),
    BuiltinIndicator("international_activities", N_("International activities"), "activities.international",
                     COUNT),
    BuiltinIndicator("international_projects", N_("International projects started"),
                     "projects.started_international", COUNT),
    BuiltinIndicator("own_contribution", N_("Members' own contribution"), "finance.own_total", MONEY),
    BuiltinIndicator("self_funding_share", N_("Self-funding share"), "finance.self_funding_share", SHARE),
    BuiltinIndicator("fee_collection_rate", N_("Fee collection rate"), "finance.collection_rate", SHARE,
                     pro_rata=False),
)

BY_KEY = {i.key: i for i in BUILTIN}


def builtin(key: str) -> BuiltinIndicator | None:
    return BY_KEY.get(key)
