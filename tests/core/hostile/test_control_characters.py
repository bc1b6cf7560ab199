"""A control character or a right-to-left override stops nothing and leaks nobody (issue 16, point 1)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from clustermanager import logging_setup
from clustermanager.cli import main as cli
from clustermanager.errors import FileFormatError, ValidationError
from clustermanager.io.registrations import read_registrations
from clustermanager.services import members as svc
from clustermanager.text_safety import for_terminal

ESCAPED_NAME = "Jan\x1b[31m Peeters\x0c BV"


def test_a_control_character_is_refused_at_the_door_naming_field_and_position(db):
    with db.session() as s, pytest.raises(ValidationError) as caught:
        svc.create_member(s, svc.MemberInput(name=ESCAPED_NAME, kind="company", joined_on=dt.date(2020, 1, 1)))
    assert caught.value.problems[0].field == "name"
    assert "U+001B" in str(caught.value) and "position 4" in str(caught.value)
    with db.session() as s, pytest.raises(ValidationError, match=r"U\+202E"):
        svc.create_member(s, svc.MemberInput(name="Evil \u202egnp.exe", kind="company", joined_on=dt.date(2020, 1, 1)))


def test_tab_newline_and_right_to_left_script_are_ordinary_text(db):
    with db.session() as s:
        m = svc.create_member(s, svc.MemberInput(name="شركة المثال", kind="company", joined_on=dt.date(2020, 1, 1),
                                                 notes="line one\nline\ttwo"))
    assert m.name == "شركة المثال"


def test_a_registration_list_with_a_form_feed_names_the_row(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Name;E-mail\nAnn Smith;ann@example.org\nBob\x0cJones;bob@example.org\n", encoding="utf-8")
    with pytest.raises(FileFormatError) as caught:
        read_registrations(path)
    assert caught.value.row == 3 and "U+000C" in str(caught.value)


def _store_behind_the_door(db, name: str) -> None:
    """A name stored by an older version (before the door refused it)."""
    with db.session() as s:
        m = svc.create_member(s, svc.MemberInput(name="Placeholder NV", kind="company", joined_on=dt.date(2020, 1, 1)))
        svc.add_contact(s, m.id, svc.ContactInput(first_name="Ann", last_name="Peeters", email="ann@example.org"))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE member SET name = :n"), {"n": name})
        conn.execute(text("UPDATE contact SET last_name = :n"), {"n": "Pee\x1bters\u202e"})


def test_every_writer_copes_with_what_is_already_stored(db, tmp_path, capsys):
    _store_behind_the_door(db, ESCAPED_NAME)
    base = ["--db", str(db.path)]
    out = tmp_path / "exchange.xlsx"
    assert cli([*base, "export", "workbook", str(out)]) == 0, capsys.readouterr().err
    with zipfile.ZipFile(out) as zf:
        assert not any(b"\x1b" in zf.read(n) for n in zf.namelist())
    cells = {c for ws in load_workbook(out, read_only=True) for row in ws.iter_rows(values_only=True) for c in row}
    assert "Jan\ufffd[31m Peeters\ufffd BV" in cells
    assert cli([*base, "report", "--period", "2025", "--xlsx", str(tmp_path / "report.xlsx")]) == 0, \
        capsys.readouterr().err
    assert cli([*base, "privacy", "export", "1", "--out", str(tmp_path / "person.xlsx")]) == 0, \
        capsys.readouterr().err
    capsys.readouterr()
    assert cli([*base, "members", "list"]) == 0
    shown = capsys.readouterr().out
    assert "\x1b" not in shown and "\x0c" not in shown and "\\u001b" in shown
    assert cli([*base, "--json", "members", "list"]) == 0
    shown = capsys.readouterr().out
    assert "\x1b" not in shown and "\u202e" not in shown


def test_for_terminal_shows_overrides_and_escapes_visibly():
    assert for_terminal("a\u202eb\x1bc\td\ne\x9b") == "a\\u202eb\\u001bc\td\ne\\u009b"


PERSON = "".join(["Pee", "ters"])  # not spelled out: the traceback quotes this file's source lines


def test_the_log_never_records_an_exception_message(tmp_path):
    try:
        try:
            raise KeyError(f"ann.{PERSON}@example.org")
        except KeyError as inner:
            raise ValueError(f"Jan {PERSON} cannot be used in worksheets.") from inner
    except ValueError as exc:
        log = logging_setup.log_bug(exc, "test")
    content = Path(log).read_text(encoding="utf-8")
    assert "ValueError" in content and "KeyError" in content and "test_control_characters.py" in content
    assert PERSON not in content
