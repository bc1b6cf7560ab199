"""Counts, shares, amounts and dates in the window, as the user's language writes them.

One place for the window's number formats; the formats themselves come from `clustermanager.formatting`
(the same the reports and invoices use), so a screen, an invoice and a report never disagree.
"""

from __future__ import annotations

from decimal import Decimal

from clustermanager.formatting import (
    format_date,
    format_money,
    format_number,
    format_percent,
    format_vat_rate,
)


def count(n: int) -> str:
    return format_number(n)


def share(fraction) -> str:
    return format_percent(Decimal(str(fraction)) if isinstance(fraction, float) else fraction)


def vat_rate(rate_percent) -> str:
    """A VAT rate given in percent: 21 -> 21%, 5.5 -> 5,5% (French 5,5 %)."""
    return format_vat_rate(rate_percent)


def money(amount) -> str:
    """An amount with its currency (12.345,67 EUR in Dutch and French, 12,345.67 EUR in English)."""
    return "" if amount is None else format_money(amount)


def amount(value) -> str:
    """An amount for a field the user may edit (no currency); validation.money reads it back exactly."""
    return "" if value is None else format_number(value, decimals=2)


def day(value) -> str:
    """A date as every screen shows it (05/03/2026); empty for none."""
    return "" if value is None else format_date(value)
