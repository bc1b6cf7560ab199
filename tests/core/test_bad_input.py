"""Bad input at every entry point: a clear message naming the field, and nothing changed.

The entry points and values live in tests/helpers/bad_input.py (extend ENTRY_POINTS there).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clustermanager.errors import UserError
from clustermanager.services import members as svc
from tests.helpers.bad_input import (
    BAD_FILES,
    BAD_VALUES,
    ENTRY_POINTS,
    FILE_ENTRY_POINTS,
    GOOD_NAMES,
    MUST_REFUSE,
    SERVER_BAD_VALUES,
    Probe,
)
from tests.helpers.fingerprint import fingerprint, quick_fingerprint

pytestmark = pytest.mark.postgres
BY_NAME = {e.name: e for e in ENTRY_POINTS}


@pytest.fixture
def seeded(db):
    with db.session() as s:
        m = svc.create_member(s, svc.MemberInput(name="Baseline NV", kind="company", joined_on=dt.date(2020, 1, 1)))
        svc.add_contact(s, m.id, svc.ContactInput(first_name="Ann", last_name="Base"))
    return db


def test_every_bad_value_at_every_entry_point_is_refused_clearly_or_accepted(seeded, db_backend):
    probe = Probe(seeded, quick_fingerprint)
    for entry in ENTRY_POINTS:
        for value in BAD_VALUES if db_backend == "sqlite" else SERVER_BAD_VALUES:
            probe.attempt(entry, value)


def test_known_bad_values_are_refused(seeded):
    probe = Probe(seeded, fingerprint)
    accepted = [(name, value) for name, value in MUST_REFUSE if probe.attempt(BY_NAME[name], value) is None]
    assert not accepted


def test_sql_looking_and_unicode_names_are_stored_as_typed(seeded):
    for name in GOOD_NAMES:
        before = fingerprint(seeded)
        with seeded.session() as s:
            created = svc.create_member(s, svc.MemberInput(name=name, kind="other", joined_on=dt.date(2021, 5, 1)))
        with seeded.session() as s:
            assert svc.get_member(s, created.id).name == name
            assert [m.name for m in svc.list_members(s, search=name)] == [name]
            assert [m.name for m in svc.list_members(s, search=name.upper())] == [name]
            assert svc.find_member_id(s, name) == created.id
        after = fingerprint(seeded)
        # every other table untouched (the history records the new member)
        assert {k for k in after if after[k] != before[k]} == {"member", "change_action", "change_record"}


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300) | st.text(max_size=30)
_values = (_text | st.none() | st.integers() | st.decimals(allow_nan=True, allow_infinity=True) | st.dates()
           | st.booleans() | st.binary(max_size=40) | st.floats())


def test_fuzz_entry_points(seeded):
    """Hypothesis throws generated values at every entry point (bounded: a few seconds)."""
    probe = Probe(seeded, quick_fingerprint)

    @settings(max_examples=120, deadline=dt.timedelta(seconds=5), database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(entry=st.sampled_from(ENTRY_POINTS), value=_values)
    def fuzz(entry, value):
        probe.attempt(entry, value)

    fuzz()


@pytest.mark.parametrize("importer", FILE_ENTRY_POINTS, ids=lambda e: e.name)
def test_importers_refuse_bad_files_and_change_nothing(seeded, importer, tmp_path):
    for label, content in BAD_FILES.items():
        path = tmp_path / f"{label.replace(' ', '_')}{importer.suffix}"
        path.write_bytes(content)
        before = fingerprint(seeded)
        try:
            with seeded.session() as s:
                importer.call(s, path)
        except UserError as exc:
            assert str(exc).strip(), f"{importer.name}: empty message for {label}"
            assert fingerprint(seeded) == before, f"{importer.name} changed the database reading {label}"
        else:
            assert label in importer.readable, f"{importer.name} accepted {label} without a word"


@pytest.mark.parametrize("importer", FILE_ENTRY_POINTS, ids=lambda e: e.name)
def test_fuzz_importers(seeded, importer, tmp_path):
    """Random bytes and the bad files: a UserError that changed nothing, or a clean read; never a bug."""
    path = tmp_path / f"fuzz{importer.suffix}"

    @settings(max_examples=40, deadline=dt.timedelta(seconds=5), database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(content=st.binary(max_size=4096) | st.sampled_from(list(BAD_FILES.values())))
    def fuzz(content):
        path.write_bytes(content)
        before = quick_fingerprint(seeded)
        try:
            with seeded.session() as s:
                importer.call(s, path)
        except UserError:
            assert quick_fingerprint(seeded) == before

    fuzz()
