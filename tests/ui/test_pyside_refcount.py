"""Guard against PySide6 builds that return None without a reference (6.12.0 on Python 3.11).

Every void call then takes one reference from None; after some 40,000 calls (a minute of use)
Python aborts with "deallocating None". Python 3.12+ never frees None, so it only bites on 3.11.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_calls_keep_none_alive():
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        obj.setObjectName("probe")
    assert sys.getrefcount(None) - before > -100  # a few may move elsewhere; never one per call
