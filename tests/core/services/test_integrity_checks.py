"""`check`: each domain rule finds what breaks it, and the command reports it."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from clustermanager.cli import main as cli
from clustermanager.models import Activity, Contact, Member, MemberKind, Participation, SizeClass
from clustermanager.services import members as svc
from clustermanager.services.integrity import run_checks


def _failing(db) -> set[str]:
    return {f.check for f in run_checks(db).findings if not f.ok}


def test_demo_database_passes_every_check(demo_db):
    report = run_checks(demo_db)
    assert report.ok, [f.message for f in report.findings if not f.ok]
    assert {"integrity", "foreign_keys", "migrations", "erased_contacts", "main_contacts"} <= {
        f.check for f in report.findings}


def test_each_rule_finds_its_breach(db):
    with db.session() as s:
        a = svc.create_member(s, svc.MemberInput(name="A NV", kind="company", joined_on=dt.date(2020, 1, 1)))
        b = svc.create_member(s, svc.MemberInput(name="B", kind="government", joined_on=dt.date(2020, 1, 1)))
        c = svc.add_contact(s, a.id, svc.ContactInput(first_name="Eva", last_name="Main", is_main=True))
    assert not _failing(db)
    with db.session() as s:  # what a buggy importer or a hand edit in a SQL browser could leave behind
        s.add(Contact(member_id=a.id, first_name="Second", last_name="Main", is_main=True))
        s.get(Member, b.id).size_class = SizeClass.SMALL
        act = Activity(kind="workshop", title="W", starts_on=dt.date(2024, 1, 1))
        s.add(Participation(activity=act, contact_id=c.id, member_id=b.id, name="Eva Main"))
        s.add(Contact(member_id=b.id, first_name="", last_name="[erased]", email="still@here.example",
                      erased_on=dt.date(2025, 1, 1)))
    assert _failing(db) == {"main_contacts", "size_classes", "participants", "erased_contacts"}
    with db.session() as s:
        assert s.get(Member, b.id).kind is MemberKind.GOVERNMENT


def test_check_command_reports_a_damaged_file(db, capsys):
    path = db.path
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("INSERT INTO contact (member_id, first_name, last_name, is_main, consent, version) "
                 "VALUES (999, 'Orphan', 'Contact', 0, 0, 1)")
    conn.commit()
    conn.close()
    assert cli(["--db", str(path), "check"]) == 2
    out = capsys.readouterr().out
    assert "FAIL  Foreign keys: 1 broken references" in out and "Some checks failed." in out


@pytest.mark.postgres
def test_checks_run_on_every_backend(db):
    report = run_checks(db)
    assert report.ok and "migrations" in {f.check for f in report.findings}
