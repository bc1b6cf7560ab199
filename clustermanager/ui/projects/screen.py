"""Collaboration projects: the pipeline as a funnel, then a searchable table with partner and company
counts; rows below the three-companies rule are shown in amber."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout

from clustermanager.i18n import N_, _
from clustermanager.models import MIN_COMPANIES, ProjectKind, ProjectStatus
from clustermanager.services import projects as service
from clustermanager.ui.common.numbers import day as _date
from clustermanager.ui.common.numbers import money
from clustermanager.ui.common.register_screen import RegisterScreen
from clustermanager.ui.operations import Change
from clustermanager.ui.tables.row_table import Column

PROJECT_COLUMNS = (
    Column("title", N_("Title"), lambda r: r.title, lambda r: r.title.lower(), 180),
    Column("kind", N_("Kind"), lambda r: _(r.kind.label), lambda r: r.kind.value, 170),
    Column("status", N_("Status"), lambda r: _(r.status.label), lambda r: list(ProjectStatus).index(r.status), 118),
    Column("starts_on", N_("Start"), lambda r: _date(r.starts_on), lambda r: (r.starts_on is not None, r.starts_on),
           102),
    Column("lead", N_("Lead partner"), lambda r: r.lead_name or "", lambda r: (r.lead_name or "").lower(), 160),
    Column("partners", N_("Partners"), lambda r: str(r.partners), lambda r: r.partners, 80, align_right=True,
           visible=False),  # the companies count is what the rule needs; shown from the header menu
    Column("companies", N_("Companies"), lambda r: str(r.companies), lambda r: r.companies, 95, align_right=True),
    Column("budget", N_("Budget"), lambda r: money(r.budget), lambda r: r.budget or 0, 120, align_right=True),
    Column("ends_on", N_("End"), lambda r: _date(r.ends_on), lambda r: (r.ends_on is not None, r.ends_on), 102,
           visible=False),
)


class ProjectsScreen(RegisterScreen):
    topics = (Change.PROJECTS, Change.MEMBERS)
    key = "projects"
    columns = PROJECT_COLUMNS
    title = N_("Projects")  # the sidebar's name: one name per thing
    new_text = N_("New project")
    search_hint = N_("Search title, kind, status, lead partner…")
    dialog_target = "clustermanager.ui.projects.detail:ProjectDialog"
    loading_text = N_("Loading projects…")
    empty_text = N_("No projects yet: click New project to add the first collaboration between members.")
    sort_column = 3

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent, warn=lambda r: not r.meets_company_rule)
        from clustermanager.ui.projects.funnel import Funnel

        self.funnel = Funnel()
        self.layout().insertWidget(2, self.funnel)  # above the table: where the projects stand

    def add_filters(self, bar: QHBoxLayout) -> None:
        self.kind = QComboBox()
        self.kind.addItem(_("All kinds"), None)
        for kind in ProjectKind:
            self.kind.addItem(_(kind.label), kind.value)
        self.status = QComboBox()
        self.status.addItem(_("All statuses"), None)
        for status in ProjectStatus:
            self.status.addItem(_(status.label), status.value)
        self.below_rule = QCheckBox(_("Fewer than {n} companies").format(n=MIN_COMPANIES))
        # The closed box stays compact beside the search; its list opens wide enough for the long kinds.
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(18)
        self.kind.view().setMinimumWidth(self.kind.view().sizeHintForColumn(0) + 24)
        for combo in (self.kind, self.status):
            combo.currentIndexChanged.connect(self._apply_filter)
            bar.addWidget(combo)
        self.below_rule.toggled.connect(self._apply_filter)
        bar.addWidget(self.below_rule)

    def load(self, session):
        from clustermanager.ui.projects.funnel import load_pipeline

        return service.list_projects(session), load_pipeline(session)

    def loaded(self, result) -> list:
        rows, flow = result
        self.funnel.show_pipeline(flow)
        return rows

    def accepts(self):
        kind, status, below = self.kind.currentData(), self.status.currentData(), self.below_rule.isChecked()

        def accepts(row) -> bool:
            return ((kind is None or row.kind == kind) and (status is None or row.status == status)
                    and (not below or not row.meets_company_rule))

        return (kind, status, below), accepts

    def summary(self, shown: list) -> str:
        below = sum(1 for r in shown if not r.meets_company_rule)
        return _("{n} with fewer than {min} companies").format(n=below, min=MIN_COMPANIES)


def new_project_action(window) -> None:
    """File > New project… (Ctrl+Shift+P)."""
    window.show_screen("projects").new_record()
