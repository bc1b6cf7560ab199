"""The Activities screen driven like a user: add an activity, import a registration list via the preview."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from clustermanager.models import Contact, Member
from clustermanager.services import activities as service
from clustermanager.ui.tables.row_table import ROW_ID_ROLE


@pytest.fixture
def activities_screen(window):
    screen = window.show_screen("activities")
    assert window.ctx.tasks.wait_idle()
    return screen


def test_the_table_shows_every_activity_with_counts(activities_screen, window, qtbot):
    assert activities_screen.proxy.rowCount() == 60
    assert "60 of 60 shown" in window.screen_status.text()
    qtbot.keyClicks(activities_screen.search, "webinar")
    qtbot.waitUntil(lambda: activities_screen.proxy.rowCount() < 60)
    shown = activities_screen.proxy.shown_rows()
    assert shown and all("webinar" in r.search_text for r in shown)
    activities_screen.search.clear()
    qtbot.waitUntil(lambda: activities_screen.proxy.rowCount() == 60)
    activities_screen.kind.setCurrentIndex(activities_screen.kind.findData("workshop"))
    assert {r.kind for r in activities_screen.proxy.shown_rows()} == {"workshop"}


def test_add_an_activity(activities_screen, window, qtbot):
    dialog = activities_screen.new_record()
    assert activities_screen.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.form.title, "Hydrogen valley matchmaking")
    dialog.form.kind.setCurrentIndex(dialog.form.kind.findData("matchmaking"))
    dialog.form.starts_on.setDate(dialog.form.starts_on.date().addDays(10))
    qtbot.keyClicks(dialog.form.start_time, "9.30")
    qtbot.keyClicks(dialog.form.tags, "hydrogen")
    dialog.form.international.setChecked(True)
    assert dialog.save_button.isEnabled()
    assert dialog.save()
    assert window.ctx.tasks.wait_idle()
    row = next(r for r in activities_screen.model.rows if r.title == "Hydrogen valley matchmaking")
    assert (row.kind, row.international, row.registered) == ("matchmaking", True, 0)
    assert row.starts_on == dt.date.today() + dt.timedelta(days=10)


def _select(screen, activity_id: int) -> None:
    for r in range(screen.proxy.rowCount()):
        index = screen.proxy.index(r, 0)
        if index.data(ROW_ID_ROLE) == activity_id:
            screen.table.setCurrentIndex(index)
            return
    raise AssertionError(f"activity {activity_id} not shown")


def test_import_a_registration_list_through_the_preview(activities_screen, window, qtbot, tmp_path):
    with window.ctx.db.session() as session:
        activity = service.create_activity(session, service.ActivityInput(
            kind="workshop", title="Import target", starts_on=dt.date(2025, 6, 1))).id
        known = session.scalars(select(Contact).where(Contact.email.is_not(None)).order_by(Contact.id)).all()[:2]
        member = session.scalars(select(Member).order_by(Member.id)).first()
        matched = f"{known[0].full_name},{known[0].email.upper()},{known[0].member.name}"
        doubtful = f"{known[1].full_name},someone.else@example.org,{known[1].member.name}"
        new_contact = f"Nora Nieuw,nora@new.example,{member.name}"
        member_id, doubtful_contact = member.id, known[1].id
    path = tmp_path / "registrations.csv"
    path.write_text("Name,E-mail,Company\n" + "\n".join(
        [matched, doubtful, new_contact, "Olga Outside,olga@press.example,Press"]) + "\n", encoding="utf-8")
    window.ctx.notify("activities")
    assert window.ctx.tasks.wait_idle()
    _select(activities_screen, activity)
    dialog = activities_screen.import_list(str(path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    statuses = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert statuses == ["matched", "doubtful", "new", "new"]
    choice = dialog.choices[3]
    choice.setCurrentIndex(choice.findData(doubtful_contact))
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as blocker:
        dialog.import_button.click()
    result = blocker.args[0]
    assert (result.added, result.new_contacts, result.outside, result.skipped) == (4, 1, 1, 0)
    with window.ctx.db.session() as session:
        people = {p.name: p for p in service.get_activity(session, activity).participants}
    assert people["Nora Nieuw"].member_id == member_id
    assert people["Olga Outside"].is_outside
    assert window.ctx.tasks.wait_idle()
    row = next(r for r in activities_screen.model.rows if r.id == activity)
    assert row.registered == 4  # the screen refreshed after the import


def test_a_malformed_list_is_refused_with_its_row(activities_screen, window, qtbot, tmp_path, shown_messages):
    path = tmp_path / "bad.csv"
    path.write_text("Name,Email\nAnn,ann@example.org\nBob,not-an-email\n", encoding="utf-8")
    _select(activities_screen, activities_screen.model.rows[0].id)
    before = activities_screen.model.rows[0].registered
    dialog = activities_screen.import_list(str(path))
    qtbot.waitUntil(lambda: bool(shown_messages), timeout=10_000)
    assert "row 3" in shown_messages[0][1]
    assert not dialog.import_button.isEnabled()
    dialog.reject()
    with window.ctx.db.session() as session:
        assert len(service.get_activity(session, activities_screen.model.rows[0].id).participants) == before


def test_own_activity_kinds_appear_in_the_screen(activities_screen, window, qtbot, shown_messages):
    from clustermanager.ui.activities.kinds_dialog import ActivityKindsDialog

    dialog = ActivityKindsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.new_kind.setText("Hackathon")
    dialog.add_kind()
    assert window.ctx.tasks.wait_idle()
    assert activities_screen.kind.findData("hackathon") >= 0
    dialog.new_kind.setText("Workshop")
    dialog.add_kind()  # exists already: refused with a message
    assert window.ctx.tasks.wait_idle()
    assert shown_messages and "already exists" in shown_messages[-1][1]
    dialog.list.setCurrentRow(dialog.list.count() - 1)
    dialog.remove_selected()
    assert window.ctx.tasks.wait_idle()
    assert activities_screen.kind.findData("hackathon") < 0


def test_participants_tab_adds_contacts_and_guests_and_ticks_attendance(activities_screen, window, qtbot):
    from PySide6.QtCore import Qt

    with window.ctx.db.session() as session:
        activity = service.create_activity(session, service.ActivityInput(
            kind="webinar", title="Empty webinar", starts_on=dt.date(2025, 3, 1))).id
    dialog = activities_screen.open_record(activity)
    assert activities_screen.ctx.tasks.wait_idle()  # the dialog reads on the task runner
    panel = dialog.participants
    assert window.ctx.tasks.wait_idle()  # reads and changes run on the task runner
    assert panel.model.rowCount() == 0
    picker = panel.add_contacts()
    assert window.ctx.tasks.wait_idle()  # reads and changes run on the task runner
    picker.search.setText(picker.list.item(0).text().split(" ")[0])
    qtbot.waitUntil(lambda: picker.list.count() < 200)
    picker.list.item(0).setSelected(True)
    picker.accept()
    assert window.ctx.tasks.wait_idle()  # reads and changes run on the task runner
    assert panel.model.rowCount() == 1 and not panel.model.rows[0].is_outside
    guest = panel.add_outside()
    qtbot.keyClicks(guest.name, "Greta Guest")
    qtbot.keyClicks(guest.email, "greta@guest.example")
    guest._ok()
    assert window.ctx.tasks.wait_idle()  # reads and changes run on the task runner
    assert panel.model.rowCount() == 2
    attended = panel.model.index(0, 5)
    assert panel.model.setData(attended, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert window.ctx.tasks.wait_idle()  # reads and changes run on the task runner
    assert "1 attended" in panel.summary.text()
    dialog.reject()
    assert window.ctx.tasks.wait_idle()
    row = next(r for r in activities_screen.model.rows if r.id == activity)
    assert (row.registered, row.attended) == (2, 1)


def test_a_bare_organisation_name_stays_doubtful_until_the_user_picks_the_member(activities_screen, window, qtbot,
                                                                                 tmp_path):
    """Havenboei BV and Havenboei NV are two members: a row saying only "Havenboei" is asked, not merged."""
    from clustermanager.services import members as msvc

    with window.ctx.db.session() as session:
        activity = service.create_activity(session, service.ActivityInput(
            kind="workshop", title="Legal forms", starts_on=dt.date(2025, 6, 2))).id
        bv, nv = (msvc.create_member(session, msvc.MemberInput(name=name, kind="company", joined_on=dt.date(2024, 1, 1)))
                  for name in ("Havenboei BV", "Havenboei NV"))
    path = tmp_path / "eventbrite.csv"
    path.write_text("Name,E-mail,Company\nRaf Jacobs,raf@havenboei.example,Havenboei\n", encoding="utf-8")
    window.ctx.notify("activities")
    assert window.ctx.tasks.wait_idle()
    _select(activities_screen, activity)
    dialog = activities_screen.import_list(str(path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.table.item(0, 1).text() == "doubtful"
    choice = dialog.choices[2]
    offered = [choice.itemText(i) for i in range(choice.count())]
    assert "New contact of Havenboei BV" in offered and "New contact of Havenboei NV" in offered
    assert choice.currentData() == "skip"  # never merged silently
    choice.setCurrentIndex(choice.findData(f"member:{nv.id}"))
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as blocker:
        dialog.import_button.click()
    assert (blocker.args[0].added, blocker.args[0].new_contacts) == (1, 1)
    with window.ctx.db.session() as session:
        (person,) = service.get_activity(session, activity).participants
    assert person.member_id == nv.id and person.member_id != bv.id
