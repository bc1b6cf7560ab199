"""Each kind of action is recorded with the right fields and values, in one named action."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from clustermanager.change_recording.recorder import SESSION_KEY
from clustermanager.io.mapping import propose_mapping
from clustermanager.io.sheets import read_table
from clustermanager.models import ChangeAction, ChangeRecord, Contact, Member
from clustermanager.services import activities, bank_import, cluster, fees, members, privacy, projects
from clustermanager.services.history import entries, recording, replay, trash
from clustermanager.services.member_import import import_members
from tests.core.io.sheetgen import workbook
from tests.core.services.helpers import contact, member
from tests.helpers import feeworld

pytestmark = pytest.mark.postgres
BANK = Path(__file__).parents[2] / "data" / "bank"


def _actions(db):
    with db.session() as s:
        return list(s.scalars(select(ChangeAction).order_by(ChangeAction.id)))


def _entries(db, **kw):
    with db.session() as s:
        return entries.history(s, **kw)


def test_a_save_records_the_changed_fields_with_old_and_new_values(db):
    with db.session() as s:
        mid = member(s, "Acme NV")
    with db.session() as s:
        data = members.get_member(s, mid)
        members.update_member(s, mid, members.MemberInput(
            name="Acme BV", kind="company", size_class="medium", joined_on=data.joined_on, email="info@acme.be"))
    [edit] = _entries(db, kind="save", limit=1)
    assert (edit.table, edit.record_id, edit.record, edit.op) == ("member", mid, "Acme BV", "update")
    assert {(c.field, c.old, c.new) for c in edit.changes} == {
        ("name", "Acme NV", "Acme BV"), ("size_class", "small", "medium"), ("email", None, "info@acme.be")}
    assert edit.action == "Edit of member Acme BV" and edit.user


def test_a_new_record_lists_its_values_and_a_contact_belongs_to_its_member(db):
    with db.session() as s:
        mid = member(s, "Acme NV")
        cid = contact(s, mid, "Jan", "Peeters", "jan@acme.be")
    [new_contact] = [e for e in _entries(db, record=entries.parse_record(f"member:{mid}")) if e.table == "contact"]
    assert new_contact.record_id == cid and new_contact.record == "Jan Peeters" and new_contact.op == "insert"
    assert {c.field: c.new for c in new_contact.changes}["email"] == "jan@acme.be"
    assert len(_actions(db)) == 1  # one transaction without a named action: one "save"


def test_a_member_import_is_one_action_named_after_it_with_every_row(db, tmp_path):
    path = workbook(tmp_path / "leden.xlsx", [
        ["Naam", "Ondernemingsnummer", "Type", "Grootte", "Lid sinds", "Voornaam", "Achternaam"],
        ["Acme NV", "0417.497.106", "Bedrijf", "Klein", "2021-03-15", "Jan", "Peeters"],
        ["Stad Gent", "0207.451.227", "Overheid", None, "2020-06-30", None, None],
    ])
    table = read_table(path)
    with db.session() as s:
        import_members(s, table, propose_mapping(table.headers))
    [action] = _actions(db)
    assert (action.kind, action.label) == ("import", "Import of 2 members")
    found = _entries(db, action_id=action.id)
    assert sorted((e.table, e.record, e.op) for e in found) == [
        ("contact", "Jan Peeters", "insert"), ("member", "Acme NV", "insert"), ("member", "Stad Gent", "insert")]
    acme = next(e for e in found if e.record == "Acme NV")
    values = {c.field: c.new for c in acme.changes}
    assert values["enterprise_number"] == "0417497106" and values["joined_on"] == "2021-03-15"


def test_a_fee_call_run_and_a_bank_statement_are_one_action_each(db):
    with db.session() as s:
        feeworld.build(s)
    with db.session() as s:
        run = fees.generate_calls(s, 2025, issued_on=dt.date(2025, 2, 1))
    with db.session() as s:
        statement = bank_import.import_statement(s, BANK / "statement.xml")
    kinds = [(a.kind, a.label) for a in _actions(db)][-2:]
    assert kinds == [("fee_call_run", f"Fee calls 2025: {len(run.created)} created"),
                     ("bank_statement", f"Bank statement {statement.statement_id}: 3 payments")]
    entries = _entries(db, kind="fee_call_run")
    calls = [e for e in entries if e.table == "fee_call"]
    assert len(calls) == len(run.created)
    assert {e.table for e in entries} <= {"fee_call", "document_sequence"}  # the invoice numbers taken, too
    first = next(e for e in calls if e.record_id == run.created[0].id)
    values = {c.field: c.new for c in first.changes}
    assert Decimal(values["amount"]) == run.created[0].amount and values["number"] == run.created[0].number
    payments = [e for e in _entries(db, kind="bank_statement") if e.table == "payment" and e.op == "insert"]
    assert len(payments) == 3
    assert all({c.field for c in p.changes} >= {"amount", "paid_on", "bank_reference"} for p in payments)


def test_the_profile_is_recorded(db):
    with db.session() as s:
        cluster.save_profile(s, cluster.ProfileData(name="Cluster A", kind="ibn"))
    with db.session() as s:
        cluster.save_profile(s, cluster.ProfileData(name="Cluster B", kind="ibn"))
    [edit] = _entries(db, limit=1)
    assert edit.table == "cluster_profile" and ("name", "Cluster A", "Cluster B") in {
        (c.field, c.old, c.new) for c in edit.changes}


def test_deleting_a_member_moves_it_to_the_trash_and_restore_brings_back_its_contacts(db):
    with db.session() as s:
        mid = member(s, "Acme NV")
        cids = [contact(s, mid, "Jan", "Peeters"), contact(s, mid, "An", "Claes")]
    with db.session() as s:
        members.delete_member(s, mid)
    with db.session() as s:
        [item] = trash.list_trash(s)
        assert (item.table, item.record_id, item.name, item.rows) == ("member", mid, "Acme NV", 3)
        trash.restore(s, item.id)
    with db.session() as s:
        assert trash.list_trash(s) == []
        assert sorted(c.id for c in members.get_member(s, mid).contacts) == sorted(cids)


def test_deleting_an_activity_and_a_project_restores_participants_and_partners(db):
    with db.session() as s:
        mids = [member(s, f"Bedrijf {i}") for i in range(3)]
        cid = contact(s, mids[0], "Jan", "Peeters")
        aid = activities.create_activity(s, activities.ActivityInput(
            kind="workshop", title="AI workshop", starts_on=dt.date(2025, 3, 1))).id
        activities.add_contact_participant(s, aid, cid)
        pid = projects.create_project(s, projects.ProjectInput(kind="b2b", title="Digital twin")).id
        for mid in mids:
            projects.add_partner(s, pid, projects.PartnerInput(member_id=mid))
    with db.session() as s:
        activities.delete_activity(s, aid)
        projects.delete_project(s, pid)
    with db.session() as s:
        items = {i.table: i for i in trash.list_trash(s)}
        # the project: itself, 3 partners and its first status (the status history hangs on it too)
        assert items["activity"].rows == 2 and items["project"].rows == 5
        trash.restore(s, trash.find_item(s, "AI workshop"))
        trash.restore(s, trash.find_item(s, f"project:{pid}"))
    with db.session() as s:
        assert len(activities.get_activity(s, aid).participants) == 1
        assert len(projects.get_project(s, pid).partners) == 3


def test_emptying_the_trash_asks_for_the_old_items_only_and_forgets_the_values(db):
    with db.session() as s:
        old, new = member(s, "Old NV"), member(s, "New NV")
    with db.session() as s:
        members.delete_member(s, old)
    later = dt.datetime.now() + dt.timedelta(days=40)
    with db.session() as s:
        members.delete_member(s, new)
        s.execute(ChangeAction.__table__.update().where(ChangeAction.trash_name == "New NV")
                  .values(created_at=later - dt.timedelta(days=1)))
    with db.session() as s:
        assert [i.name for i in trash.list_trash(s, now=later) if i.due] == ["Old NV"]
        assert trash.empty(s, now=later) == 1
        assert [i.name for i in trash.list_trash(s, now=later)] == ["New NV"]
        purged = s.scalars(select(ChangeRecord.old_values).where(ChangeRecord.record_name == "Old NV",
                                                                 ChangeRecord.op == "delete")).all()
        assert purged == [None]


def test_undo_across_another_users_later_change_is_refused_naming_record_and_change(db, monkeypatch):
    from clustermanager.change_recording import recorder

    with db.session() as s:
        mid = member(s, "Acme NV")
    with db.session() as s:
        data = members.get_member(s, mid)
        members.update_member(s, mid, members.MemberInput(name="Acme BV", kind="company", size_class="small",
                                                          joined_on=data.joined_on))
    monkeypatch.setattr(recorder, "SESSION_KEY", "colleague-session")
    monkeypatch.setattr(recorder, "current_user", lambda _s: "colleague")
    with db.session() as s:
        data = members.get_member(s, mid)
        members.update_member(s, mid, members.MemberInput(name="Acme BV", kind="company", size_class="small",
                                                          joined_on=data.joined_on, email="x@acme.be"))
    monkeypatch.undo()
    with db.session() as s:
        assert [a.label for a in replay.undo_candidates(s, session_key=SESSION_KEY)][0] == "Edit of member Acme BV"
        with pytest.raises(Exception) as refused:
            replay.undo(s, session_key=SESSION_KEY)
    text = str(refused.value)
    assert "member Acme BV" in text and "colleague" in text and "email" in text and "x@acme.be" in text
    with db.session() as s:
        assert members.get_member(s, mid).email == "x@acme.be"


def test_an_import_is_one_undo_step_named_after_it(db, tmp_path):
    path = workbook(tmp_path / "leden.xlsx", [
        ["Naam", "Type", "Lid sinds"], ["Acme NV", "Bedrijf", "2021-03-15"], ["Beta BV", "Bedrijf", "2021-03-15"]])
    table = read_table(path)
    with db.session() as s:
        member(s, "Before NV")
    with db.session() as s:
        import_members(s, table, propose_mapping(table.headers))
    with db.session() as s:
        assert replay.undo_candidates(s, session_key=SESSION_KEY)[0].label == "Import of 2 members"
        [step] = replay.undo(s, session_key=SESSION_KEY)
        assert step.label == "Import of 2 members"
    with db.session() as s:
        assert s.scalars(select(Member.name)).all() == ["Before NV"]
        assert [a.label for a in replay.redo_candidates(s, session_key=SESSION_KEY)] == ["Import of 2 members"]
        replay.redo(s, session_key=SESSION_KEY)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 3


def test_erasing_a_person_erases_their_values_from_the_history_and_the_trash(db, tmp_path):
    with db.session() as s:
        mid = member(s, "Acme NV")
        cid = contact(s, mid, "Jan", "Peeters", "jan@acme.be")
        other = member(s, "Beta BV")
        gone = contact(s, other, "An", "Claes", "an@beta.be")
    with db.session() as s:
        export = privacy.export_person(s, cid)
        assert [(h.table, h.op) for h in export.history] == [("contact", "insert")]
        assert {c.field: c.new for c in export.history[0].changes}["email"] == "jan@acme.be"
        privacy.write_export(export, tmp_path / "p.json")
        assert "jan@acme.be" in (tmp_path / "p.json").read_text(encoding="utf-8")
    with db.session() as s:
        members.delete_member(s, other)  # An Claes is now only in the trash
    with db.session() as s:
        count_before = s.scalar(select(func.count()).select_from(ChangeRecord))
        privacy.erase_person(s, cid)
        privacy.erase_person(s, gone)
    with db.session() as s:
        texts = " ".join(f"{r.record_name} {r.old_values} {r.new_values}" for r in s.scalars(select(ChangeRecord)))
        labels = " ".join(s.scalars(select(ChangeAction.label)))
        assert s.scalar(select(func.count()).select_from(ChangeRecord)) >= count_before
        assert s.get(Contact, cid) is not None
    for secret in ("Peeters", "jan@acme.be", "Claes", "an@beta.be"):
        assert secret not in texts and secret not in labels


def test_a_named_recording_joins_everything_inside_it(db):
    with db.session() as s:
        with recording(s, "import", "Import of 2 members"):
            member(s, "A NV")
            member(s, "B NV")
        member(s, "C NV")
    labels = [a.label for a in _actions(db)]
    assert labels == ["Import of 2 members", "New member C NV"]
