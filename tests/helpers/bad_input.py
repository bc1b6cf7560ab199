"""The bad-input harness: every entry point that takes data from a person or a file, and what to throw.

An entry point is `EntryPoint(name, call, field)`: `call(session, value)` feeds ONE value into one field
(or a whole file's bytes into an importer) through the real service. The rule checked for each: it
either accepts the value, or raises a UserError whose message names `field`, and then NOTHING in the
database changed. Never another exception (that is a bug).

To cover a new form, append to ENTRY_POINTS; an importer that reads a file, to FILE_ENTRY_POINTS, e.g.
    FileEntryPoint("fees.bank_statement", lambda s, p: import_statement(s, p), ".xml"),
and a command to COMMAND_ENTRY_POINTS.
test_bad_input.py runs the catalogue and hypothesis over all of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager import backup
from clustermanager.db import Database
from clustermanager.errors import UserError, ValidationError
from clustermanager.io.registrations import read_registrations
from clustermanager.io.sheets import read_table
from clustermanager.models import Member
from clustermanager.reports.indicators.sheet import import_targets
from clustermanager.services import activities, cluster, registrations
from clustermanager.services import members as svc
from clustermanager.services.bank_import import import_statement
from clustermanager.services.import_mappings import mapping_for
from clustermanager.services.member_import import import_members
from clustermanager.services.workbook_import import import_workbook


@dataclass(frozen=True)
class EntryPoint:
    name: str
    call: Callable[[Session, object], object]
    field: str | None  # the field the refusal must name; None: any clear UserError (whole files, lookups)


_counter = itertools.count()


def _unique_name() -> str:
    return f"Fuzz member {next(_counter)}"


def _member_input(**override) -> svc.MemberInput:
    base = dict(name=_unique_name(), kind="company", joined_on=dt.date(2020, 1, 1))
    return svc.MemberInput(**{**base, **override})


def _first_member(session: Session) -> int:
    found = session.scalar(select(Member.id).order_by(Member.id).limit(1))
    return found if found is not None else svc.create_member(session, _member_input(name="Baseline NV")).id


def _member_field(field: str) -> EntryPoint:
    return EntryPoint(f"create_member.{field}", lambda s, v: svc.create_member(s, _member_input(**{field: v})), field)


def _update_member_field(field: str) -> EntryPoint:
    def call(session, value):
        member_id = _first_member(session)
        current = svc.get_member(session, member_id).to_input()
        return svc.update_member(session, member_id, dataclasses.replace(current, **{field: value}))

    return EntryPoint(f"update_member.{field}", call, field)


def _contact_field(field: str) -> EntryPoint:
    def call(session, value):
        base = {"first_name": "Ann", "last_name": "Fuzz"}
        return svc.add_contact(session, _first_member(session), svc.ContactInput(**{**base, field: value}))

    return EntryPoint(f"add_contact.{field}", call, field)


def _profile_field(field: str) -> EntryPoint:
    def call(session, value):
        data = cluster.ProfileData(name="Our cluster", kind="ibn")
        return cluster.save_profile(session, dataclasses.replace(data, **{field: value}))

    return EntryPoint(f"save_profile.{field}", call, field)


MEMBER_FIELDS = ["name", "kind", "size_class", "enterprise_number", "vat_number", "nace_code", "street", "postcode",
                 "municipality", "province", "country", "website", "email", "fee_category", "notes", "joined_on",
                 "left_on"]
CONTACT_FIELDS = ["first_name", "last_name", "email", "phone", "role", "consent_on"]
PROFILE_FIELDS = ["name", "kind", "enterprise_number", "street", "postcode", "municipality", "country", "email",
                  "phone", "website", "iban", "bic", "funding_start", "funding_end", "funding_rate", "notes"]

ENTRY_POINTS: list[EntryPoint] = [
    *(_member_field(f) for f in MEMBER_FIELDS),
    *(_update_member_field(f) for f in ("name", "joined_on", "left_on", "email", "kind")),
    EntryPoint("end_membership.left_on", lambda s, v: svc.end_membership(s, _first_member(s), v), "left_on"),
    *(_contact_field(f) for f in CONTACT_FIELDS),
    *(_profile_field(f) for f in PROFILE_FIELDS),
    EntryPoint("set_year.year", lambda s, v: cluster.set_year(s, v, Decimal("1000"), Decimal("500")), "year"),
    EntryPoint("set_year.budget", lambda s, v: cluster.set_year(s, 2025, v, Decimal("500")), "budget"),
    EntryPoint("set_year.subsidy", lambda s, v: cluster.set_year(s, 2025, Decimal("1000"), v), "subsidy"),
    EntryPoint("find_member_id", lambda s, v: svc.find_member_id(s, v), None),
    EntryPoint("list_members.search", lambda s, v: svc.list_members(s, search=v), None),
]

@dataclass(frozen=True)
class FileEntryPoint:
    """An importer: `call(session, path)` reads the file at `path` (named `*{suffix}`) into the database.

    `readable` names catalogue files that are genuine input for this importer (a Latin-1 CSV is a fine
    CSV): for those a clean import is also right; every other catalogue file must be refused.
    """

    name: str
    call: Callable[[Session, Path], object]
    suffix: str
    readable: frozenset[str] = frozenset()


def _import_member_sheet(session: Session, path: Path):
    """What `import members FILE` does: read the sheet, the remembered or proposed mapping, import."""
    table = read_table(path)
    return import_members(session, table, mapping_for(session, table.headers))


def _import_registration_list(session: Session, path: Path):
    """What `activities import-participants` does, into an activity made for the list."""
    rows = read_registrations(path)
    activity = activities.create_activity(session, activities.ActivityInput(
        kind="workshop", title="Fuzz list", starts_on=dt.date(2025, 3, 1)))
    preview = registrations.preview_registrations(session, activity.id, rows, source=str(path))
    return registrations.apply_registrations(session, preview)


# Catalogue files that are well-formed CSV tables (a name column and a row) in an encoding Excel writes.
_TEXT_TABLES = frozenset({"Latin-1 text", "UTF-8 with BOM", "UTF-16 text"})

# Importers that read a file; the features that add importers append theirs (bank statements, workbooks...).
FILE_ENTRY_POINTS: list[FileEntryPoint] = [
    FileEntryPoint("restore: backup validation", lambda _s, path: backup.validate_backup(path), ".cmdb"),
    FileEntryPoint("payments import (CODA)", lambda s, path: import_statement(s, path), ".cod"),
    FileEntryPoint("payments import (camt.053)", lambda s, path: import_statement(s, path), ".xml"),
    FileEntryPoint("import members (xlsx)", _import_member_sheet, ".xlsx"),
    FileEntryPoint("import members (csv)", _import_member_sheet, ".csv", readable=_TEXT_TABLES),
    FileEntryPoint("import workbook", lambda s, path: import_workbook(s, path), ".xlsx"),
    FileEntryPoint("import participants (xlsx)", _import_registration_list, ".xlsx"),
    FileEntryPoint("import participants (csv)", _import_registration_list, ".csv", readable=_TEXT_TABLES),
    FileEntryPoint("indicators targets import (xlsx)", lambda s, path: import_targets(s, path), ".xlsx"),
    FileEntryPoint("indicators targets import (csv)", lambda s, path: import_targets(s, path), ".csv"),
]

# Files no importer may choke on: each must give a UserError (FileFormatError naming the file), and
# change nothing.
BAD_FILES: dict[str, bytes] = {
    "empty": b"",
    "binary noise": bytes(range(256)) * 40,
    "NUL bytes": b"\x00" * 4096,
    "UTF-16 text": "naam;bedrag\nZoë;12,50\n".encode("utf-16"),
    "Latin-1 text": "naam;bedrag\nSociété Générale;12,50\n".encode("latin-1"),
    "UTF-8 with BOM": "\ufeffname,amount\nA,1\n".encode(),
    "HTML": b"<html><body><table><tr><td>1</td></tr></table></body></html>",
    "zip that is no workbook": b"PK\x05\x06" + b"\x00" * 18,
    "XML bomb": b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;'
                b'&a;&a;&a;">]><l>&b;</l>',
    "one huge line": b"x;" * 500_000,
    "SQL-looking": b"'; DROP TABLE member; --\n",
    "SQLite header only": b"SQLite format 3\x00" + b"\xff" * 100,
}


class _Unprintable:
    def __str__(self):
        raise ValueError("no text")


# Values thrown at every entry point. Some are fine for some fields (SQL-looking text is a valid name):
# then they must be accepted and stored as they are.
BAD_VALUES: list[object] = [
    None, "", "   ", "x" * 100_000, "\x00", "a\x00b", "\udcff\udcfe", b"\xff\xfe bytes",
    0, -1, 10**30, 3.14, float("nan"), True, [], {"a": 1}, object(),
    Decimal("-0.01"), Decimal("-1e6"), Decimal("1e20"), Decimal("NaN"), Decimal("Infinity"), Decimal("1e-30"),
    dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(2201, 1, 1), dt.date(9999, 12, 31),
    dt.datetime(2020, 1, 1, 12, 0), "2020-01-01", "31/02/2024",
    "'; DROP TABLE member; --", "Robert'); DELETE FROM contact;--", "1 OR 1=1", "%", "_", "\\",
    "Zoë Ñúñez-Ørsted", "株式会社テスト", "شركة", "😀" * 50, "\u202e reversed", "a\nb\tc", "ＡＢＣ",
    "-5", "1e400", "inf", "€ -12,50", "9" * 40,
]

# The subset that differs on a server (lengths, NUL, encodings, overflow, dates, SQL): PostgreSQL is
# slower per action, so it gets these rather than the whole list.
SERVER_BAD_VALUES: list[object] = [
    "x" * 100_000, "a\x00b", "\udcff\udcfe", 10**30, Decimal("1e20"), Decimal("NaN"), dt.date(1, 1, 1),
    dt.date(9999, 12, 31), "2020-01-01", "'; DROP TABLE member; --", "Zoë Ñúñez-Ørsted", "😀" * 50, "9" * 40,
]

# Values every entry point named here must refuse (the message naming the field).
MUST_REFUSE: list[tuple[str, object]] = [
    ("create_member.name", ""), ("create_member.name", "x" * 100_000), ("create_member.name", "a\x00b"),
    ("create_member.name", "\udcff\udcfe"), ("create_member.kind", "bank"), ("create_member.kind", 42),
    ("create_member.joined_on", dt.date(1, 1, 1)), ("create_member.joined_on", dt.date(9999, 12, 31)),
    ("create_member.joined_on", "2020-01-01"), ("create_member.joined_on", None),
    ("create_member.left_on", dt.date(2019, 12, 31)), ("create_member.enterprise_number", "0123.456.789"),
    ("create_member.email", "not an e-mail"), ("create_member.country", "Belgium"), ("create_member.country", "ÖÖ"),
    ("create_member.vat_number", "BE0417497106"), ("create_member.street", "x" * 201),
    ("update_member.left_on", dt.date(1999, 1, 1)), ("end_membership.left_on", dt.date(1900, 1, 1)),
    ("end_membership.left_on", None), ("add_contact.first_name", "x" * 101), ("add_contact.email", "@"),
    ("add_contact.consent_on", dt.date(3000, 1, 1)), ("save_profile.name", ""), ("save_profile.kind", "cartel"),
    ("save_profile.iban", "BE00 0000 0000 0000"), ("save_profile.funding_rate", Decimal("1.5")),
    ("save_profile.funding_rate", 0.5), ("save_profile.funding_start", "2020-01-01"),
    ("save_profile.funding_start", dt.date(2201, 1, 1)), ("save_profile.phone", "9" * 500),
    ("set_year.year", "abc"), ("set_year.year", 10**30), ("set_year.year", 1200),
    ("set_year.budget", Decimal("-1")), ("set_year.budget", Decimal("1e20")), ("set_year.budget", Decimal("NaN")),
    ("set_year.budget", 0.1), ("set_year.subsidy", "lots"),
]

# Text that is a perfectly good name and must come back exactly as typed.
GOOD_NAMES = ["'; DROP TABLE member; --", "Robert'); DELETE FROM contact;--", "Zoë Ñúñez-Ørsted BV",
              "株式会社テスト", "شركة المثال", "100% Bio_Koffie \\ NV", "O'Neil & Zonen"]


class Probe:
    """Feeds values through entry points as user actions and checks the rule after each one."""

    def __init__(self, db: Database, snapshot: Callable[[Database], object]):
        self.db, self.snapshot = db, snapshot
        self.state = snapshot(db)  # the database as the last accepted action left it

    def attempt(self, entry: EntryPoint, value: object) -> UserError | None:
        """The refusal (a UserError that named the field and changed nothing), or None if accepted."""
        try:
            with self.db.session() as session:
                entry.call(session, value)
        except UserError as exc:
            assert self.snapshot(self.db) == self.state, f"{entry.name} refused {value!r} but changed the database"
            assert str(exc).strip(), f"{entry.name}: empty message for {value!r}"
            if entry.field is not None:
                fields = {p.field for p in exc.problems} if isinstance(exc, ValidationError) else set()
                assert entry.field in fields or entry.field in str(exc), (
                    f"{entry.name}: the message does not name {entry.field!r}: {exc}")
            return exc
        self.state = self.snapshot(self.db)
        return None


# ---------------------------------------------------------------------------------------------
# The command line: `argv(value)` builds the arguments; a refusal (exit 2) must name one of `names`.


@dataclass(frozen=True)
class CommandEntryPoint:
    name: str
    argv: Callable[[str], list[str]]
    names: tuple[str, ...]


_ADD = ["members", "add", "--kind", "company"]
# A file argument is named by what the file should have been (the earlier `backup --to` may have made it).
_FILE_WORDS = ("file", "workbook", "CSV", "registration list")
COMMAND_ENTRY_POINTS: list[CommandEntryPoint] = [
    CommandEntryPoint("members add --name", lambda v: [*_ADD, "--name", v], ("name",)),
    CommandEntryPoint("members add --joined", lambda v: [*_ADD, "--name", _unique_name(), "--joined", v], ("--joined", "joined_on")),
    CommandEntryPoint("members add --enterprise-number",
                      lambda v: [*_ADD, "--name", _unique_name(), "--enterprise-number", v], ("enterprise_number",)),
    CommandEntryPoint("members add --email", lambda v: [*_ADD, "--name", _unique_name(), "--email", v], ("email",)),
    CommandEntryPoint("members add --size", lambda v: [*_ADD, "--name", _unique_name(), "--size", v], ("--size",)),
    CommandEntryPoint("members add --country", lambda v: [*_ADD, "--name", _unique_name(), "--country", v],
                      ("country",)),
    CommandEntryPoint("members end --on", lambda v: ["members", "end", "Baseline NV", "--on", v], ("--on", "left_on")),
    CommandEntryPoint("members end MEMBER", lambda v: ["members", "end", v, "--on", "2030-01-01"],
                      ("member", "No member")),
    CommandEntryPoint("members show", lambda v: ["members", "show", v], ("member", "No member")),
    CommandEntryPoint("members list --active-on", lambda v: ["members", "list", "--active-on", v], ("--active-on",)),
    CommandEntryPoint("members list --search", lambda v: ["members", "list", "--search", v], ("search",)),
    CommandEntryPoint("demo --members", lambda v: ["demo", "--members", v], ("members", "--members")),
    CommandEntryPoint("backup --to", lambda v: ["backup", "--to", v], ("--to", "Backup", "folder")),
    CommandEntryPoint("restore", lambda v: ["restore", v], ("backup", "database", "No backup", "restore")),
    CommandEntryPoint("privacy export CONTACT", lambda v: ["privacy", "export", v, "--out", "/nonexistent/x.json"],
                      ("contact", "Contact")),
    CommandEntryPoint("privacy erase CONTACT", lambda v: ["privacy", "erase", v, "--yes"], ("contact", "Contact")),
    # fees, payments and the self-funding ledger
    CommandEntryPoint("fees schedule --year", lambda v: ["fees", "schedule", "--year", v], ("--year", "year")),
    CommandEntryPoint("fees schedule --set CATEGORY", lambda v: ["fees", "schedule", "--year", "2025", "--set", v,
                                                                 "100", "21"], ("category", "CATEGORY")),
    CommandEntryPoint("fees schedule --set AMOUNT", lambda v: ["fees", "schedule", "--year", "2025", "--set", "small",
                                                               v, "21"], ("amount", "AMOUNT")),
    CommandEntryPoint("fees schedule --set VAT", lambda v: ["fees", "schedule", "--year", "2025", "--set", "small",
                                                            "100", v], ("vat", "VAT", "vat_rate")),
    CommandEntryPoint("fees copy-schedule --increase", lambda v: ["fees", "copy-schedule", "--from", "2025", "--to",
                                                                  "2026", "--increase", v], ("--increase", "increase",
                                                                                             "schedule")),
    CommandEntryPoint("fees call --year", lambda v: ["fees", "call", "--year", v], ("--year", "year")),
    CommandEntryPoint("fees call --issued", lambda v: ["fees", "call", "--year", "2025", "--issued", v],
                      ("--issued", "issued_on")),
    CommandEntryPoint("fees call --due", lambda v: ["fees", "call", "--year", "2025", "--due", v], ("--due", "due_on")),
    CommandEntryPoint("fees invoices --out", lambda v: ["fees", "invoices", "--year", "2025", "--out", v],
                      ("--out", "folder", "file", "call", "profile")),
    CommandEntryPoint("fees status --search", lambda v: ["fees", "status", "--year", "2025", "--search", v],
                      ("search",)),
    CommandEntryPoint("fees cancel CALL", lambda v: ["fees", "cancel", v, "--reason", "x"], ("call", "No fee call")),
    CommandEntryPoint("fees credit --amount", lambda v: ["fees", "credit", "1", "--reason", "x", "--amount", v],
                      ("amount", "call")),
    CommandEntryPoint("fees budget --budget", lambda v: ["fees", "budget", "--year", "2025", "--budget", v,
                                                         "--subsidy", "500"], ("budget",)),
    CommandEntryPoint("fees budget --subsidy", lambda v: ["fees", "budget", "--year", "2025", "--budget", "1000",
                                                          "--subsidy", v], ("subsidy",)),
    CommandEntryPoint("fees in-kind --add VALUE", lambda v: ["fees", "in-kind", "--year", "2025", "--add", "Rooms",
                                                             v], ("value", "VALUE")),
    CommandEntryPoint("fees in-kind --member", lambda v: ["fees", "in-kind", "--year", "2025", "--add", "Rooms", "10",
                                                          "--member", v], ("member", "No member")),
    CommandEntryPoint("payments add --amount", lambda v: ["payments", "add", "--call", "1", "--amount", v],
                      ("amount", "call")),
    CommandEntryPoint("payments add --date", lambda v: ["payments", "add", "--call", "1", "--amount", "5", "--date",
                                                        v], ("--date", "paid_on", "call")),
    CommandEntryPoint("payments import FILE", lambda v: ["payments", "import", v], (*_FILE_WORDS, "statement")),
    CommandEntryPoint("payments match CALL", lambda v: ["payments", "match", "1", v], ("call", "payment")),
    # activities and projects
    CommandEntryPoint("activities add --title", lambda v: ["activities", "add", "--kind", "workshop", "--title", v,
                                                           "--date", "2025-03-01"], ("title",)),
    CommandEntryPoint("activities add --kind", lambda v: ["activities", "add", "--kind", v, "--title", "Fuzz",
                                                          "--date", "2025-03-01"], ("kind",)),
    CommandEntryPoint("activities add --date", lambda v: ["activities", "add", "--kind", "workshop", "--title",
                                                          "Fuzz", "--date", v], ("--date", "starts_on")),
    CommandEntryPoint("activities add --time", lambda v: ["activities", "add", "--kind", "workshop", "--title",
                                                          "Fuzz", "--date", "2025-03-01", "--time", v],
                      ("--time", "start_time")),
    CommandEntryPoint("activities list --search", lambda v: ["activities", "list", "--search", v], ("search",)),
    CommandEntryPoint("activities list --from", lambda v: ["activities", "list", "--from", v], ("--from", "start")),
    CommandEntryPoint("activities engagement --to", lambda v: ["activities", "engagement", "--from", "2025-01-01",
                                                               "--to", v], ("--to", "end")),
    CommandEntryPoint("activities import-participants FILE",
                      lambda v: ["activities", "import-participants", v, "--dry-run"], _FILE_WORDS),
    CommandEntryPoint("projects add --title", lambda v: ["projects", "add", "--kind", "b2b", "--title", v],
                      ("title",)),
    CommandEntryPoint("projects add --budget", lambda v: ["projects", "add", "--kind", "b2b", "--title",
                                                          _unique_name(), "--budget", v], ("budget",)),
    CommandEntryPoint("projects add --start", lambda v: ["projects", "add", "--kind", "b2b", "--title",
                                                         _unique_name(), "--start", v], ("--start", "starts_on")),
    CommandEntryPoint("projects show", lambda v: ["projects", "show", v], ("project", "No project")),
    CommandEntryPoint("projects add-partner MEMBER", lambda v: ["projects", "add-partner", "1", v],
                      ("member", "project")),
    CommandEntryPoint("projects figures --from", lambda v: ["projects", "figures", "--from", v, "--to",
                                                            "2025-12-31"], ("--from", "start")),
    # exchange and the report
    CommandEntryPoint("import members FILE", lambda v: ["import", "members", v], _FILE_WORDS),
    CommandEntryPoint("import members --sheet", lambda v: ["import", "members", "/nonexistent/x.xlsx", "--sheet", v],
                      ("file", "sheet")),
    CommandEntryPoint("import workbook FILE", lambda v: ["import", "workbook", v], _FILE_WORDS),
    CommandEntryPoint("export workbook FILE", lambda v: ["export", "workbook", v], ("file", "folder", "FILE")),
    CommandEntryPoint("report --period", lambda v: ["report", "--period", v], ("period", "--period")),
    CommandEntryPoint("report --today", lambda v: ["report", "--period", "2025", "--today", v], ("--today", "today")),
    CommandEntryPoint("report --pdf", lambda v: ["report", "--period", "2025", "--pdf", v], ("--pdf", "folder",
                                                                                              "file")),
]

BAD_ARGUMENTS: list[str] = [
    "", "x" * 5000, "\x00", "\udcff\udcfe", "'; DROP TABLE member; --", "Zoë Ñúñez", "-1", "9999-12-31",
    "31/02/2024", "1e400", "%", "99999999999999999999",
]
