"""The member form keeps and edits where the member's e-invoices go (Peppol ID, opt-out)."""

from __future__ import annotations

import datetime as dt

from clustermanager.services import invoicing
from clustermanager.services import members as msvc
from clustermanager.ui.members.detail import MemberForm


def test_peppol_id_and_opt_out_round_trip(qtbot, session):
    detail = msvc.create_member(session, msvc.MemberInput(
        name="Acme NV", kind="company", enterprise_number="0404.616.494", joined_on=dt.date(2020, 1, 1),
        peppol_id="9925:BE0404616494"))
    form = MemberForm()
    qtbot.addWidget(form)
    form.load(detail)
    assert form.peppol_id.text() == "9925:BE0404616494"
    saved = msvc.update_member(session, detail.id, form.input())  # an unrelated save keeps it
    assert saved.peppol_id == "9925:BE0404616494" and not saved.einvoice_opt_out
    form.einvoice_opt_out.setChecked(True)
    assert not form.peppol_id.isEnabled()
    saved = msvc.update_member(session, detail.id, form.input())
    assert saved.einvoice_opt_out and invoicing.einvoice_address(saved) is None
    form.peppol_id.setText("nonsense")
    assert not form.checks.validate_all()


def test_an_empty_peppol_id_shows_the_address_it_defaults_to(qtbot):
    form = MemberForm()
    qtbot.addWidget(form)
    form.enterprise_number.setText("0404.616.494")
    assert "0208:0404616494" in form.peppol_id.placeholderText()
    form.enterprise_number.setText("0404.616.49")  # not a valid number yet: the rule, not a wrong address
    assert "0208:" not in form.peppol_id.placeholderText() and "0208" in form.peppol_id.placeholderText()
