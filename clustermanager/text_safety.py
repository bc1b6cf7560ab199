"""Characters that must not reach the database, a workbook or a terminal as they are.

A control character (escape, form feed, backspace...) in a name typed or read from a file stops a
workbook writer (Excel's XML cannot hold it) and, printed in a terminal, can move the cursor or
rewrite earlier output. A right-to-left override (U+202E) makes text read backwards on screen, so a
file name or an amount can look like something else. Tab and line breaks are ordinary text.

At the door (`validation.clean_text`) such characters are refused with the field and position;
bank statements, which a person cannot correct, have them replaced by a space (`strip_controls`).
Writers make whatever is already stored safe (`for_cell`, `for_terminal`).
"""

from __future__ import annotations

import re

# C0 controls except tab, line feed and carriage return; DEL; the C1 controls.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): invisible, and they
# reorder what follows on screen. Right-to-left names (Arabic, Hebrew) need none of them.
_BIDI = "\u202a-\u202e\u2066-\u2069"
UNSAFE = re.compile(f"[{_CONTROL}{_BIDI}]")
# What Excel's XML cannot hold at all (openpyxl's ILLEGAL_CHARACTERS_RE), plus the bidi controls.
_CELL_UNSAFE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_BIDI}]")


def first_unsafe(text: str) -> tuple[int, str] | None:
    """(1-based position, 'U+001B') of the first unsafe character, or None."""
    match = UNSAFE.search(text)
    if match is None:
        return None
    return match.start() + 1, f"U+{ord(match.group()):04X}"


def strip_controls(text: str | None) -> str | None:
    """Each unsafe character replaced by a space (for text nobody can correct, such as a bank's)."""
    if text is None:
        return None
    return UNSAFE.sub(" ", text)


def for_cell(value):
    """Text a workbook can hold: characters XML forbids and bidi controls become U+FFFD; others unchanged."""
    if isinstance(value, str) and _CELL_UNSAFE.search(value):
        return _CELL_UNSAFE.sub("\ufffd", value)
    return value


def for_terminal(text: str) -> str:
    """Text safe to print: control and bidi characters shown as visible escapes (`\\u001b`, `\\u202e`,
    also valid inside a JSON string); tab and line breaks kept."""
    return UNSAFE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"
