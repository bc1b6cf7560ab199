"""Create or edit one collaboration project: its fields and its partners, with the three-companies
warning that follows every change to the partner list."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clustermanager import validation as v
from clustermanager.i18n import N_, _
from clustermanager.models import FundingSource, MemberKind, PartnerRole, ProjectKind, ProjectStatus
from clustermanager.services import projects as service
from clustermanager.services.projects import MemberChoice, PartnerInput, ProjectDetail, ProjectInput
from clustermanager.ui import operations
from clustermanager.ui.common.dialogs import date_edit, from_qdate, to_qdate
from clustermanager.ui.common.forms import InlineValidation, form_layout
from clustermanager.ui.common.numbers import amount
from clustermanager.ui.common.record_dialog import RecordDialog
from clustermanager.ui.common.record_header import facts
from clustermanager.ui.history.record_tab import RecordHistoryTab
from clustermanager.ui.operations import Change
from clustermanager.ui.projects.status_history import StatusHistory
from clustermanager.ui.tables.layout import cell


def optional_date(label: str):
    """A checkbox that switches a date on: (checkbox, date edit)."""
    box = QCheckBox(label)
    edit = date_edit()
    edit.setEnabled(False)
    box.toggled.connect(edit.setEnabled)
    return box, edit


class ProjectForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.checks = InlineValidation(self)
        self.kind = QComboBox()
        for kind in ProjectKind:
            self.kind.addItem(_(kind.label), kind.value)
        self.title = QLineEdit()
        self.status = QComboBox()
        for status in ProjectStatus:
            self.status.addItem(_(status.label), status.value)
        # A new status takes effect on a day (the report reads the dated history): asked when it changes.
        self.status_since_label = QLabel(_("since"))
        self.status_since = date_edit()
        self.loaded_status: str | None = None
        self.status.currentIndexChanged.connect(lambda _i: self._show_since())
        self.has_start, self.starts_on = optional_date(_("Started on"))
        self.has_end, self.ends_on = optional_date(_("Ended on"))
        self.budget = QLineEdit()
        self.budget.setPlaceholderText("120.000,00")
        self.funding = QComboBox()
        self.funding.addItem(_("(not set)"), None)
        for source in FundingSource:
            self.funding.addItem(_(source.label), source.value)
        self.description, self.results = QPlainTextEdit(), QPlainTextEdit()
        for edit in (self.description, self.results):
            edit.setMaximumHeight(70)
        form = form_layout(self)
        form.addRow(_("Title"), self.checks.add("title", self.title, lambda t: v.clean_text(t, "title", required=True)))
        form.addRow(_("Kind"), self.kind)
        status = QHBoxLayout()
        for widget in (self.status, self.status_since_label, self.status_since):
            status.addWidget(widget)
        status.addStretch(1)
        form.addRow(_("Status"), status)
        self._show_since()
        dates = QHBoxLayout()
        for widget in (self.has_start, self.starts_on, self.has_end, self.ends_on):
            dates.addWidget(widget)
        dates.addStretch(1)
        form.addRow(_("Dates"), dates)
        form.addRow(_("Budget (€)"), self.checks.add(
            "budget", self.budget, lambda t: v.money(t, "budget", required=False)))
        form.addRow(_("Funding source"), self.funding)
        form.addRow(_("Description"), self.description)
        form.addRow(_("Results"), self.results)

    def load(self, p: ProjectDetail) -> None:
        self.title.setText(p.title)
        self.kind.setCurrentIndex(self.kind.findData(p.kind.value))
        self.loaded_status = p.status.value
        self.status.setCurrentIndex(self.status.findData(p.status.value))
        self._show_since()
        for box, edit, day in ((self.has_start, self.starts_on, p.starts_on), (self.has_end, self.ends_on, p.ends_on)):
            box.setChecked(day is not None)
            if day is not None:
                edit.setDate(to_qdate(day))
        self.budget.setText(amount(p.budget))
        self.funding.setCurrentIndex(max(0, self.funding.findData(p.funding_source.value if p.funding_source
                                                                  else None)))
        self.description.setPlainText(p.description or "")
        self.results.setPlainText(p.results or "")

    def _show_since(self) -> None:
        """The day field appears only when an existing project's status is being changed."""
        changing = self.loaded_status is not None and self.status.currentData() != self.loaded_status
        self.status_since_label.setVisible(changing)
        self.status_since.setVisible(changing)

    def status_on(self):
        """The day the new status takes effect, or None (no change, or a new project)."""
        return from_qdate(self.status_since.date()) if self.status_since.isVisibleTo(self) else None

    def _ended_on(self):
        """A project completed on the day given beside the status ended that day (unless its end is set)."""
        return self.status_on() if self.status.currentData() == ProjectStatus.COMPLETED.value else None

    def input(self) -> ProjectInput:
        return ProjectInput(
            kind=self.kind.currentData(), title=self.title.text(), status=self.status.currentData(),
            starts_on=from_qdate(self.starts_on.date()) if self.has_start.isChecked() else None,
            ends_on=from_qdate(self.ends_on.date()) if self.has_end.isChecked() else self._ended_on(),
            budget=self.budget.text().strip() or None, funding_source=self.funding.currentData(),
            description=self.description.toPlainText().strip() or None,
            results=self.results.toPlainText().strip() or None,
        )


