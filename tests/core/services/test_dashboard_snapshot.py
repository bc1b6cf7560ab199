"""The dashboard's kept figures: saved in the database, read back with the standard library, never
recorded as a change, and anything unreadable is simply no snapshot."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from clustermanager.db import open_database
from clustermanager.models import ChangeRecord, Setting
from clustermanager.services import dashboard_snapshot as ds

SNAP = ds.DashboardSnapshot(
    computed_at="2026-11-30T08:15:00", language="en", title="Blue Cluster", day="2026-11-30",
    computed_text="30 Nov 2026, 08:15", cards={"active": ds.CardText("999", "12 companies"),
                                               "extra:x:y": ds.CardText("1", "late", "warning", "the rule")},
    kinds=(ds.BarText("Company", 900, "900"),), sizes=(ds.BarText("Micro", 3, "3"),))


@pytest.mark.postgres
def test_saved_then_loaded_and_replaced_outside_the_history(db):
    with db.session() as s:
        ds.save(s, SNAP)
    with db.session() as s:
        assert ds.load(s) == SNAP
        ds.save(s, ds.DashboardSnapshot(**{**SNAP.__dict__, "title": "Renamed"}))
    with db.session() as s:
        assert ds.load(s).title == "Renamed"
        assert s.scalar(select(func.count()).select_from(Setting).where(Setting.key == ds.KEY)) == 1
        assert s.scalar(select(func.count()).select_from(ChangeRecord)) == 0  # no undoable change


def test_read_from_the_file_without_sqlalchemy_and_only_from_that_file(tmp_path):
    kept = open_database(tmp_path / "a.cmdb")
    with kept.session() as s:
        ds.save(s, SNAP)
    kept.close()
    other = open_database(tmp_path / "b.cmdb")
    other.close()
    assert ds.read_from_file(tmp_path / "a.cmdb") == SNAP
    assert ds.read_from_file(tmp_path / "a.cmdb").cards["extra:x:y"].tooltip == "the rule"  # the card's tooltip
    assert ds.read_from_file(f"sqlite:///{tmp_path / 'a.cmdb'}") == SNAP
    assert ds.read_from_file(tmp_path / "b.cmdb") is None  # another database: none of a's figures
    assert ds.read_from_file(tmp_path / "missing.cmdb") is None
    assert ds.read_from_file("postgresql+psycopg://u@h/db") is None
    (tmp_path / "junk.cmdb").write_bytes(b"not a database at all" * 100)
    assert ds.read_from_file(tmp_path / "junk.cmdb") is None


@pytest.mark.parametrize("text", [None, "", "null", "[]", "{}", '{"format": 99}', "{not json",
                                  SNAP.to_json().replace("2026-11-30T08:15:00", "yesterday")])
def test_anything_else_is_no_snapshot(text):
    assert ds.from_json(text) is None
