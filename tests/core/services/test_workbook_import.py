"""The full exchange workbook read back: export, edit in Excel, import with a preview."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import delete, func, select

from clustermanager.db import open_database
from clustermanager.errors import FileFormatError
from clustermanager.io.workbook_exchange import SHEETS, export_workbook
from clustermanager.models import (
    Activity,
    Base,
    Contact,
    Member,
    MemberKind,
    Project,
    ProjectKind,
    ProjectStatus,
)
from clustermanager.services.member_import import RowStatus
from clustermanager.services.members import ContactInput, MemberInput, add_contact, create_member
from clustermanager.services.workbook_import import import_workbook, preview_workbook_import


def test_demo_round_trip_changes_nothing(demo_db, tmp_path):
    path = tmp_path / "all.xlsx"
    with demo_db.session() as s:
        summary = export_workbook(s, path)
    assert summary.rows["members"] == 120 and summary.rows["participants"] > 0
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == ["about", *[spec.name for spec in SHEETS]]
    with demo_db.session() as s:
        result = import_workbook(s, path)
    assert result.count(RowStatus.UNCHANGED) == sum(summary.rows.values())
    assert result.counts["new"] == result.counts["update"] == result.counts["error"] == 0


def _member(s, name="Acme", **kw):
    return create_member(s, MemberInput(name, MemberKind.COMPANY, dt.date(2020, 1, 1), **kw)).id


def test_edited_workbook_preview_and_import(db, tmp_path):
    with db.session() as s:
        acme = _member(s, enterprise_number="0417497106", municipality="Gent")
        beta = _member(s, "Beta")
        add_contact(s, acme, ContactInput("Jan", "Peeters", email="jan@acme.be"))
    path = tmp_path / "all.xlsx"
    with db.session() as s:
        export_workbook(s, path)
    wb = load_workbook(path)
    members, contacts = wb["members"], wb["contacts"]
    head = [c.value for c in members[1]]
    members.cell(row=2, column=head.index("municipality") + 1, value="Brugge")  # Acme moves
    members.cell(row=3, column=head.index("kind") + 1, value="spaceship")  # invalid
    members.append([None, "Gamma", "government", None, None, None, None, None, None, None, None, None, "BE",
                    None, None, None, dt.datetime(2022, 5, 1)])
    members.append([999, "Ghost", "company"])
    chead = [c.value for c in contacts[1]]
    new_contact = [None] * len(chead)
    new_contact[chead.index("member_id")] = acme
    new_contact[chead.index("first_name")] = "An"
    new_contact[chead.index("last_name")] = "Smets"
    contacts.append(new_contact)
    wb.save(path)

    with db.session() as s:
        preview = preview_workbook_import(s, path)
    sheets = {p.sheet: {r.row: r for r in p.rows} for p in preview.sheets}
    assert sheets["members"][2].status is RowStatus.UPDATE
    assert [(c.field, c.old, c.new) for c in sheets["members"][2].changes] == [("municipality", "Gent", "Brugge")]
    bad = sheets["members"][3]
    assert bad.status is RowStatus.ERROR and bad.member_id == beta
    assert bad.problems[0].column == "C" and "must be one of" in bad.reason
    assert sheets["members"][4].status is RowStatus.NEW
    assert "does not exist" in sheets["members"][5].reason
    assert sheets["contacts"][2].status is RowStatus.UNCHANGED and sheets["contacts"][3].status is RowStatus.NEW
    assert preview.counts == {"new": 2, "update": 1, "unchanged": 1, "error": 2, "conflict": 0}

    with db.session() as s:
        import_workbook(s, path)
    with db.session() as s:
        assert s.get(Member, acme).municipality == "Brugge"
        assert s.get(Member, beta).kind is MemberKind.COMPANY
        assert s.scalar(select(Member).where(Member.name == "Gamma")).joined_on == dt.date(2022, 5, 1)
        assert s.scalar(select(func.count()).select_from(Contact)) == 2


def test_a_workbook_without_the_sheets_is_refused(db, tmp_path):
    path = tmp_path / "other.xlsx"
    wb = Workbook()
    wb.active.append(["Naam"])
    wb.save(path)
    with pytest.raises(FileFormatError, match="none of the sheets"), db.session() as s:
        preview_workbook_import(s, path)


# ---------------------------------------------------------------------------------------------
# Property: export then import is a no-op

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn")),
                max_size=30).map(str.strip)
_DATES = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))
_JOINED = st.dates(dt.date(1990, 1, 1), dt.date.today() + dt.timedelta(days=300))  # further ahead is refused


@st.composite
def clusters(draw):
    names = draw(st.lists(_TEXT.filter(bool), min_size=1, max_size=5, unique_by=str.casefold))
    members = [dict(name=n, kind=draw(st.sampled_from(list(MemberKind))), joined_on=draw(_JOINED),
                    municipality=draw(_TEXT) or None, notes=draw(st.none() | _TEXT.filter(bool)))
               for n in names]
    contacts = draw(st.lists(st.tuples(st.integers(0, len(names) - 1), _TEXT.filter(bool), _TEXT,
                                       st.booleans()), max_size=4))
    activities = draw(st.lists(st.tuples(_TEXT.filter(bool), _DATES, st.booleans()), max_size=3))
    projects = draw(st.lists(st.tuples(_TEXT.filter(bool), st.sampled_from(list(ProjectKind)),
                                       st.decimals(0, 10**9, places=2)), max_size=3))
    return members, contacts, activities, projects


@pytest.fixture(scope="module")
def property_db(tmp_path_factory):
    database = open_database(tmp_path_factory.mktemp("prop") / "prop.cmdb")
    yield database
    database.close()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=clusters())
def test_export_then_import_changes_nothing(property_db, tmp_path, data):
    members, contacts, activities, projects = data
    with property_db.session() as s:
        for table in reversed(Base.metadata.sorted_tables):
            s.execute(delete(table))
        ids = [create_member(s, MemberInput(**m)).id for m in members]
        for index, last, first, consent in contacts:
            add_contact(s, ids[index], ContactInput(first, last, consent=consent))
        for title, day, online in activities:
            s.add(Activity(kind="workshop", title=title, starts_on=day, online=online))
        for title, kind, budget in projects:
            s.add(Project(title=title, kind=kind, status=ProjectStatus.RUNNING, budget=budget))
    path = tmp_path / "prop.xlsx"
    with property_db.session() as s:
        summary = export_workbook(s, path)
        result = import_workbook(s, path)
    changed = [(sheet, r.row, r.reason or r.changes) for sheet, rows in
               ((p.sheet, p.rows) for p in result.sheets) for r in rows if r.status is not RowStatus.UNCHANGED]
    assert changed == []
    assert result.count(RowStatus.UNCHANGED) == sum(summary.rows.values())


def test_amounts_and_dates_typed_as_text_in_excel(demo_db, tmp_path):
    path = tmp_path / "all.xlsx"
    with demo_db.session() as s:
        export_workbook(s, path)
    wb = load_workbook(path)
    ws = wb["fee_calls"]
    head = [c.value for c in ws[1]]
    ws.cell(row=2, column=head.index("amount") + 1, value="1.234,56")
    ws.cell(row=2, column=head.index("due_on") + 1, value="31/12/2030")
    ws.cell(row=3, column=head.index("amount") + 1, value="veel")
    wb.save(path)
    with demo_db.session() as s:
        preview = preview_workbook_import(s, path)
    rows = {r.row: r for r in next(p for p in preview.sheets if p.sheet == "fee_calls").rows}
    assert {(c.field, c.new) for c in rows[2].changes} == {("amount", Decimal("1234.56")),
                                                          ("due_on", dt.date(2030, 12, 31))}
    assert rows[3].status is RowStatus.ERROR and "amount" in rows[3].reason
    assert preview.counts["update"] == 1 and preview.counts["error"] == 1
