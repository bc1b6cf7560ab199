"""An activity's documents from the window (calendar file for several activities, sign-in sheet, badges,
certificates, invitation e-mails) and ticking attendance with the keyboard in the sheet's order."""

from __future__ import annotations

import shutil
import subprocess

import icalendar
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from clustermanager.reports.event_sheets import sheet_rows
from clustermanager.services import activities as service
from clustermanager.ui.activities import event_documents
from clustermanager.ui.common import dialogs
from clustermanager.ui.mailings import files


def _wait(window):
    for _ in range(3):
        assert window.ctx.tasks.wait_idle()


@pytest.fixture
def screen(window, monkeypatch):
    monkeypatch.setattr(files, "open_path", lambda path: True)  # no viewer in the tests
    s = window.show_screen("activities")
    _wait(window)
    return s


def _busiest(window) -> int:
    with window.ctx.db.session() as s:
        rows = service.list_activities(s)
    return max(rows, key=lambda r: r.registered).id


def test_one_calendar_file_for_the_selected_activities(screen, window, tmp_path, monkeypatch):
    model = screen.table.selectionModel()
    for row in (0, 1):
        model.select(screen.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                     | QItemSelectionModel.SelectionFlag.Rows)
    ids = screen.selected_ids()
    assert len(ids) == 2
    monkeypatch.setattr(files, "choose_save_file", lambda *a: str(tmp_path / "two.ics"))
    action = next(a for a in screen.documents_button.menu_.actions() if a.text().startswith("Calendar"))
    action.trigger()
    _wait(window)
    cal = icalendar.Calendar.from_ical((tmp_path / "two.ics").read_bytes())
    with window.ctx.db.session() as s:
        titles = {service.get_activity(s, i).title for i in ids}
    assert {str(e["SUMMARY"]) for e in cal.walk("VEVENT")} == titles
    assert "two.ics" in screen.message.text()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_sign_in_sheet_badges_and_certificates_from_the_activity(screen, window, tmp_path):
    activity_id = _busiest(window)
    dialog = screen.open_record(activity_id)
    _wait(window)
    bar = dialog.participants.documents
    bar.language.setCurrentIndex(bar.language.findData("fr"))
    for kind in ("sign-in-sheet", "badges", "certificates"):
        bar.pdf(kind, str(tmp_path / f"{kind}.pdf"))
    _wait(window)
    with window.ctx.db.session() as s:
        detail = service.get_activity(s, activity_id)
    sheet = subprocess.run(["pdftotext", "-layout", str(tmp_path / "sign-in-sheet.pdf"), "-"], check=True,
                           capture_output=True, text=True).stdout
    assert "Signature" in sheet and sheet_rows(detail)[0].name in sheet  # in French, in the sheet's order
    assert (tmp_path / "badges.pdf").read_bytes()[:5] == b"%PDF-"
    certificates = subprocess.run(["pdftotext", str(tmp_path / "certificates.pdf"), "-"], check=True,
                                  capture_output=True, text=True).stdout
    attended = [p for p in detail.participants if p.attended]
    assert attended and attended[0].name in certificates
    assert "certificates.pdf" in bar.message.text()
    dialog.reject()


def test_invite_by_email_opens_the_mailings_screen_on_the_invitation(screen, window):
    activity_id = _busiest(window)
    dialog = screen.open_record(activity_id)
    _wait(window)
    mailings = event_documents.invite_by_email(dialog.participants.documents, window.ctx, activity_id)
    _wait(window)
    assert mailings.tabs.currentWidget() is mailings.panel
    assert mailings.panel.template.currentData() == "invitation"
    assert mailings.panel.activity.currentData() == activity_id
    assert not dialog.isVisible()


def _answer(monkeypatch, answer):
    """The "Save changes first?" question answered with `answer`; the list says what was asked."""
    asked: list[str] = []

    def ask(parent, title, text):
        asked.append(text)
        return answer

    monkeypatch.setattr(event_documents, "ask_save_first", ask)
    return asked


def _type_edits(qtbot, dialog):
    form = dialog.form
    form.title.selectAll()
    qtbot.keyClicks(form.title, "Waterstof in de haven - herwerkt")
    qtbot.keyClicks(form.description, "Gewijzigd programma, een zaal erbij.")


def _invite(qtbot, dialog):
    bar = dialog.participants.documents
    dialog.tabs.setCurrentWidget(dialog.participants)
    qtbot.mouseClick(bar.email_button, Qt.MouseButton.LeftButton)


def test_invite_with_unsaved_edits_saves_them_first(screen, window, qtbot, monkeypatch):
    activity_id = _busiest(window)
    dialog = screen.open_record(activity_id)
    _wait(window)
    _type_edits(qtbot, dialog)
    assert dialog.has_unsaved_changes()
    answered = _answer(monkeypatch, dialogs.SAVE)
    _invite(qtbot, dialog)
    _wait(window)
    assert answered  # the question was asked
    with window.ctx.db.session() as s:
        saved = service.get_activity(s, activity_id)
    assert saved.title == "Waterstof in de haven - herwerkt"
    assert saved.description.endswith("Gewijzigd programma, een zaal erbij.")
    assert not dialog.isVisible()
    assert window.stack.currentWidget() is window._pages["mailings"]
    assert window.screen("mailings").panel.activity.currentData() == activity_id


def test_cancel_keeps_the_dialog_open_with_the_edits(screen, window, qtbot, monkeypatch):
    activity_id = _busiest(window)
    with window.ctx.db.session() as s:
        before = service.get_activity(s, activity_id)
    dialog = screen.open_record(activity_id)
    _wait(window)
    _type_edits(qtbot, dialog)
    answered = _answer(monkeypatch, dialogs.CANCEL)
    _invite(qtbot, dialog)
    _wait(window)
    assert answered and dialog.isVisible()
    assert dialog.form.title.text() == "Waterstof in de haven - herwerkt"
    assert window.stack.currentWidget() is window._pages["activities"]
    with window.ctx.db.session() as s:
        assert service.get_activity(s, activity_id).title == before.title
    dialog.reject()


def test_a_refused_save_goes_no_further(screen, window, qtbot, monkeypatch):
    activity_id = _busiest(window)
    dialog = screen.open_record(activity_id)
    _wait(window)
    dialog.form.start_time.setText("25:99")  # not a time: the service refuses the save
    answered = _answer(monkeypatch, dialogs.SAVE)
    _invite(qtbot, dialog)
    _wait(window)
    assert answered and dialog.isVisible()
    assert dialog.form.start_time.text() == "25:99"
    assert window.stack.currentWidget() is window._pages["activities"]
    with window.ctx.db.session() as s:
        assert service.get_activity(s, activity_id).start_time != "25:99"
    dialog.reject()


def test_space_ticks_attendance_in_the_sheet_order(screen, window, qtbot):
    activity_id = _busiest(window)
    dialog = screen.open_record(activity_id)
    _wait(window)
    panel = dialog.participants
    with window.ctx.db.session() as s:
        order = sheet_rows(service.get_activity(s, activity_id))
    assert [p.id for p in panel.model.rows[:len(order)]] == [p.id for p in order]
    first, second = order[0], order[1]
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    _wait(window)
    assert panel.table.currentIndex().row() == 1  # on to the next person
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    _wait(window)
    with window.ctx.db.session() as s:
        now = {p.id: p.attended for p in service.get_activity(s, activity_id).participants}
    assert now[first.id] is not first.attended and now[second.id] is not second.attended
    assert panel.table.currentIndex().row() == 2
    dialog.reject()
