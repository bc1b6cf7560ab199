"""The member's fee category is chosen from the fee schedule's categories, by name, never typed as a code."""

from __future__ import annotations

import datetime as dt

from clustermanager.services import fees
from clustermanager.services import members as service


def _member_dialog(window, member_id):
    members = window.show_screen("members")
    assert window.ctx.tasks.wait_idle()
    dialog = members.open_member(member_id)
    assert window.ctx.tasks.wait_idle()
    return dialog


def test_the_member_form_offers_names_and_saves_the_chosen_code(window):
    with window.ctx.db.session() as s:
        member = service.create_member(s, service.MemberInput(name="Acme NV", kind="company", size_class="small",
                                                              joined_on=dt.date(2020, 1, 1)))
        schedule = {e.category for e in fees.get_schedule(s, 2025)}
    dialog = _member_dialog(window, member.id)
    combo = dialog.form.fee_category
    texts = [combo.itemText(i) for i in range(combo.count())]
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert combo.currentData() is None and texts[0] == "By kind and size (Small company)"
    assert set(codes[1:]) == schedule and "small" not in texts and "Large company" in texts
    combo.setCurrentIndex(combo.findData("large"))
    dialog.save()
    assert window.ctx.tasks.wait_idle()
    with window.ctx.db.session() as s:
        assert service.get_member(s, member.id).fee_category == "large"
    again = _member_dialog(window, member.id)
    assert again.form.fee_category.currentText() == "Large company"
    again.form.size_class.setCurrentIndex(again.form.size_class.findData("micro"))
    assert again.form.fee_category.itemText(0) == "By kind and size (Micro company)"
    assert again.form.fee_category.currentData() == "large"  # the own choice stays
    again.reject()


def test_the_header_names_the_open_member(window):
    members = window.show_screen("members")
    assert window.ctx.tasks.wait_idle()
    row = members.model.rows[0]
    dialog = _member_dialog(window, row.id)
    assert dialog.header.title.text() == row.name == dialog.windowTitle()
    assert "member since" in dialog.header.subtitle.text()
    dialog.reject()
    new = _member_dialog(window, None)
    assert new.header.title.text() == "New member"
    new.reject()
