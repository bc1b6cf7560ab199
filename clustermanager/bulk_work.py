"""Helpers for work on many rows at once."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def no_cyclic_gc():
    """Pause Python's cyclic garbage collector while tens of thousands of new objects that hold no
    cycles are made (a sheet's rows, an import's plan): it would rescan the growing heap over and over,
    a fifth of the work. The window already runs without automatic collection (ui/shell/garbage.py);
    there this changes nothing. Collection resumes as it was afterwards."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
