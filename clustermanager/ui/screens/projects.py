"""Collaboration projects: a searchable table with partner and company counts; rows below the
three-companies rule are shown in amber."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QPushButton, QTableView, QVBoxLayout

from clustermanager.i18n import N_, _
from clustermanager.models import MIN_COMPANIES, ProjectKind, ProjectStatus
from clustermanager.services import projects as service
from clustermanager.ui.row_table import ROW_ID_ROLE, Column, RowFilter, RowProxyModel, RowTableModel
from clustermanager.ui.screens import Screen
from clustermanager.ui.screens.activities import configure_table, search_box
from clustermanager.ui.screens.members import screen_header


def _date(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _money(amount) -> str:
    return "" if amount is None else f"€ {amount:,.2f}"


PROJECT_COLUMNS = (
    Column("title", N_("Title"), lambda r: r.title, lambda r: r.title.lower(), 280),
    Column("kind", N_("Kind"), lambda r: _(r.kind.label), lambda r: r.kind.value, 220),
    Column("status", N_("Status"), lambda r: _(r.status.label), lambda r: list(ProjectStatus).index(r.status), 110),
    Column("starts_on", N_("Start"), lambda r: _date(r.starts_on), lambda r: (r.starts_on is None, r.starts_on), 95),
    Column("lead", N_("Lead partner"), lambda r: r.lead_name or "", lambda r: (r.lead_name or "").lower(), 200),
    Column("partners", N_("Partners"), lambda r: str(r.partners), lambda r: r.partners, 75, align_right=True),
    Column("companies", N_("Companies"), lambda r: str(r.companies), lambda r: r.companies, 85, align_right=True),
    Column("budget", N_("Budget"), lambda r: _money(r.budget), lambda r: r.budget or 0, 120, align_right=True),
    Column("ends_on", N_("End"), lambda r: _date(r.ends_on), lambda r: (r.ends_on is None, r.ends_on), 95,
           visible=False),
)


class ProjectsScreen(Screen):
    topics = ("projects", "members")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.model = RowTableModel(PROJECT_COLUMNS, self, warn=lambda r: not r.meets_company_rule)
        self.proxy = RowProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.dialog = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(12)
        top = QHBoxLayout()
        header, self.subtitle = screen_header(_("Collaboration projects"))
        top.addLayout(header, 1)
        self.new_button = QPushButton(_("New project"))
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_project)
        top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        layout.addLayout(self._filter_bar())
        self.table = QTableView()
        configure_table(self.table, self.proxy, PROJECT_COLUMNS)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda index: self.open_project(index.data(ROW_ID_ROLE)))
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self._apply_filter)

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = search_box(_("Search title, kind, status, lead partner…"))
        self.search.textChanged.connect(lambda _t: self._debounce.start(0))
        self.kind = QComboBox()
        self.kind.addItem(_("All kinds"), None)
        for kind in ProjectKind:
            self.kind.addItem(_(kind.label), kind.value)
        self.status = QComboBox()
        self.status.addItem(_("All statuses"), None)
        for status in ProjectStatus:
            self.status.addItem(_(status.label), status.value)
        self.below_rule = QCheckBox(_("Fewer than {n} companies").format(n=MIN_COMPANIES))
        for combo in (self.kind, self.status):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.below_rule.toggled.connect(self._apply_filter)
        bar.addWidget(self.search, 1)
        for widget in (self.kind, self.status, self.below_rule):
            bar.addWidget(widget)
        return bar

    def refresh(self) -> None:
        self.ctx.tasks.run(lambda session, _progress: service.list_projects(session),
                           label=_("Loading projects…"), on_success=self._loaded)

    def _loaded(self, rows) -> None:
        self.model.set_rows(rows)
        self.subtitle.setText(_("{n} projects").format(n=f"{len(rows):,}"))
        self._apply_filter()

    def current_filter(self) -> RowFilter:
        kind, status, below = self.kind.currentData(), self.status.currentData(), self.below_rule.isChecked()

        def accepts(row) -> bool:
            return ((kind is None or row.kind == kind) and (status is None or row.status == status)
                    and (not below or not row.meets_company_rule))

        return RowFilter(self.search.text(), (kind, status, below), accepts)

    def _apply_filter(self, *_args) -> None:
        self.proxy.set_filter(self.current_filter())
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        shown = self.proxy.shown_rows()
        below = sum(1 for r in shown if not r.meets_company_rule)
        return "  ·  ".join([
            _("{shown} of {total} shown").format(shown=f"{len(shown):,}", total=f"{len(self.model.rows):,}"),
            _("{n} with fewer than {min} companies").format(n=below, min=MIN_COMPANIES),
        ])

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_project(self):
        return self.open_project(None)

    def open_project(self, project_id: int | None):
        from clustermanager.ui.project_detail import ProjectDialog

        self.dialog = ProjectDialog(self.ctx, project_id, self)
        self.dialog.open()
        return self.dialog
