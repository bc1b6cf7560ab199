"""The e-mailed invoice (a legal notice with its PDF and e-invoice), saved selections edited from the
command line, and the mailings a person received in their GDPR export."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import email.policy
import json
from decimal import Decimal

import openpyxl
import pytest

from clustermanager.cli import main as cli
from clustermanager.errors import UserError
from clustermanager.reports.mailings import write_mailing
from clustermanager.services import cluster, fees, mailing_log, members, privacy, selections
from clustermanager.services.mailings import invoice_plan, plan_mailing
from clustermanager.services.selection_criteria import Criteria
from tests.core.mailings.test_mailings import TODAY, world  # noqa: F401 (the fixture)


def _calls(s):
    profile = cluster.get_profile(s)
    cluster.save_profile(s, dataclasses.replace(profile, vat_registered=False))  # no VAT number needed
    fees.set_fee(s, 2026, "knowledge", Decimal("500"), Decimal("0"))
    fees.set_fee(s, 2026, "small", Decimal("300"), Decimal("0"))
    fees.generate_calls(s, 2026, issued_on=dt.date(2026, 1, 10), due_on=dt.date(2026, 2, 10))
    return {c.member_id: c for c in fees.list_calls(s, year=2026)}


def test_invoice_draft_goes_to_the_main_contact_without_consent_with_the_pdf(db, world, tmp_path):  # noqa: F811
    with db.session() as s:
        calls = _calls(s)
        acme = calls[world["members"][1]]
        plan = invoice_plan(s, acme.id, today=TODAY, default_language="nl")
        result = write_mailing(s, plan, tmp_path / "inv")
        [entry] = mailing_log.member_mailings(s, world["members"][1])
    [path] = result.files
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == "jan@acme.be"  # the main contact, though without consent
    assert message["X-ClusterManager-Legal-Notice"]
    assert acme.number in message["Subject"]
    attachments = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    pdfs = [name for name in attachments if name.endswith(".pdf")]
    assert len(pdfs) == 1 and attachments[pdfs[0]][:5] == b"%PDF-"
    assert entry.template == "fee-call" and entry.without_consent and entry.contact_name == "Jan Peeters"


def test_reminder_draft_carries_the_reminder_letter(db, world, tmp_path):  # noqa: F811
    with db.session() as s:
        calls = _calls(s)
        sgh = calls[world["members"][0]]
        plan = plan_mailing(s, template="reminder", criteria=Criteria(), today=TODAY)
        assert [d.call.id for d in plan.drafts] == [sgh.id]  # overdue, with consent
        result = write_mailing(s, plan, tmp_path / "rem")
    message = email.message_from_bytes(result.files[0].read_bytes(), policy=email.policy.default)
    [name] = [p.get_filename() for p in message.iter_attachments()]
    assert name.startswith("reminder-") and name.endswith(".pdf")


def test_invoice_draft_needs_a_contact_with_an_address(db, world):  # noqa: F811
    with db.session() as s:
        m = members.create_member(s, members.MemberInput(name="Stil BV", kind="company", size_class="micro",
                                                         joined_on=dt.date(2020, 1, 1))).id
        members.add_contact(s, m, members.ContactInput(first_name="Piet", last_name="Zonder"))
        fees.set_fee(s, 2026, "micro", Decimal("100"), Decimal("0"))
        call = {c.member_id: c for c in _calls(s).values()}.get(m)
        with pytest.raises(UserError, match="Stil BV has no contact with an e-mail address"):
            invoice_plan(s, call.id, today=TODAY)


def test_selections_edited_from_the_command_line(db, capsys):
    args = ["--db", str(db.path)]
    assert cli([*args, "selections", "create", "Flemish SMEs", "--kind", "company", "--size", "micro,small",
                "--language", "nl", "--description", "for the SME day"]) == 0
    assert cli([*args, "selections", "update", "flemish smes", "--main-contact-only", "--province", "Limburg"]) == 0
    with db.session() as s:
        sel = selections.get_selection(s, "Flemish SMEs")
    assert sel.criteria == Criteria(kinds=("company",), sizes=("micro", "small"), languages=("nl",),
                                    main_contact_only=True, provinces=("Limburg",))
    assert sel.description == "for the SME day"
    assert cli([*args, "selections", "update", "Flemish SMEs", "--clear", "--role", "CEO"]) == 0
    assert cli([*args, "selections", "rename", "Flemish SMEs", "CEOs"]) == 0
    capsys.readouterr()
    assert cli([*args, "--json", "selections", "show", "CEOs"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["criteria_values"] == {"roles": ["CEO"]}
    assert cli([*args, "selections", "create", "Copy", "--criteria", json.dumps(shown["criteria_values"])]) == 0
    assert cli([*args, "selections", "create", "Bad", "--fee-status", "overdue"]) == 2
    assert "Fee year" in capsys.readouterr().err
    assert cli([*args, "selections", "create", "copy"]) == 2  # the name is taken (any case)
    assert cli([*args, "selections", "delete", "CEOs"]) == 0
    with db.session() as s:
        assert [x.name for x in selections.list_selections(s)] == ["Copy"]


def test_the_person_export_lists_the_mailings_they_received(db, world, tmp_path):  # noqa: F811
    with db.session() as s:
        plan = plan_mailing(s, template="invitation", criteria=Criteria(), activity_id=world["activity"],
                            today=TODAY)
        write_mailing(s, plan, tmp_path / "d")
        export = privacy.export_person(s, world["contacts"][0])
    [m] = export.mailings
    assert m.template == "invitation" and "Waterstof" in m.subject and not m.without_consent
    data = json.loads(privacy.write_export(export, tmp_path / "p.json").read_text(encoding="utf-8"))
    assert data["mailings"][0]["template"] == "invitation"
    assert "Waterstof" in privacy.write_export(export, tmp_path / "p.txt").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(privacy.write_export(export, tmp_path / "p.xlsx"))
    assert book["Mailings"].max_row == 2 and "Waterstof" in book["Mailings"]["C2"].value
