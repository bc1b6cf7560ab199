"""Counts and shares as the user's language writes them (110.000 in Dutch, 110 000 in French)."""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent

from clustermanager.i18n import current_language

_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}


def _locale() -> str:
    return _LOCALES.get(current_language(), "en_GB")


def count(n: int) -> str:
    return format_decimal(n, locale=_locale())


def share(fraction: float) -> str:
    return format_percent(fraction, locale=_locale())


def money(amount) -> str:
    """Every amount in the window as the progress report writes it (€ 12.345,67), so screens agree."""
    from clustermanager.reports.summary import format_money

    return "" if amount is None else format_money(amount)


def amount(value) -> str:
    """An amount for a field the user may edit (12.345,67, no currency sign); validation.money reads it back."""
    return "" if value is None else money(value).removeprefix("€").strip()
