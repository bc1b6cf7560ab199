"""Selections, the consent rule, the .eml drafts and the .ics invitations, read back with parsers."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from decimal import Decimal

import icalendar
import pytest

from clustermanager.errors import ValidationError
from clustermanager.reports.mailings import write_mailing
from clustermanager.services import activities, cluster, fees, mailing_log, members, selections
from clustermanager.services.invitations import write_invitation
from clustermanager.services.mail_exports import bcc_links, export_newsletter
from clustermanager.services.mailings import plan_mailing
from clustermanager.services.selection_criteria import Criteria

TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def world(db):
    with db.session() as s:
        cluster.save_profile(s, cluster.ProfileData(name="Clüster Vlaanderen", kind="ibn", email="info@cluster.be",
                                                    iban="BE71096123456769"))
        m1 = members.create_member(s, members.MemberInput(name="Société Générale d'Hydrogène", kind="company",
                                                          size_class="small", joined_on=dt.date(2020, 1, 1),
                                                          province="Antwerpen")).id
        m2 = members.create_member(s, members.MemberInput(name="Acme NV", kind="knowledge_institution",
                                                          joined_on=dt.date(2020, 1, 1))).id
        c1 = members.add_contact(s, m1, members.ContactInput(first_name="Chloé", last_name="Dubois-Hénin",
                                                             email="chloe@sgh.be", consent=True, language="fr",
                                                             is_main=True)).id
        c2 = members.add_contact(s, m2, members.ContactInput(first_name="Jan", last_name="Peeters",
                                                             email="jan@acme.be", consent=False, is_main=True)).id
        c3 = members.add_contact(s, m2, members.ContactInput(first_name="An", last_name="Geen", consent=True))
        a = activities.create_activity(s, activities.ActivityInput(
            kind="workshop", title="Waterstof in de haven", starts_on=dt.date(2026, 4, 14), start_time="14:00",
            location="Havenhuis, Antwerpen", organiser="Clüster Vlaanderen")).id
    return {"members": (m1, m2), "contacts": (c1, c2, c3.id), "activity": a}


def test_consent_rule_leaves_out_and_says_why(db, world):
    with db.session() as s:
        people = selections.audience(s, Criteria(), today=TODAY)
    assert [p.full_name for p in people.recipients] == ["Chloé Dubois-Hénin"]
    assert [p.full_name for p in people.without_consent] == ["Jan Peeters"]
    assert [p.full_name for p in people.without_email] == ["An Geen"]
    assert "no consent" in people.explanation() and "no e-mail" in people.explanation()


def test_invitation_drafts_parse_with_accents_and_calendar(db, world, tmp_path):
    with db.session() as s:
        selections.save_selection(s, "Everyone", {})
        plan = plan_mailing(s, template="invitation", selection="everyone", activity_id=world["activity"],
                            default_language="nl", today=TODAY)
        result = write_mailing(s, plan, tmp_path / "drafts")
    assert len(result.files) == 1  # Jan has no consent, An no address
    msg = email.message_from_bytes(result.files[0].read_bytes(), policy=email.policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["To"].addresses[0].display_name == "Chloé Dubois-Hénin"
    assert "=?utf-8?" in result.files[0].read_bytes().decode("ascii").lower()  # encoded, not raw 8-bit
    assert msg["Subject"].startswith("Invitation : Waterstof in de haven")  # French: her language
    assert "14:00" in msg.get_body().get_content()
    parts = list(msg.iter_attachments())
    assert [p.get_content_type() for p in parts] == ["text/calendar"]
    cal = icalendar.Calendar.from_ical(parts[0].get_content())
    event = cal.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Waterstof in de haven"
    assert event.decoded("DTSTART") == dt.datetime(2026, 4, 14, 14, 0, tzinfo=event.decoded("DTSTART").tzinfo)
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert cal.walk("VTIMEZONE")


def test_the_mailing_is_logged_and_selectable(db, world, tmp_path):
    with db.session() as s:
        plan = plan_mailing(s, template="invitation", criteria=Criteria(), activity_id=world["activity"], today=TODAY)
        write_mailing(s, plan, tmp_path / "d")
    with db.session() as s:
        log = mailing_log.member_mailings(s, world["members"][0])
        assert [e.template for e in log] == ["invitation"]
        got = selections.evaluate(s, Criteria(received_template="invitation", received_year=2026), today=TODAY)
        assert [p.contact_id for p in got] == [world["contacts"][0]]
        missed = selections.evaluate(s, Criteria(received_template="invitation", not_received=True), today=TODAY)
        assert world["contacts"][0] not in [p.contact_id for p in missed]


def test_legal_notice_reaches_contacts_without_consent_and_says_so(db, world, tmp_path):
    with db.session() as s:
        fees.set_fee(s, 2026, "knowledge", Decimal("500"), Decimal("0"))
        fees.set_fee(s, 2026, "small", Decimal("300"), Decimal("0"))
        fees.generate_calls(s, 2026, issued_on=dt.date(2026, 1, 10), due_on=dt.date(2026, 2, 10))
        with pytest.raises(ValidationError):
            plan_mailing(s, template="invitation", criteria=Criteria(), activity_id=world["activity"],
                         legal_notice=True)
        normal = plan_mailing(s, template="fee-call", criteria=Criteria(), year=2026, today=TODAY)
        assert [d.recipient.first_name for d in normal.drafts] == ["Chloé"]
        plan = plan_mailing(s, template="fee-call", criteria=Criteria(), year=2026, legal_notice=True,
                            default_language="nl", today=TODAY)
        drafts = {d.recipient.first_name: d for d in plan.drafts}
        assert set(drafts) == {"Chloé", "Jan"}
        assert drafts["Jan"].without_consent and "wettelijke kennisgeving" in drafts["Jan"].body
        assert not drafts["Chloé"].without_consent


def test_bcc_groups_and_newsletter_csv_only_have_consent(db, world, tmp_path):
    with db.session() as s:
        groups = bcc_links(s, Criteria(), today=TODAY)
        path, _people = export_newsletter(s, Criteria(), tmp_path / "n.csv", today=TODAY)
    assert groups.groups == (("chloe@sgh.be",),)
    assert groups.links[0].startswith("mailto:?bcc=chloe@sgh.be")
    text = path.read_text(encoding="utf-8-sig")
    assert "Chloé" in text and "jan@acme.be" not in text


def test_invitation_file_for_several_activities(db, world, tmp_path):
    with db.session() as s:
        other = activities.create_activity(s, activities.ActivityInput(
            kind="webinar", title="Online sessie", starts_on=dt.date(2026, 11, 3),
            location="https://meet.example/abc", online=True)).id
        path = write_invitation(s, [world["activity"], other], tmp_path / "two.ics")
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == 2
    assert str(events[1]["URL"]) == "https://meet.example/abc"
    assert events[1].decoded("DTSTART") == dt.date(2026, 11, 3)  # no time: all day


def test_bad_criteria_name_the_field():
    with pytest.raises(ValidationError) as exc:
        Criteria.from_json('{"kinds": ["spaceship"]}')
    assert exc.value.problems[0].field == "kinds"


def test_a_cancelled_run_removes_the_drafts_it_wrote_and_only_those(db, world, tmp_path):
    from clustermanager.progress import Cancelled

    with db.session() as s:
        members.add_contact(s, world["members"][0], members.ContactInput(
            first_name="Éloïse", last_name="Martin", email="eloise@sgh.be", consent=True))
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    calls = []

    def cancel_after_the_first(percent, name):
        calls.append(name)
        raise Cancelled()

    with pytest.raises(Cancelled), db.session() as s:
        plan = plan_mailing(s, template="invitation", criteria=Criteria(), activity_id=world["activity"], today=TODAY)
        assert len(plan.drafts) == 2
        write_mailing(s, plan, folder, progress=cancel_after_the_first)
    assert len(calls) == 1  # one draft was on disk when the run was cancelled
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    with db.session() as s:
        assert mailing_log.member_mailings(s, world["members"][0]) == []

    fresh = tmp_path / "new-folder"  # a folder the run made itself goes too
    with pytest.raises(Cancelled), db.session() as s:
        plan = plan_mailing(s, template="invitation", criteria=Criteria(), activity_id=world["activity"], today=TODAY)
        write_mailing(s, plan, fresh, progress=cancel_after_the_first)
    assert not fresh.exists()


def test_an_address_with_accents_is_written_as_utf8_not_as_an_encoded_word(tmp_path):
    from clustermanager.io import eml

    plain = eml.build_draft(sender=eml.address("Clüster", "info@cluster.be"), to=eml.address("Zoë", "zoe@x.be"),
                            subject="Één", body="Dag Zoë")
    accented = eml.build_draft(sender=eml.address("Clüster", "info@cluster.be"), to=eml.address("Zoë", "zoë@x.be"),
                               subject="Één", body="Dag Zoë")
    raw_plain = eml.write_eml(plain, tmp_path / "a.eml").read_bytes()
    raw = eml.write_eml(accented, tmp_path / "b.eml").read_bytes()
    assert raw_plain.isascii()  # an ordinary address: encoded words, 7-bit headers as before
    head = raw.split(b"\r\n\r\n", 1)[0].decode("utf-8")
    assert "zoë@x.be" in head and "=?utf-8?q?zo" not in head.lower()
    msg = email.message_from_string(raw.decode("utf-8"), policy=email.policy.default)  # RFC 6532: UTF-8 text
    assert msg["To"].addresses[0].addr_spec == "zoë@x.be"
    assert msg["X-Unsent"] == "1" and msg["Subject"] == "Één"
