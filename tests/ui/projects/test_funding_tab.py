"""A project's Funding tab: the programme and each partner's requested and granted funding, saved in
one transaction; a bad amount is named with its partner and nothing is written."""

from decimal import Decimal

from sqlalchemy import func, select

from clustermanager.models import PartnerFunding, Project, ProjectPartner, ProjectStatus
from clustermanager.services.project_pipeline import application, funding_by_member


def _open_project_without_funding(window):
    screen = window.show_screen("projects")
    assert window.ctx.tasks.wait_idle()
    with window.ctx.db.session() as s:
        funded = select(PartnerFunding.project_id)
        pid = s.scalar(select(Project.id).where(Project.status == ProjectStatus.IDEA, Project.id.not_in(funded),
                                                Project.id.in_(select(ProjectPartner.project_id))))
    dialog = screen.open_record(pid)
    assert window.ctx.tasks.wait_idle() and window.ctx.tasks.wait_idle()
    return pid, dialog, dialog.funding


def test_programme_and_partner_funding_saved_from_the_window(window):
    pid, dialog, tab = _open_project_without_funding(window)
    assert tab.programme.currentData() is None and tab.table.rowCount() == len(tab.partners) > 0
    tab.programme.setCurrentIndex(tab.programme.findData("icon"))
    tab.call.setText("ICON 2026-1")
    tab.table.item(0, 1).setText("40.000,00")
    tab.table.item(0, 2).setText("32000")
    tab.save_button.click()
    assert window.ctx.tasks.wait_idle()
    assert tab.message.text() == ""
    with window.ctx.db.session() as s:
        app = application(s, pid)
        money = funding_by_member(s, pid)
    assert (app.programme.value, app.call) == ("icon", "ICON 2026-1")
    assert money == {tab.partners[0][0]: (Decimal("40000.00"), Decimal("32000.00"))}
    dialog.reject()


def test_a_bad_amount_is_named_with_its_partner_and_nothing_written(window):
    pid, dialog, tab = _open_project_without_funding(window)
    tab.programme.setCurrentIndex(tab.programme.findData("csbo"))
    tab.table.item(0, 1).setText("1000")
    tab.table.item(1, 1).setText("lots")
    tab.save_button.click()
    assert window.ctx.tasks.wait_idle()
    assert tab.partners[1][1] in tab.message.text() and "requested" in tab.message.text()
    with window.ctx.db.session() as s:
        assert application(s, pid) is None
        assert s.scalar(select(func.count()).select_from(PartnerFunding).where(PartnerFunding.project_id == pid)) == 0
    dialog.reject()
