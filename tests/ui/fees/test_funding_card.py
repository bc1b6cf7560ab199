"""The self-funding card on the dashboard: share reached vs required, and a red warning with the amount missing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor

from clustermanager.services import fees, payments
from clustermanager.services.dashboard import WARNING
from clustermanager.services.self_funding_verdict import self_funding_card
from clustermanager.ui.shell import registry
from clustermanager.ui.shell.style import STYLE_SHEET
from tests.helpers import feeworld

TODAY = dt.date(2025, 11, 15)


def _world(db) -> tuple[dict[int, int], dict[str, int]]:
    """Budget 10,000 of which the members must raise 5,000; calls issued, nothing paid yet: (calls, members)."""
    with db.session() as s:
        ids = feeworld.build(s)
        calls = fees.generate_calls(s, 2025, issued_on=dt.date(2025, 2, 1)).created
        return {c.member_id: c.id for c in calls}, ids


def test_the_card_is_registered():
    assert "clustermanager.services.self_funding_verdict:self_funding_card" in [c.target for c in registry.dashboard_cards()]


def test_a_year_short_of_its_share_is_a_warning_with_the_amount_missing(db):
    calls, ids = _world(db)
    with db.session() as s:
        payments.record_payment(s, calls[ids["acme"]], "1210", dt.date(2025, 3, 1))  # 1,000 excl. VAT
        value, note, tone = self_funding_card(s, today=TODAY)
    assert value == "10.0% / 50.0%"
    assert tone == WARNING and "2025 falls short by 4,000.00 EUR" in note


def test_a_year_that_reached_its_share_is_no_warning(db):
    calls, ids = _world(db)
    with db.session() as s:
        for key, amount in (("acme", "1210"), ("big", "3630"), ("city", "500"), ("late", "1210")):
            payments.record_payment(s, calls[ids[key]], amount, dt.date(2025, 10, 1))
        value, note, tone = self_funding_card(s, today=TODAY)
    assert tone is None and value.endswith("/ 50.0%") and "2025" in note


def test_no_budget_this_year_says_where_to_set_it(db):
    _world(db)
    with db.session() as s:
        assert self_funding_card(s, today=dt.date(2027, 1, 5)) == ("–", "2025 falls short by 5,000.00 EUR.", WARNING)
        assert "No budget set for 2024" in self_funding_card(s, today=dt.date(2024, 6, 1))[1]


def _background(widget) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() - 6, image.height() // 2)  # inside the border, beside the text


def test_the_dashboard_shows_the_warning_in_red(qtbot, db, shown_messages):
    from clustermanager.ui.app import create_main_window

    _world(db)  # nothing paid in 2025: whatever today is, 2025 falls short
    win = create_main_window(db)
    qtbot.addWidget(win)
    win.setStyleSheet(STYLE_SHEET)
    win.show()
    dashboard = win.show_screen("dashboard")
    assert win.ctx.tasks.wait_idle()
    card = dashboard.extra[[c.target for c in registry.dashboard_cards()].index(
        "clustermanager.services.self_funding_verdict:self_funding_card")]
    assert "2025 falls short by 5,000.00 EUR" in card.note.text()
    assert card.property("tone") == WARNING
    red = _background(card)
    assert red.red() > red.green() + 5 and red.red() > red.blue() + 5  # tinted red, not the white card
    card.set("1", "fine")  # the same card without the warning is white again
    normal = _background(card)
    assert normal.red() == normal.green() == normal.blue()
    assert shown_messages == []
    win.close()
