"""GDPR: export everything on one person, erase a person keeping the counts, private files, clean logs."""

from __future__ import annotations

import datetime as dt
import json
import os

import openpyxl
import pytest
from sqlalchemy import func, select

from clustermanager.cli import main as cli
from clustermanager.db import open_database
from clustermanager.errors import NotFoundError, ValidationError
from clustermanager.models import Activity, Contact, Participation
from clustermanager.services import members as svc
from clustermanager.services import privacy

NAME = ("Qwertzuiop", "Xylophonova")  # distinctive: it must never turn up in a log
EMAIL = "q.xylophonova@example.org"


def _person(db) -> tuple[int, int]:
    """A contact with two participations, and one registration made with their e-mail only."""
    with db.session() as s:
        m = svc.create_member(s, svc.MemberInput(name="Privacy Test NV", kind="company", joined_on=dt.date(2020, 1, 1)))
        c = svc.add_contact(s, m.id, svc.ContactInput(first_name=NAME[0], last_name=NAME[1], email=EMAIL,
                                                      phone="+32 470 12 34 56", role="CTO", consent=True))
        for day, title in ((dt.date(2024, 3, 1), "Workshop A"), (dt.date(2024, 9, 1), "Matchmaking B")):
            act = Activity(kind="workshop", title=title, starts_on=day)
            s.add(act)
            s.add(Participation(activity=act, contact_id=c.id, member_id=m.id, attended=True))
        outside = Activity(kind="webinar", title="Webinar C", starts_on=dt.date(2023, 1, 1))
        s.add(outside)
        s.add(Participation(activity=outside, name=" ".join(NAME), email=EMAIL.upper(), organisation="Privacy Test NV"))
    return m.id, c.id


def test_export_holds_everything(db, tmp_path):
    _, contact_id = _person(db)
    with db.session() as s:
        assert privacy.find_contact_id(s, EMAIL.upper()) == contact_id
        assert privacy.find_contact_id(s, " ".join(NAME).lower()) == contact_id
        export = privacy.export_person(s, contact_id)
    assert (export.first_name, export.email, export.role, export.member_name) == (*NAME[:1], EMAIL, "CTO",
                                                                                 "Privacy Test NV")
    assert [p.activity for p in export.participations] == ["Webinar C", "Workshop A", "Matchmaking B"]
    data = json.loads(privacy.write_export(export, tmp_path / "p.json").read_text(encoding="utf-8"))
    assert data["last_name"] == NAME[1] and len(data["participations"]) == 3
    text = privacy.write_export(export, tmp_path / "p.txt").read_text(encoding="utf-8")
    assert " ".join(NAME) in text and "Matchmaking B" in text
    book = openpyxl.load_workbook(privacy.write_export(export, tmp_path / "p.xlsx"))
    assert book.sheetnames == ["Person", "Activities", "Mailings", "History"] and book["Activities"].max_row == 4
    with pytest.raises(ValidationError, match="Output folder"):
        privacy.write_export(export, tmp_path / "p.pdf")


def test_erase_replaces_the_person_and_keeps_the_counts(db):
    member_id, contact_id = _person(db)
    with db.session() as s:
        before = s.scalar(select(func.count()).select_from(Participation))
        result = privacy.erase_person(s, contact_id, today=dt.date(2025, 5, 1))
    assert result.participations_anonymised == 3
    with db.session() as s:
        contact = s.get(Contact, contact_id)
        assert contact.erased_on == dt.date(2025, 5, 1) and contact.email is None and contact.phone is None
        assert NAME[0] not in contact.full_name and NAME[1] not in contact.full_name
        assert s.scalar(select(func.count()).select_from(Participation)) == before
        assert s.scalar(select(func.count()).select_from(Participation).where(
            Participation.contact_id == contact_id)) == 3
        assert not s.scalar(select(func.count()).select_from(Participation).where(
            (Participation.email.is_not(None)) | (Participation.name.is_not(None))))
        assert svc.get_member(s, member_id).contacts == ()
        assert not svc.list_members(s, search=NAME[1])
        with pytest.raises(NotFoundError):
            privacy.find_contact_id(s, EMAIL)
        with pytest.raises(ValidationError, match="already erased"):
            privacy.erase_person(s, contact_id)
        export = privacy.export_person(s, contact_id)
    assert NAME[1] not in json.dumps(privacy.asdict(export), default=str)


def test_ambiguous_and_unknown_contacts(db):
    _, contact_id = _person(db)
    with db.session() as s:
        svc.add_contact(s, svc.find_member_id(s, "Privacy Test NV"),
                        svc.ContactInput(first_name=NAME[0], last_name=NAME[1]))
    with db.session() as s, pytest.raises(ValidationError, match="several"):
        privacy.find_contact_id(s, " ".join(NAME))
    with db.session() as s, pytest.raises(NotFoundError):
        privacy.find_contact_id(s, "999999")


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_database_file_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "private.cmdb"
    open_database(path).close()
    assert path.stat().st_mode & 0o777 == 0o600
    path.chmod(0o644)  # a file copied in from elsewhere is tightened when opened
    open_database(path).close()
    assert path.stat().st_mode & 0o777 == 0o600


def test_cli_export_and_erase(db, tmp_path, capsys):
    _, contact_id = _person(db)
    db.close()
    out = tmp_path / "person.json"
    assert cli(["--db", str(db.path), "privacy", "export", EMAIL, "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["contact_id"] == contact_id
    assert cli(["--db", str(db.path), "privacy", "erase", str(contact_id)]) == 2  # not a terminal: needs --yes
    assert "--yes" in capsys.readouterr().err
    assert cli(["--db", str(db.path), "privacy", "erase", str(contact_id), "--yes"]) == 0
    assert cli(["--db", str(db.path), "privacy", "export", EMAIL, "--out", str(out)]) == 2


def test_logs_hold_no_personal_data(db, tmp_path, monkeypatch, _isolated_home):
    """Run the commands that touch a person (verbose), plus a bug whose SQL carries the name; scan the log."""
    _, contact_id = _person(db)
    db.close()
    commands = [
        ["members", "list", "--search", NAME[1]], ["members", "show", "Privacy Test NV"],
        ["members", "add", "--name", f"{NAME[1]} BV", "--kind", "company", "--email", f"{NAME[1]}@"],
        ["privacy", "export", EMAIL, "--out", str(tmp_path / "x.txt")],
        ["privacy", "erase", EMAIL, "--yes"], ["check"],
    ]
    for command in commands:
        assert cli(["-v", "--db", str(db.path), *command]) in (0, 2)

    def broken_create(session, data):  # a bug: an INSERT that violates a constraint, with the name in it
        from sqlalchemy import text

        session.execute(text("INSERT INTO member (id, name) VALUES (1, :name)"), {"name": NAME[1]})

    monkeypatch.setattr(svc, "create_member", broken_create)
    assert cli(["-v", "--db", str(db.path), "members", "add", "--name", "Whatever", "--kind", "company"]) == 1
    logs = list(_isolated_home.glob("logs/*.log*"))
    assert logs and any(p.stat().st_size for p in logs)
    for log in logs:
        content = log.read_text(encoding="utf-8", errors="replace")
        for secret in (*NAME, EMAIL, EMAIL.split("@")[0]):
            assert secret.lower() not in content.lower(), f"{secret} found in {log}"
