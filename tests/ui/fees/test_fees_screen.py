"""The Fees screen driven like a user: generate calls, record a payment, import a statement, match by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QDialog

from clustermanager.services import fees
from clustermanager.services import members as msvc
from clustermanager.ui.common import dialogs
from clustermanager.ui.fees import dialogs as fee_dialogs

DATA = Path(__file__).parents[2] / "data" / "bank"


@pytest.fixture
def fees_screen(window):
    screen = window.show_screen("fees")
    assert window.ctx.tasks.wait_idle()
    return screen


def _select_call(screen, call_id: int) -> None:
    for row in range(screen.proxy.rowCount()):
        if screen.proxy.row_at(row).id == call_id:
            screen.table.selectionModel().select(
                screen.proxy.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            return
    raise AssertionError(f"fee call {call_id} not shown")


def _wait(window, screen):
    assert window.ctx.tasks.wait_idle()
    assert window.ctx.tasks.wait_idle()  # the refresh the change triggered


def test_shows_the_latest_year_with_totals_and_filters(fees_screen, window):
    snap = fees_screen.snapshot
    assert snap.year == 2025 and fees_screen.model.rowCount() == snap.totals.calls > 0
    fees_screen.status_filter.setCurrentIndex(fees_screen.status_filter.findData(fees.CallStatus.PAID))
    shown = [fees_screen.proxy.row_at(r) for r in range(fees_screen.proxy.rowCount())]
    assert shown and all(r.status is fees.CallStatus.PAID for r in shown)
    assert "received" in fees_screen.totals.text()
    assert fees_screen.funding.warning.text()  # the self-funding verdict is always spelled out


def test_generate_calls_then_record_a_payment(fees_screen, window, monkeypatch):
    with window.ctx.db.session() as session:
        member = msvc.create_member(session, msvc.MemberInput(name="Newcomer BV", kind="company", size_class="micro",
                                                             joined_on=dt.date(2025, 6, 1)))
    before = fees_screen.model.rowCount()
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    fees_screen.generate_button.click()
    _wait(window, fees_screen)
    assert fees_screen.model.rowCount() == before + 1
    assert "1 fee calls created" in fees_screen.message.text()
    new = next(r for r in fees_screen.model.rows if r.member_id == member.id)

    _select_call(fees_screen, new.id)
    monkeypatch.setattr(fee_dialogs.PaymentDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    fees_screen.pay_button.click()
    _wait(window, fees_screen)
    paid = next(r for r in fees_screen.model.rows if r.id == new.id)
    assert paid.status is fees.CallStatus.PAID and paid.paid == new.total


def test_import_statement_matches_and_leaves_the_rest_to_match_by_hand(fees_screen, window, monkeypatch, tmp_path):
    target = next(r for r in fees_screen.model.rows if r.outstanding > 0)
    statement = (DATA / "statement.xml").read_text(encoding="utf-8")
    statement = statement.replace("250000000186", target.structured_communication).replace(
        '<Amt Ccy="EUR">1210.00</Amt>', f'<Amt Ccy="EUR">{target.outstanding}</Amt>')
    path = tmp_path / "march.xml"
    path.write_text(statement, encoding="utf-8")
    unmatched_before = len(fees_screen.snapshot.unmatched)
    monkeypatch.setattr(fee_dialogs, "choose_statement", lambda parent: str(path))
    fees_screen.import_button.click()
    _wait(window, fees_screen)
    result = fees_screen.last_import
    assert result.recorded == 3 and result.matched >= 1
    assert next(r for r in fees_screen.model.rows if r.id == target.id).status is fees.CallStatus.PAID
    assert fees_screen.tabs.currentWidget() is fees_screen.matching
    assert len(fees_screen.matching.rows) == unmatched_before + result.unmatched

    # match Foo BV's 250.00 by hand to the first suggestion
    panel = fees_screen.matching
    row = next(i for i, p in enumerate(panel.rows) if p.counterparty_name == "FOO BV")
    panel.table.selectRow(row)
    assert window.ctx.tasks.wait_idle()  # the suggestions are read on the task runner
    assert panel.calls.count() > 0
    call_id = panel.calls.currentData()
    panel.match_button.click()
    _wait(window, fees_screen)
    assert all(p.counterparty_name != "FOO BV" for p in fees_screen.matching.rows)
    with window.ctx.db.session() as session:
        assert fees.get_call(session, call_id).paid >= Decimal("250.00")


def test_malformed_statement_is_one_clear_error(fees_screen, window, monkeypatch, shown_messages):
    monkeypatch.setattr(fee_dialogs, "choose_statement", lambda parent: str(DATA / "bad_amount.cod"))
    fees_screen.import_button.click()
    _wait(window, fees_screen)
    assert len(shown_messages) == 1 and "line 6" in shown_messages[0][1]


def test_member_detail_has_a_fees_tab(window, qtbot):
    from clustermanager.ui.fees.member_tab import MemberFeesTab

    with window.ctx.db.session() as session:
        member_id = fees.list_calls(session, year=2025)[0].member_id
    tab = MemberFeesTab(window.ctx, member_id)
    qtbot.addWidget(tab)
    assert window.ctx.tasks.wait_idle()  # read on the task runner
    assert tab.model.rowCount() >= 1 and "fee calls" in tab.summary.text()


def test_in_kind_contribution_shows_apart_in_the_self_funding_panel(fees_screen, window, monkeypatch):
    panel = fees_screen.funding
    before = panel.in_kind.rowCount()

    def fill(dialog):
        dialog.description.setText("Venue for the summer event")
        dialog.value.setText("800")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(fee_dialogs.InKindDialog, "exec", fill)
    panel.add_button.click()
    _wait(window, fees_screen)
    assert panel.in_kind.rowCount() == before + 1
    assert "cash only" in panel.notes["own"].text()  # in kind is not counted by default


def test_tools_menu_imports_a_statement(window, monkeypatch):
    monkeypatch.setattr(fee_dialogs, "choose_statement", lambda parent: str(DATA / "statement.cod"))
    action = next(a for a in window.menuBar().findChildren(type(window.menuBar().actions()[0]))
                  if a.text() == "Import bank statement…")
    action.trigger()
    assert window.ctx.tasks.wait_idle() and window.ctx.tasks.wait_idle()
    screen = window.screen("fees")
    assert window.current_key() == "fees" and screen.last_import.recorded == 3


def test_budget_set_in_the_panel_drives_the_verdict(fees_screen, window, monkeypatch):
    panel = fees_screen.funding

    def fill(dialog):
        dialog.budget.setText("10000000")  # far more than the demo's members pay: the year falls short
        dialog.subsidy.setText("5000000")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(fee_dialogs.BudgetDialog, "exec", fill)
    panel.budget_button.click()
    _wait(window, fees_screen)
    assert fees_screen.snapshot.funding.budget == Decimal("10000000.00")
    assert "falls short by" in panel.warning.text() and not fees_screen.snapshot.funding.met


def test_record_payment_without_a_selection_says_what_to_do(fees_screen, shown_messages):
    fees_screen.table.clearSelection()
    fees_screen.pay_button.click()
    assert shown_messages and "Select the fee call" in shown_messages[-1][1]


def test_the_status_bar_counts_calls_only_on_the_tab_that_lists_them(fees_screen, window):
    assert "fee calls shown" in window.screen_status.text()
    fees_screen.tabs.setCurrentIndex(1)  # the fee schedule
    assert window.screen_status.text() == ""
    fees_screen.tabs.setCurrentIndex(0)
    assert "fee calls shown" in window.screen_status.text()
