"""Member sheets with one contact person per row: the e-mail beside the person is the person's, the
preview says which record each column fills and names the contacts, the user can switch a column, and
a dry run counts the contacts. `check` is clean after the import."""

from __future__ import annotations

from sqlalchemy import select

from clustermanager.io.column_targets import CONTACT, MEMBER, can_switch, switched, target, targets
from clustermanager.io.mapping import propose_mapping
from clustermanager.io.sheets import read_table
from clustermanager.models import Member
from clustermanager.services.integrity import run_checks
from clustermanager.services.member_import import import_members, preview_contacts, preview_member_import
from tests.core.io.sheetgen import workbook

HEADERS = ["Naam", "Ondernemingsnummer", "Contactpersoon", "E-mail", "Telefoon"]
ROWS = [["Acme NV", "BE 0417 497 106", "Jan Peeters", "jan@acme.be", "+32 9 123 45 67"],
        ["Brouwerij Drie BV", None, "Els Maes", "els@drie.be", "0470 12 34 56"]]


def _sheet(tmp_path, headers=HEADERS, rows=ROWS):
    return read_table(workbook(tmp_path / "leden.xlsx", [headers, *rows]))


def test_the_email_beside_the_contact_person_is_the_contacts(db, tmp_path):
    table = _sheet(tmp_path)
    mapping = propose_mapping(table.headers)
    assert mapping == ("name", "enterprise_number", "contact_name", "contact_email", "contact_phone")
    assert targets(table.headers, mapping) == {"Naam": MEMBER, "Ondernemingsnummer": MEMBER,
                                                "Contactpersoon": CONTACT, "E-mail": CONTACT, "Telefoon": CONTACT}
    with db.session() as s:
        preview = preview_member_import(s, table, mapping)
        dry = import_members(s, table, mapping, dry_run=True)
    assert preview_contacts(preview) == (2, 0)
    assert (dry.created, dry.contacts_added, dry.contacts_updated) == (2, 2, 0)  # the dry run counts contacts
    named = {r.row: [c.new for c in r.changes if c.field == "contact"] for r in preview.rows}
    assert named == {2: ["Jan Peeters"], 3: ["Els Maes"]}  # the preview names them
    with db.session() as s:
        assert s.scalar(select(Member.id)) is None  # a dry run writes nothing
        result = import_members(s, table, mapping)
    assert result.contacts_added == 2
    with db.session() as s:
        acme = s.scalar(select(Member).where(Member.name == "Acme NV"))
        (jan,) = acme.contacts
        assert acme.email is None and (jan.first_name, jan.last_name, jan.email) == ("Jan", "Peeters", "jan@acme.be")
        assert jan.phone
    assert run_checks(db).ok


def test_switching_the_column_to_the_member(db, tmp_path):
    table = _sheet(tmp_path)
    mapping = propose_mapping(table.headers)
    assert can_switch(mapping[3]) and not can_switch(mapping[2])
    mine = switched(mapping, 3)
    assert mine[3] == "email" and target(mine[3]) == MEMBER
    assert switched(mine, 3) == mapping  # and back
    with db.session() as s:
        import_members(s, table, mine)
    with db.session() as s:
        acme = s.scalar(select(Member).where(Member.name == "Acme NV"))
        assert acme.email == "jan@acme.be" and [c.email for c in acme.contacts] == [None]
    assert run_checks(db).ok


def test_an_email_away_from_the_contact_columns_stays_the_members(tmp_path):
    headers = ["Naam", "E-mail", "Gemeente", "Contactpersoon"]
    mapping = propose_mapping(headers)
    assert mapping == ("name", "email", "municipality", "contact_name")
    # and a sheet with its own contact e-mail keeps both as they are
    both = propose_mapping(["Naam", "E-mail", "Contactpersoon", "E-mail contactpersoon"])
    assert both == ("name", "email", "contact_name", "contact_email")
    assert switched(both, 1) == ("name", "contact_email", "contact_name", "email")  # no field twice



def test_a_language_column_sets_the_contacts_mail_language(db, tmp_path):
    headers = [*HEADERS, "Taal"]
    rows = [[*ROWS[0], "Nederlands"], [*ROWS[1], "FR"]]
    table = _sheet(tmp_path, headers, rows)
    mapping = propose_mapping(table.headers)
    assert mapping[-1] == "contact_language"
    with db.session() as s:
        import_members(s, table, mapping)
    with db.session() as s:
        languages = {m.name: m.contacts[0].language for m in s.scalars(select(Member))}
    assert languages == {"Acme NV": "nl", "Brouwerij Drie BV": "fr"}
    bad = _sheet(tmp_path, headers, [[*ROWS[0], "Klingon"]])
    with db.session() as s:
        preview = preview_member_import(s, bad, propose_mapping(bad.headers))
    problems = [p for r in preview.rows for p in getattr(r, "problems", ())]
    assert any("Klingon" in str(p) for p in problems), preview.rows
