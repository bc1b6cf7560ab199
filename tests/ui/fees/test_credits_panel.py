"""Unapplied credits in the window: on the Fees screen and on the member's Fees tab, applied to another
call or marked as refunded; manual matching asks before it pays a call more than it asks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clustermanager.services import credits, fees, payments
from clustermanager.ui.common import dialogs
from clustermanager.ui.fees import credits_panel


def _wait(window):
    assert window.ctx.tasks.wait_idle()
    assert window.ctx.tasks.wait_idle()  # the refresh the change triggered


@pytest.fixture
def member_with_credit(window):
    """A member who paid a 2025 call twice and still has another open call."""
    with window.ctx.db.session() as session:
        rows = fees.list_calls(session)
        by_member: dict[int, list] = {}
        for r in rows:
            if r.outstanding > 0:
                by_member.setdefault(r.member_id, []).append(r)
        member_id, open_calls = next((m, c) for m, c in by_member.items() if len(c) >= 2)
        first = open_calls[0]
        payments.record_payment(session, first.id, first.outstanding + Decimal("100.00"), dt.date(2025, 4, 2),
                                allow_overpayment=True)
    return member_id, first, open_calls[1]


def test_fees_screen_lists_the_credit_and_applies_it(window, member_with_credit, monkeypatch):
    member_id, paid_call, other = member_with_credit
    screen = window.show_screen("fees")
    assert window.ctx.tasks.wait_idle()
    panel = screen.credits
    row = next(i for i, c in enumerate(panel.rows) if c.member_id == member_id)
    assert panel.rows[row].amount == Decimal("100.00")
    assert "Credits (" in screen.tabs.tabText(screen.tabs.indexOf(panel))
    assert panel.table.item(row, 1).text() == "100.00 EUR"  # the window in English
    assert not panel.apply_button.isEnabled()
    panel.table.selectRow(row)
    offered = []
    monkeypatch.setattr(credits_panel, "choose_call", lambda parent, credit, calls: offered.extend(calls) or other.id)
    panel.apply_selected()
    _wait(window)
    assert paid_call.id not in {c.id for c in offered}  # a paid call is not offered
    with window.ctx.db.session() as session:
        assert credits.list_credits(session, member_id=member_id) == []
        assert fees.get_call(session, other.id).paid == min(Decimal("100.00"), other.outstanding) + other.paid
    assert all(c.member_id != member_id for c in panel.rows)


def test_member_tab_shows_the_credit_and_marks_it_refunded(window, qtbot, member_with_credit, monkeypatch):
    from clustermanager.ui.fees.member_tab import MemberFeesTab

    member_id, _paid, _other = member_with_credit
    tab = MemberFeesTab(window.ctx, member_id)
    qtbot.addWidget(tab)
    assert window.ctx.tasks.wait_idle()
    panel = tab.credits
    assert len(panel.rows) == 1 and "1 unapplied credits" in panel.info.text()
    assert panel.table.isColumnHidden(0)  # the member's own tab: no member column
    panel.table.selectRow(0)
    monkeypatch.setattr(dialogs, "ask_date", lambda *args: dt.date(2025, 5, 1))
    panel.refund_selected()
    _wait(window)
    with window.ctx.db.session() as session:
        closed = credits.list_credits(session, member_id=member_id, include_closed=True)
    assert [c.refunded_on for c in closed] == [dt.date(2025, 5, 1)]
    assert panel.rows == [] and "No unapplied credit" in panel.info.text()


def test_manual_matching_asks_before_it_overpays(window, monkeypatch):
    from clustermanager.models import Payment, PaymentSource

    with window.ctx.db.session() as session:
        call = next(r for r in fees.list_calls(session) if r.outstanding > 0)
        session.add(Payment(paid_on=dt.date(2025, 3, 3), amount=call.outstanding + Decimal("50.00"),
                            source=PaymentSource.MANUAL, counterparty_name="OVERPAYER BV"))
    screen = window.show_screen("fees")
    assert window.ctx.tasks.wait_idle()
    panel = screen.matching
    row = next(i for i, p in enumerate(panel.rows) if p.counterparty_name == "OVERPAYER BV")
    panel.table.selectRow(row)
    assert window.ctx.tasks.wait_idle()  # the suggestions
    panel.calls.setCurrentIndex(panel.calls.findData(call.id)) if panel.calls.findData(call.id) >= 0 else None
    if panel.calls.currentData() != call.id:  # not among the likely ones: offer it as the user would pick it
        panel.suggestions[call.id] = call
        panel.calls.addItem(call.number, call.id)
        panel.calls.setCurrentIndex(panel.calls.count() - 1)
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: asked.append(args[2]) or False)
    panel.match_selected()
    assert window.ctx.tasks.wait_idle()
    assert asked and "becomes an unapplied credit" in asked[0] and "50.00 EUR" in asked[0]
    with window.ctx.db.session() as session:
        assert fees.get_call(session, call.id).paid == call.paid  # declined: nothing matched

    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    panel.match_selected()
    _wait(window)
    with window.ctx.db.session() as session:
        assert fees.get_call(session, call.id).outstanding == 0
        assert [c.amount for c in credits.list_credits(session, member_id=call.member_id)] == [Decimal("50.00")]


def test_recording_more_than_a_call_asks_keeps_the_rest_as_credit(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from clustermanager.ui.fees import dialogs as fee_dialogs

    with window.ctx.db.session() as session:
        call = next(r for r in fees.list_calls(session) if r.outstanding > 0)
    monkeypatch.setattr(fee_dialogs.PaymentDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(fee_dialogs.PaymentDialog, "values",
                        lambda self: (call.outstanding + Decimal("30.00"), dt.date(2025, 5, 5), None))
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: asked.append(args[2]) or False)
    assert not fee_dialogs.record_payment_for(None, window.ctx, call)  # declined: nothing recorded
    assert asked and "30.00 EUR" in asked[0]
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    assert fee_dialogs.record_payment_for(None, window.ctx, call)
    _wait(window)
    with window.ctx.db.session() as session:
        assert fees.get_call(session, call.id).outstanding == 0
        assert [c.amount for c in credits.list_credits(session, member_id=call.member_id)] == [Decimal("30.00")]
