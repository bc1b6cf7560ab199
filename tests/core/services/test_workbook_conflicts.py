"""A row changed in the database since the export is a conflict on import, never an overwrite."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from clustermanager.io.workbook_exchange import export_workbook
from clustermanager.io.workbook_versions import ConflictChoice
from clustermanager.models import Member, MemberKind
from clustermanager.services.member_import import RowStatus
from clustermanager.services.members import MemberInput, create_member
from clustermanager.services.workbook_import import import_workbook, preview_workbook_import

pytestmark = pytest.mark.postgres


def _exported_with_edit(db, tmp_path, *, colleague: bool):
    """Acme and Beta exported; maybe a colleague then moves Acme to Kortrijk; the workbook moves Acme to Brugge
    and renames Beta."""
    with db.session() as s:
        acme = create_member(s, MemberInput("Acme", MemberKind.COMPANY, dt.date(2020, 1, 1), municipality="Gent")).id
        beta = create_member(s, MemberInput("Beta", MemberKind.COMPANY, dt.date(2020, 1, 1))).id
    path = tmp_path / "all.xlsx"
    with db.session() as s:
        export_workbook(s, path)
    if colleague:
        with db.session() as s:
            s.get(Member, acme).municipality = "Kortrijk"
    wb = load_workbook(path)
    ws = wb["members"]
    head = [c.value for c in ws[1]]
    assert head[-1] == "version" and ws.cell(row=2, column=len(head)).value == 1
    ws.cell(row=2, column=head.index("municipality") + 1, value="Brugge")
    ws.cell(row=3, column=head.index("name") + 1, value="Beta bis")
    wb.save(path)
    return path, acme, beta


def test_a_colleagues_change_is_a_conflict_and_is_not_overwritten(db, tmp_path):
    path, acme, beta = _exported_with_edit(db, tmp_path, colleague=True)
    with db.session() as s:
        preview = preview_workbook_import(s, path)
    assert preview.unversioned == ()
    [(sheet, conflict)] = preview.conflicts
    assert (sheet, conflict.member_id, conflict.row) == ("members", acme, 2)
    assert (conflict.workbook_version, conflict.database_version) == (1, 2)
    assert [(c.field, c.old, c.new) for c in conflict.changes] == [("municipality", "Kortrijk", "Brugge")]
    assert preview.counts["conflict"] == 1 and preview.counts["update"] == 1

    with db.session() as s:
        result = import_workbook(s, path)
    assert result.counts["conflict"] == 1
    with db.session() as s:
        assert s.get(Member, acme).municipality == "Kortrijk"  # the colleague's change stands
        assert s.get(Member, acme).version == 2
        assert s.get(Member, beta).name == "Beta bis"  # a row unchanged in the database imports normally


def test_taking_the_workbooks_values_for_a_conflict(db, tmp_path):
    path, acme, _beta = _exported_with_edit(db, tmp_path, colleague=True)
    with db.session() as s:
        stale = import_workbook(s, path, choice=ConflictChoice(rows={("members", acme): 1}))
    assert stale.counts["conflict"] == 1  # decided on a version that is no longer the database's: asked again
    with db.session() as s:
        result = import_workbook(s, path, choice=ConflictChoice(rows={("members", acme): 2}))
    assert result.counts["conflict"] == 0
    with db.session() as s:
        assert s.get(Member, acme).municipality == "Brugge"


def test_without_a_colleagues_change_the_edit_imports(db, tmp_path):
    path, acme, _beta = _exported_with_edit(db, tmp_path, colleague=False)
    with db.session() as s:
        result = import_workbook(s, path)
    assert result.counts["conflict"] == 0 and result.counts["update"] == 2
    with db.session() as s:
        assert s.get(Member, acme).municipality == "Brugge"


def test_an_old_workbook_without_versions_is_accepted_and_says_so(db, tmp_path):
    path, acme, _beta = _exported_with_edit(db, tmp_path, colleague=True)
    wb = load_workbook(path)
    for name in wb.sheetnames[1:]:
        ws = wb[name]
        ws.delete_cols(ws.max_column)
    wb.save(path)
    with db.session() as s:
        result = import_workbook(s, path)
    assert "members" in result.unversioned and result.counts["conflict"] == 0
    with db.session() as s:
        assert s.get(Member, acme).municipality == "Brugge"


def test_a_version_that_is_not_a_number_is_refused(db, tmp_path):
    path, acme, _beta = _exported_with_edit(db, tmp_path, colleague=False)
    wb = load_workbook(path)
    ws = wb["members"]
    ws.cell(row=2, column=ws.max_column, value="twee")
    wb.save(path)
    with db.session() as s:
        preview = preview_workbook_import(s, path)
    row = next(r for r in preview.sheets[0].rows if r.member_id == acme)
    assert row.status is RowStatus.ERROR and "version" in row.reason
