"""The Projects screen: add a project with partners and watch the three-companies warning come and go."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from clustermanager.models import Member, MemberKind, PartnerRole
from clustermanager.services import projects as service


@pytest.fixture
def projects_screen(window):
    screen = window.show_screen("projects")
    assert window.ctx.tasks.wait_idle()
    return screen


def _names(window, kind: MemberKind, n: int) -> list[str]:
    with window.ctx.db.session() as session:
        return list(session.scalars(select(Member.name).where(Member.kind == kind).order_by(Member.id).limit(n)))


def test_table_and_the_below_rule_filter(projects_screen, window):
    assert projects_screen.proxy.rowCount() == 25
    projects_screen.below_rule.setChecked(True)
    shown = projects_screen.proxy.shown_rows()
    assert shown and all(r.companies < 3 for r in shown)
    assert f"{len(shown)} with fewer than 3 companies" in window.screen_status.text()


def test_add_a_project_with_partners_and_the_warning(projects_screen, window, qtbot):
    companies = _names(window, MemberKind.COMPANY, 3)
    (university,) = _names(window, MemberKind.KNOWLEDGE, 1)
    dialog = projects_screen.new_record()
    assert projects_screen.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    qtbot.keyClicks(dialog.form.title, "Shared data platform")
    dialog.form.kind.setCurrentIndex(dialog.form.kind.findData("common_tools"))
    qtbot.keyClicks(dialog.form.budget, "150.000,00")
    editor = dialog.partners
    assert editor.warning.isVisibleTo(editor)  # no partners yet
    assert editor.add_member(university)
    assert editor.add_member(companies[0]) and editor.add_member(companies[1])
    assert editor.warning.isVisibleTo(editor) and "Only 2" in editor.warning.text()
    editor.picker.setText(companies[2])  # typing would pop up the completer (offscreen warns)
    editor.add_picked()
    assert not editor.warning.isVisibleTo(editor)  # three companies: the warning disappears
    assert editor.rule_ok.isVisibleTo(editor)
    editor.table.setCurrentCell(3, 0)
    editor.remove_selected()
    assert editor.warning.isVisibleTo(editor)  # and comes back
    assert editor.add_member(companies[2])
    assert not editor.warning.isVisibleTo(editor)
    assert editor.lead.currentText() == university  # the first partner leads unless changed
    editor.lead.setCurrentIndex(editor.lead.findText(companies[0]))
    editor.table.item(1, 3).setText("40")
    assert dialog.save()
    assert window.ctx.tasks.wait_idle()
    row = next(r for r in projects_screen.model.rows if r.title == "Shared data platform")
    assert (row.partners, row.companies, row.lead_name, row.budget) == (4, 3, companies[0], Decimal("150000.00"))
    with window.ctx.db.session() as session:
        detail = service.get_project(session, row.id)
    lead = detail.lead
    assert (lead.member_name, lead.role, lead.in_kind_hours) == (companies[0], PartnerRole.LEAD, Decimal("40.00"))
    assert detail.meets_company_rule


def test_editing_a_project_reloads_its_partners(projects_screen, window):
    row = next(r for r in projects_screen.model.rows if not r.meets_company_rule)
    dialog = projects_screen.open_record(row.id)
    assert projects_screen.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    editor = dialog.partners
    assert len(editor.lines) == row.partners
    assert editor.warning.isVisibleTo(editor)
    assert editor.lead.currentText() == row.lead_name
    dialog.reject()


def test_member_detail_shows_the_members_activities_and_projects(window, qtbot):
    members = window.show_screen("members")
    assert window.ctx.tasks.wait_idle()
    with window.ctx.db.session() as session:
        row = service.list_projects(session)[0]
        member_id = service.get_project(session, row.id).partners[0].member_id
    dialog = members.open_member(member_id)
    assert members.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Activities" in titles and "Projects" in titles
    assert window.ctx.tasks.wait_idle()
    projects_tab = dialog.tabs.widget(titles.index("Projects"))
    assert row.id in [r.id for r in projects_tab.model.rows]
    activities_tab = dialog.tabs.widget(titles.index("Activities"))
    assert "activities" in activities_tab.summary.text()
    dialog.reject()


def test_hidden_columns_are_remembered(projects_screen, window):
    from clustermanager.ui.projects.screen import ProjectsScreen

    projects_screen.set_column_visible(1, False)
    again = ProjectsScreen(window.ctx)
    assert again.table.isColumnHidden(1)
    again.set_column_visible(1, True)
    again.deleteLater()
