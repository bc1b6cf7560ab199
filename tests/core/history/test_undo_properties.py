"""Any sequence of the app's actions, then undo of all of them, leaves the database as it was; redo of
all of them brings it back. On SQLite and (marked postgres) PostgreSQL.

Issuing invoice or credit note numbers (a fee call run, a cancellation) is never undone (see
test_issued_documents.py), so the year's calls are made before the sequence, and the sequence mixes
everything that can be taken back, bank statements paying those calls included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select

from clustermanager.change_recording.recorder import SESSION_KEY
from clustermanager.errors import UserError
from clustermanager.io.mapping import propose_mapping
from clustermanager.io.sheets import read_table
from clustermanager.models import Activity, Base, ChangeAction, Contact, Member, Project
from clustermanager.services import activities, bank_import, fees, members, projects
from clustermanager.services.history import paused, replay
from clustermanager.services.member_import import import_members
from tests.core.history.dump import dump
from tests.core.io.sheetgen import workbook
from tests.helpers import feeworld

pytestmark = pytest.mark.postgres
BANK = Path(__file__).parents[2] / "data" / "bank"

NAMES = st.text(alphabet="abcdefghij ", min_size=1, max_size=8).map(str.strip).filter(bool)
ACTIONS = st.lists(st.one_of(
    st.tuples(st.just("add_member"), NAMES),
    st.tuples(st.just("edit_member"), st.integers(0, 9), NAMES),
    st.tuples(st.just("add_contact"), st.integers(0, 9), NAMES),
    st.tuples(st.just("remove_contact"), st.integers(0, 20)),
    st.tuples(st.just("delete_member"), st.integers(0, 9)),
    st.tuples(st.just("bank_statement")),
    st.tuples(st.just("activity"), NAMES, st.integers(0, 20)),
    st.tuples(st.just("delete_activity")),
    st.tuples(st.just("project"), NAMES),
    st.tuples(st.just("delete_project")),
    st.tuples(st.just("import")),
), min_size=1, max_size=8)


def _nth(session, model, i):
    ids = session.scalars(select(model.id).order_by(model.id)).all()
    return ids[i % len(ids)] if ids else None


def _do(session, action, sheet) -> None:  # noqa: C901 (one branch per kind of action)
    kind, *args = action
    if kind == "add_member":
        members.create_member(session, members.MemberInput(name=f"M {args[0]}", kind="company", size_class="small",
                                                           joined_on=dt.date(2024, 1, 1)))
    elif kind == "edit_member":
        mid = _nth(session, Member, args[0])
        old = members.get_member(session, mid)
        members.update_member(session, mid, members.MemberInput(
            name=old.name, kind=old.kind, size_class=old.size_class, joined_on=old.joined_on, left_on=old.left_on,
            email=f"{args[1].replace(' ', '')}@x.be", notes=args[1]))
    elif kind == "add_contact":
        members.add_contact(session, _nth(session, Member, args[0]), members.ContactInput(first_name=args[1],
                                                                                       last_name="Test"))
    elif kind == "remove_contact":
        cid = _nth(session, Contact, args[0])
        if cid:
            members.remove_contact(session, cid)
    elif kind == "delete_member":
        members.delete_member(session, _nth(session, Member, args[0]))
    elif kind == "bank_statement":
        bank_import.import_statement(session, BANK / "statement.xml")
    elif kind == "activity":
        aid = activities.create_activity(session, activities.ActivityInput(
            kind="workshop", title=args[0], starts_on=dt.date(2025, 4, 1))).id
        cid = _nth(session, Contact, args[1])
        if cid:
            activities.add_contact_participant(session, aid, cid)
    elif kind == "delete_activity":
        aid = _nth(session, Activity, -1)
        if aid:
            activities.delete_activity(session, aid)
    elif kind == "project":
        pid = projects.create_project(session, projects.ProjectInput(kind="b2b", title=args[0])).id
        for mid in session.scalars(select(Member.id).order_by(Member.id).limit(3)):
            projects.add_partner(session, pid, projects.PartnerInput(member_id=mid))
    elif kind == "delete_project":
        pid = _nth(session, Project, -1)
        if pid:
            projects.delete_project(session, pid)
    elif kind == "import":
        table = read_table(sheet)
        import_members(session, table, propose_mapping(table.headers))


def _wipe(db) -> None:
    with db.session() as s, paused(s):
        for table in reversed(Base.metadata.sorted_tables):
            s.execute(delete(table))


@pytest.fixture
def sheet(tmp_path):
    return workbook(tmp_path / "leden.xlsx", [
        ["Naam", "Type", "Grootte", "Lid sinds", "Voornaam", "Achternaam"],
        ["Import Een NV", "Bedrijf", "Klein", "2021-03-15", "Piet", "Janssens"],
        ["Acme NV", "Bedrijf", "Klein", "2020-01-01", "Els", "Acme"],  # an update of an existing member
        ["Import Twee BV", "Bedrijf", "Groot", "2022-01-01", None, None],
    ])


@example(actions=[("activity", "a", 0), ("remove_contact", 0)])  # a participant's contact deleted (SET NULL)
@settings(max_examples=12, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(actions=ACTIONS)
def test_undo_of_every_action_restores_the_database_and_redo_brings_it_back(db, sheet, actions):
    _wipe(db)
    with db.session() as s:
        feeworld.build(s)
    with db.session() as s:
        fees.generate_calls(s, 2025, issued_on=dt.date(2025, 2, 1))
    with db.session() as s:
        base_action = s.scalar(select(func.max(ChangeAction.id)))
    before = dump(db)
    for action in actions:
        try:
            with db.session() as s:
                _do(s, action, sheet)
        except UserError:
            pass  # refused (e.g. a member with fee calls): nothing changed, nothing recorded
    after = dump(db)
    steps = 0
    while True:
        with db.session() as s:
            todo = replay.undo_candidates(s, session_key=SESSION_KEY, limit=1)
            if not todo or todo[0].id <= base_action:
                break
            replay.revert(s, todo[0].id)
            steps += 1
    assert dump(db) == before
    for _i in range(steps):
        with db.session() as s:
            replay.redo(s, session_key=SESSION_KEY)
    assert dump(db) == after
    with db.session() as s:
        assert replay.redo_candidates(s, session_key=SESSION_KEY) == []
