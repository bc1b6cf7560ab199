"""Counts and shares follow the user's language."""

from __future__ import annotations

import pytest

from clustermanager import i18n
from clustermanager.ui.common.numbers import count, share


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
