"""Counts, shares and VAT rates follow the user's language."""

from __future__ import annotations

from decimal import Decimal

import pytest

from clustermanager import i18n
from clustermanager.services.fee_schedule import ScheduleEntry
from clustermanager.ui.common.numbers import count, share
from clustermanager.ui.fees.schedule_panel import SchedulePanel


@pytest.fixture
def language():
    before = i18n.current_language()
    yield i18n.set_language
    i18n.set_language(before)


def test_dutch_and_french_separators(language):
    language("nl")
    assert (count(110000), share(0.76)) == ("110.000", "76%")
    language("fr")
    assert count(110000) == "110.000"  # the app writes Dutch and French numbers alike (1.234,56)
    language("en")
    assert count(110000) == "110,000"


def test_the_fee_schedule_shows_vat_rates_as_the_language_writes_them(language, qtbot):
    """5.5 % in Dutch is `5,5%`, in French `5,5 %` (no-break space); a whole rate has no decimals."""
    language("nl")
    panel = SchedulePanel(ctx=None)
    qtbot.addWidget(panel)
    entries = [ScheduleEntry(2026, "small", Decimal("100.00"), Decimal("5.50"), None),
               ScheduleEntry(2026, "large", Decimal("900.00"), Decimal("21.00"), None)]
    panel.show_schedule(2026, entries)
    assert [panel.table.item(r, 2).text() for r in range(2)] == ["5,5%", "21%"]
    language("fr")
    panel.show_schedule(2026, entries)
    assert panel.table.item(0, 2).text() == "5,5\u00a0%"
