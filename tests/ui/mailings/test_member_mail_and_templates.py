"""From a member's fees: the invoice e-mailed as a draft; Tools > Mail templates…; Tools > Export a person's
data with the mailings they received."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import json

from sqlalchemy import func, select

from clustermanager.models import Activity, Contact
from clustermanager.services import cluster, fees, mail_templates, mailing_log
from clustermanager.ui.mailings import files
from clustermanager.ui.mailings.templates_dialog import edit_templates
from clustermanager.ui.members import export_person
from clustermanager.ui.shell import registry


def _wait(window):
    for _ in range(3):
        assert window.ctx.tasks.wait_idle()


def test_email_the_invoice_from_the_member_fees_tab(window, qtbot, tmp_path, monkeypatch):
    from clustermanager.ui.fees import dialogs as fee_dialogs
    from clustermanager.ui.fees.member_tab import MemberFeesTab

    with window.ctx.db.session() as s:
        profile = cluster.get_profile(s)
        if profile.vat_registered and not profile.effective_vat_number:
            cluster.save_profile(s, dataclasses.replace(profile, vat_registered=False))
        call = next(c for c in fees.list_calls(s, year=2025) if c.number)
    opened = []
    monkeypatch.setattr(files, "open_path", lambda path: opened.append(path) or True)
    monkeypatch.setattr(fee_dialogs, "choose_folder", lambda parent, title: str(tmp_path / "mail"))
    tab = MemberFeesTab(window.ctx, call.member_id)
    qtbot.addWidget(tab)
    _wait(window)
    tab.table.selectRow(next(r for r in range(tab.proxy.rowCount()) if tab.proxy.row_at(r).id == call.id))
    tab.email_invoice()
    _wait(window)
    [draft] = list((tmp_path / "mail").glob("*.eml"))
    assert opened == [draft]  # opened in the mail program to check and send
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    names = [p.get_filename() for p in message.iter_attachments()]
    assert any(n.endswith(".pdf") for n in names) and call.number in message["Subject"]
    with window.ctx.db.session() as s:
        [entry] = mailing_log.member_mailings(s, call.member_id)
    assert entry.template == "fee-call" and draft.name in tab.message.text()


def test_edit_a_template_with_its_fields_checked(window):
    assert ("tools", "Mail &templates…") in {(a.menu, a.text) for a in registry.menu_actions()}
    dialog = edit_templates(window)
    _wait(window)
    dialog.name.setCurrentIndex(dialog.name.findData("invitation"))
    dialog.language.setCurrentIndex(dialog.language.findData("nl"))
    _wait(window)
    assert "{activity_title}" in dialog.subject.text() + dialog.body.toPlainText()
    assert "{fee_communication}" in dialog.fields.toPlainText()  # every field, with what it holds
    dialog.subject.setText("Uitnodiging: {activity_title} op {datum}")
    dialog.save()
    _wait(window)
    assert "{datum}" in dialog.message.text() and "template field" in dialog.message.text()
    dialog.subject.setText("Kom naar {activity_title}")
    dialog.save()
    _wait(window)
    with window.ctx.db.session() as s:
        t = mail_templates.get_template(s, "invitation", "nl")
    assert t.edited and t.subject == "Kom naar {activity_title}"
    dialog.reset()
    _wait(window)
    with window.ctx.db.session() as s:
        assert not mail_templates.get_template(s, "invitation", "nl").edited
    dialog.new_template("project-news")
    _wait(window)
    assert dialog.name.currentData() == "project-news"
    dialog.close()


def test_export_a_persons_data_lists_their_mailings(window, tmp_path, shown_messages):
    from clustermanager.reports.mailings import write_mailing
    from clustermanager.services.mailings import plan_mailing

    with window.ctx.db.session() as s:
        activity_id = s.scalar(select(func.min(Activity.id)))
        plan = plan_mailing(s, template="invitation", selection="Main contacts", activity_id=activity_id)
        write_mailing(s, plan, tmp_path / "drafts")
        contact_id = plan.drafts[0].recipient.contact_id
    assert ("tools", "E&xport a person's data…") in {(a.menu, a.text) for a in registry.menu_actions()}
    export_person.export_person(window, contact_id, str(tmp_path / "person.json"))
    _wait(window)
    data = json.loads((tmp_path / "person.json").read_text(encoding="utf-8"))
    assert [m["template"] for m in data["mailings"]] == ["invitation"]
    assert shown_messages and "person.json" in shown_messages[-1][1]


def test_the_contact_form_keeps_and_sets_the_mail_language(window, qtbot):
    from clustermanager.services import members
    from clustermanager.ui.members.contacts import ContactDialog

    with window.ctx.db.session() as s:
        member_id = s.scalar(select(func.min(Contact.member_id)))
        data = members.get_member(s, member_id).contacts[0]
    french = dataclasses.replace(data, language="fr")
    dialog = ContactDialog(french, None)
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "fr" and dialog.data().language == "fr"  # an edit keeps it
    dialog.language.setCurrentIndex(dialog.language.findData(None))
    assert dialog.data().language is None  # "the app's language"