@dataclass
class PartnerLine:
    member_id: int
    name: str
    kind: MemberKind


PARTNER_HEADERS = (N_("Partner"), N_("Kind"), N_("Budget share (€)"), N_("In-kind hours"))


class PartnersEditor(QWidget):
    """The partner list being edited; nothing is saved until the project is. `changed` after each edit."""

    changed = Signal()

    def set_members(self, members: list[MemberChoice]) -> None:
        """The members that can be picked (read on the task runner)."""
        self.members = {m.name: m for m in members}
        completer = QCompleter(sorted(self.members), self.picker)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.picker.setCompleter(completer)

    def __init__(self, members: list[MemberChoice], parent=None):
        super().__init__(parent)
        self.lines: list[PartnerLine] = []
        self.picker = QLineEdit()
        self.picker.setPlaceholderText(_("Type a member's name…"))
        self.set_members(members)
        self.picker.returnPressed.connect(self.add_picked)
        self.add_button = QPushButton(_("Add partner"))
        self.add_button.clicked.connect(self.add_picked)
        self.remove_button = QPushButton(_("Remove partner"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.lead = QComboBox()
        self.lead.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.table = QTableWidget(0, len(PARTNER_HEADERS))
        self.table.setHorizontalHeaderLabels([_(h) for h in PARTNER_HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setShowGrid(False)
        for column, width in enumerate((260, 170, 160)):
            self.table.setColumnWidth(column, width)
        self.warning = QLabel()
        self.warning.setObjectName("fieldError")
        self.warning.setWordWrap(True)
        self.warning.setProperty("tone", "warning")  # the caution colour of the scheme
        self.rule_ok = QLabel()
        pick = QHBoxLayout()
        pick.addWidget(self.picker, 1)
        pick.addWidget(self.add_button)
        pick.addWidget(self.remove_button)
        lead = QHBoxLayout()
        lead.addWidget(QLabel(_("Lead partner")))
        lead.addWidget(self.lead, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.table, 1)
        layout.addLayout(lead)
        layout.addWidget(self.warning)
        layout.addWidget(self.rule_ok)
        self.changed.connect(self.update_rule)
        self.update_rule()

    def load(self, p: ProjectDetail) -> None:
        self.table.setRowCount(0)
        self.lines = []
        for partner in p.partners:
            self._append(PartnerLine(partner.member_id, partner.member_name, partner.member_kind),
                         partner.budget_share, partner.in_kind_hours)
        self._fill_lead(p.lead.member_id if p.lead else None)
        self.changed.emit()

    # -- editing ---------------------------------------------------------------------------------

    def add_member(self, name: str) -> bool:
        member = self.members.get(name.strip())
        if member is None or any(line.member_id == member.id for line in self.lines):
            return False
        lead = self.lead.currentData()
        self._append(PartnerLine(member.id, member.name, member.kind), None, None)
        self._fill_lead(lead if lead is not None else member.id)
        self.changed.emit()
        return True

    def add_picked(self) -> None:
        if self.add_member(self.picker.text()):
            self.picker.clear()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.lines):
            self.remove_row(row)

    def remove_row(self, row: int) -> None:
        lead = self.lead.currentData()
        removed = self.lines.pop(row)
        self.table.removeRow(row)
        self._fill_lead(None if lead == removed.member_id else lead)
        self.changed.emit()

    def _append(self, line: PartnerLine, share, hours) -> None:
        self.lines.append(line)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((line.name, _(line.kind.label))):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, item)
        self.table.setItem(row, 2, cell(amount(share), number=True))
        self.table.setItem(row, 3, cell("" if hours is None else f"{hours.normalize():f}", number=True))

    def _fill_lead(self, member_id: int | None) -> None:
        self.lead.blockSignals(True)
        self.lead.clear()
        for line in self.lines:
            self.lead.addItem(line.name, line.member_id)
        index = self.lead.findData(member_id) if member_id is not None else -1
        self.lead.setCurrentIndex(index if index >= 0 else (0 if self.lines else -1))
        self.lead.blockSignals(False)

    # -- the rule and the result -----------------------------------------------------------------

    def company_count(self) -> int:
        return len({line.member_id for line in self.lines if line.kind is MemberKind.COMPANY})

    def update_rule(self) -> None:
        count = self.company_count()
        text = service.company_rule_warning(count)
        self.warning.setText(text or "")
        self.warning.setVisible(text is not None)
        self.rule_ok.setText(_("{n} companies: counts as a collaboration initiative.").format(n=count))
        self.rule_ok.setVisible(text is None)

    def inputs(self) -> list[PartnerInput]:
        lead = self.lead.currentData()
        result = []
        for row, line in enumerate(self.lines):
            share, hours = (self.table.item(row, c).text().strip() or None for c in (2, 3))
            role = PartnerRole.LEAD if line.member_id == lead else PartnerRole.PARTNER
            result.append(PartnerInput(line.member_id, role, share, hours))
        return result


class ProjectDialog(RecordDialog):
    topic = Change.PROJECTS
    new_title = N_("New project")

    def __init__(self, ctx, project_id: int | None, parent=None):
        super().__init__(ctx, project_id, parent)
        self.resize(780, 640)  # at least; the layout widens it when it needs to
        self.form = ProjectForm()
        self.partners = PartnersEditor([])  # the members (and the record) are read on the task runner
        self.tabs.addTab(self.form, _("General"))
        self.tabs.addTab(self.partners, _("Partners"))
        self.history = StatusHistory(ctx)
        if project_id is not None:
            self.tabs.addTab(self.history, _("Status history"))
            self.history.corrected.connect(lambda: self.load(project_id))
            from clustermanager.ui.projects.funding_tab import FundingTab

            self.funding = FundingTab(ctx)  # the programme and each partner's requested and granted funding
            self.tabs.addTab(self.funding, _("Funding"))
        self.form.title.textChanged.connect(lambda _t: self._update_save())
        self.form.checks.valid_changed.connect(lambda _v: self._update_save())
        if project_id is not None:
            self.changes = RecordHistoryTab(ctx, "project", project_id)  # every change, with its partners
            self.tabs.addTab(self.changes, _("History"))
        self._update_save()
        operations.query(ctx, service.member_choices, owner=self, key="members",
                         on_success=lambda members: self._members_read(members, project_id))

    def _members_read(self, members: list[MemberChoice], project_id: int | None) -> None:
        self.partners.set_members(members)
        if project_id is not None:
            self.load(project_id)  # after the members: the partner lines need their names

    def _update_save(self) -> None:
        self.save_button.setEnabled(self.form.checks.valid and bool(self.form.title.text().strip()))

    def read(self, session, record_id: int) -> ProjectDetail:
        return service.get_project(session, record_id)

    def show_record(self, record: ProjectDetail) -> None:
        self.form.load(record)
        self.partners.load(record)
        self.history.load(record.id)
        if hasattr(self, "funding"):
            self.funding.load(record)

    def describe(self, record: ProjectDetail) -> str:
        lead = record.lead.member_name if record.lead else ""
        return facts(_(record.kind.label), _(record.status.label), lead and _("lead: {name}").format(name=lead))

    def collect(self):
        return self.form.input(), self.partners.inputs(), self.form.status_on()

    def write(self, session, collected, expected_version: int | None) -> ProjectDetail:
        """The project and its whole partner list in one transaction."""
        data, partners, status_on = collected
        if self.record_id is None:
            return service.create_project(session, data, partners)
        service.update_project(session, self.record_id, data, expected_version=expected_version,
                               status_on=status_on)
        return service.set_partners(session, self.record_id, partners)

    def remove(self, session) -> None:
        service.delete_project(session, self.record_id)

    def delete_question(self) -> str:
        return _("Delete {title} with its partner list?").format(title=self.record.title)
