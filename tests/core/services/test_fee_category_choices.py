"""The fee categories a member form offers: the schedule's, by name, the member's own kept."""

from __future__ import annotations

from decimal import Decimal

from clustermanager.services import fees
from clustermanager.services.fee_category_choices import fee_category_choices


def test_the_choices_are_the_schedules_categories_by_name(session):
    fees.set_fee(session, 2024, "small", Decimal("500"))
    fees.set_fee(session, 2025, "large", Decimal("2000"))
    fees.set_fee(session, 2025, "micro", Decimal("250"))
    fees.set_fee(session, 2025, "Startup", Decimal("100"))  # a cluster's own category
    choices = fee_category_choices(session)
    assert [(c.code, c.label) for c in choices] == [
        ("micro", "Micro company"), ("large", "Large company"), ("startup", "startup"), ("small", "Small company")]
    kept = fee_category_choices(session, current="patron")  # no schedule has it (any more)
    assert kept[-1].code == "patron" and "not in the fee schedule" in kept[-1].label
