"""The Mailings screen over the demo cluster: counting with the consent rule, saved selections, drafts
written off the UI thread and logged, the preview, Bcc links, the newsletter list, the member's tab."""

from __future__ import annotations

import csv
import email
import email.policy
import math

from clustermanager.services import mailing_log, selections
from clustermanager.services.selection_criteria import Criteria
from clustermanager.ui.common import dialogs
from clustermanager.ui.mailings import files
from clustermanager.ui.mailings.people import NO_CONSENT, NO_EMAIL, REACHED


def _wait(window):
    for _ in range(3):
        assert window.ctx.tasks.wait_idle()


def _screen(window, name="Main contacts"):
    screen = window.show_screen("mailings")
    _wait(window)
    row = next(r for r in range(screen.list.count()) if screen.list.item(r).text() == name)
    screen.list.setCurrentRow(row)
    screen.count_now()
    _wait(window)
    return screen


def test_the_count_says_who_is_left_out_and_why(window):
    screen = _screen(window)
    with window.ctx.db.session() as s:
        expected = selections.audience(s, selections.get_selection(s, "Main contacts").criteria)
    assert screen.count.text() == str(len(expected.recipients)) and expected.without_consent
    assert screen.explanation.text() == expected.explanation()
    assert "no consent" in screen.explanation.text()
    statuses = [r.status for r in screen.people.rows]
    assert statuses.count(REACHED) == len(expected.recipients)
    assert statuses.count(NO_CONSENT) == len(expected.without_consent)
    assert statuses.count(NO_EMAIL) == len(expected.without_email)
    assert screen.form.main_contact_only.isChecked()  # the saved criteria are on the form


def test_save_rename_and_delete_a_selection(window, monkeypatch):
    screen = _screen(window)
    screen.new_selection()
    screen.form.kinds.boxes["company"].setChecked(True)
    screen.form.languages.boxes["nl"].setChecked(True)
    screen.save_selection(name="Dutch-speaking companies")
    _wait(window)
    with window.ctx.db.session() as s:
        saved = selections.get_selection(s, "Dutch-speaking companies")
    assert saved.criteria == Criteria(kinds=("company",), languages=("nl",))
    assert screen.current.id == saved.id and "saved" in screen.note.text()
    assert "Dutch-speaking companies" in [screen.list.item(r).text() for r in range(screen.list.count())]
    screen.form.main_contact_only.setChecked(True)  # an edit of the saved one replaces its criteria
    screen.save_selection()
    _wait(window)
    screen.rename_selection("NL companies")
    _wait(window)
    with window.ctx.db.session() as s:
        assert selections.get_selection(s, "NL companies").criteria.main_contact_only
    screen.rename_selection("Main contacts")  # taken: refused, named
    _wait(window)
    assert "Name" in screen.problem.text() and "already" in screen.problem.text()
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    screen.delete_selection()
    _wait(window)
    with window.ctx.db.session() as s:
        assert "NL companies" not in [x.name for x in selections.list_selections(s)]


def test_a_bad_criterion_is_named_beside_the_count(window):
    screen = _screen(window)
    screen.form.attended_from.setText("31/02/2025")
    screen.count_now()
    _wait(window)
    assert "Attended from" in screen.problem.text() or "attended_from" in screen.problem.text()


def test_write_the_drafts_then_the_log_and_the_member_tab(window, tmp_path, qtbot):
    screen = _screen(window)
    panel = screen.panel
    panel.choose("invitation", None)
    activity_id = panel.activity.itemData(1)
    panel.choose("invitation", activity_id)
    progress = []
    window.ctx.tasks.progressed.connect(lambda *args: progress.append(args))
    panel.write_drafts(str(tmp_path / "drafts"))
    _wait(window)
    drafts = sorted((tmp_path / "drafts").glob("*.eml"))
    with window.ctx.db.session() as s:
        expected = selections.audience(s, selections.get_selection(s, "Main contacts").criteria)
        [logged] = mailing_log.list_mailings(s)
    assert len(drafts) == len(expected.recipients) == logged.recipients and progress
    assert logged.template == "invitation" and logged.selection == "Main contacts"
    message = email.message_from_bytes(drafts[0].read_bytes(), policy=email.policy.default)
    assert message["X-Unsent"] == "1"
    assert any(p.get_content_type() == "text/calendar" for p in message.iter_attachments())
    consent = {p.email for p in expected.recipients}
    assert message["To"].addresses[0].addr_spec in consent
    assert f"{len(drafts)} drafts written" in panel.message.text()
    screen.tabs.setCurrentWidget(screen.log)
    _wait(window)
    assert screen.log.model.rowCount() == 1 and screen.log.model.rows[0].recipients == len(drafts)
    from clustermanager.ui.mailings.member_tab import MemberMailingsTab

    tab = MemberMailingsTab(window.ctx, expected.recipients[0].member_id)
    qtbot.addWidget(tab)
    _wait(window)
    assert tab.model.rowCount() >= 1 and tab.model.rows[0].entry.template == "invitation"


def test_preview_bcc_and_newsletter_list(window, tmp_path, monkeypatch):
    screen = _screen(window)
    panel = screen.panel
    panel.choose("fee-call", None)
    panel.year.setValue(2025)
    panel.show_preview()
    _wait(window)
    text = panel.preview.toPlainText()
    assert "Subject:" in text and "+++" in text and ".pdf" in text  # the call's communication, the invoice
    assert panel.draft_number.maximum() > 1
    with window.ctx.db.session() as s:
        assert mailing_log.list_mailings(s) == []  # a preview writes nothing and logs nothing
    opened = []
    monkeypatch.setattr(files, "open_url", lambda url: opened.append(url) or True)
    panel.open_bcc()
    _wait(window)
    with window.ctx.db.session() as s:
        expected = selections.audience(s, selections.get_selection(s, "Main contacts").criteria)
    assert len(opened) == math.ceil(len(expected.recipients) / 50)
    no_consent = {p.email for p in expected.without_consent}
    assert all(url.startswith("mailto:") for url in opened)
    assert not any(addr in url for url in opened for addr in no_consent)
    panel.export_csv(str(tmp_path / "list.csv"))
    _wait(window)
    with (tmp_path / "list.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(expected.recipients)
    assert {r[next(iter(r))] for r in rows} <= {p.email for p in expected.recipients}


def test_legal_notice_only_for_fee_templates(window):
    screen = _screen(window)
    screen.panel.choose("invitation", None)
    assert not screen.panel.legal_notice.isEnabled()
    screen.panel.choose("reminder", None)
    assert screen.panel.legal_notice.isEnabled() and screen.panel.year.isEnabled()
