"""Read a registration list as event tools export it (Eventbrite, Teams, a hand-made sheet).

Accepted: an Excel workbook (.xlsx/.xlsm, first sheet) or a CSV file (UTF-8 or Windows-1252,
separated by commas, semicolons or tabs). The header row may be one of the first ten rows and may be
in Dutch, English or French; the columns recognised are a full name, or first name and last name,
e-mail, company/organisation and optionally an attendance column (docs/activities-and-projects.md lists
the tools' columns and values); a value it does not understand is refused with its row, never read as
absent. Other columns are ignored.

The file goes through the one safe reader (`io.sheets.read_rows`) that every importer uses: the
zip-bomb and XML-bomb checks, the row and column bounds, UTF-16 "Unicode Text" exports.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from clustermanager import validation as v
from clustermanager.errors import FileFormatError, ValidationError
from clustermanager.i18n import _
from clustermanager.io.sheets import read_rows

HEADER_SEARCH_ROWS = 10
MAX_ROWS = 50_000

# Header aliases after `header_key()` (lower case, no accents, letters and digits only).
ALIASES: dict[str, set[str]] = {
    "name": {"name", "naam", "fullname", "volledigenaam", "nomcomplet", "nometprenom", "prenometnom",
             "participant", "deelnemer", "attendee", "attendeename", "participantname", "voornaamennaam",
             "naamdeelnemer", "contact", "contactname", "displayname"},
    "first_name": {"firstname", "voornaam", "prenom", "givenname", "first"},
    "last_name": {"lastname", "achternaam", "familienaam", "surname", "familyname", "nom", "nomdefamille", "last"},
    "email": {"email", "emailaddress", "mail", "emailadres", "mailadres", "adresseemail", "adressemail",
              "courriel", "adressecourriel", "emailadresse"},
    "organisation": {"company", "companyname", "organisation", "organization", "organisationname",
                     "organizationname", "bedrijf", "bedrijfsnaam", "organisatie", "onderneming", "firma",
                     "entreprise", "societe", "organisme", "employer", "werkgever", "instelling", "institution"},
    "attended": {"attended", "checkedin", "checkin", "present", "presence", "aanwezig", "aanwezigheid",
                 "presente", "participated", "attendance", "attendeestatus", "ingecheckt", "presences",
                 "checkintime", "checkedintime", "checkedinat", "checkindate", "checkintijd", "incheckdatum",
                 "heuredecheckin", "firstjoin", "jointime", "firstjointime"},
}
# Columns holding the moment a person checked in or joined: a time means present, empty means absent.
TIME_COLUMNS = {"checkintime", "checkedintime", "checkedinat", "checkindate", "checkintijd", "incheckdatum",
                "heuredecheckin", "firstjoin", "jointime", "firstjointime"}
TRUE_WORDS = {"1", "x", "yes", "y", "ja", "j", "oui", "o", "true", "waar", "vrai", "checkedin", "present",
              "aanwezig", "presente", "attended", "ingecheckt", "v", "ok"}
# Read as "registered, not (yet) there": Eventbrite's "Attending" is a registration, not a check-in.
FALSE_WORDS = {"", "0", "no", "n", "nee", "non", "false", "onwaar", "faux", "absent", "absente", "afwezig",
               "attending", "notattending", "notcheckedin", "registered", "ingeschreven", "inscrit", "inscrite",
               "cancelled", "canceled", "geannuleerd", "annule", "annulee", "noshow", "notpresent", "nietaanwezig",
               "-"}


@dataclass(frozen=True)
class RegistrationRow:
    row: int  # the row number as a spreadsheet shows it (1-based, header included)
    name: str
    first_name: str | None
    last_name: str | None
    email: str | None
    organisation: str | None
    attended: bool | None  # None when the file has no attendance column


def header_key(text: object) -> str:
    plain = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", plain)


def attendance(value: str | None, header: str) -> bool | None:
    """True (there), False (registered only) or None (not understood) for a cell of the attendance column."""
    key = header_key(value)
    if header_key(header) in TIME_COLUMNS:
        if not key or key in FALSE_WORDS:
            return False
        return True if any(ch.isdigit() for ch in key) or key in TRUE_WORDS else None
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    return None


def read_registrations(path: str | Path) -> list[RegistrationRow]:
    """The rows of a registration list; FileFormatError names the row and column of any problem."""
    path = Path(path)
    numbered, sheet = _read_table(path)
    if not numbered:
        raise FileFormatError(_("the file is empty"), path=str(path), sheet=sheet)
    numbers = [n for n, _cells in numbered]
    table = [cells for _n, cells in numbered]
    header_index, columns = _find_header(table, path, sheet, numbers)
    rows = []
    for index in range(header_index + 1, len(table)):
        rows.append(_row(table[index], columns, numbers[index], path, sheet))
    if not rows:
        raise FileFormatError(_("the file has a header but no participants"), path=str(path),
                              row=numbers[header_index], sheet=sheet)
    return rows


def _find_header(table: list[list[str]], path: Path, sheet: str | None,
                 numbers: list[int]) -> tuple[int, dict[str, tuple[int, str]]]:
    """The first row that names the participants: a name column, or first and last name columns."""
    header_row = None  # a row that looks like the header, to point at when it has no name column
    for index, cells in enumerate(table[:HEADER_SEARCH_ROWS]):
        if numbers[index] > HEADER_SEARCH_ROWS:
            break
        columns: dict[str, tuple[int, str]] = {}
        for position, cell in enumerate(cells):
            key = header_key(cell)
            for field, aliases in ALIASES.items():
                if key in aliases and field not in columns:
                    columns[field] = (position, cell.strip())
        if "name" in columns or "last_name" in columns:  # a lone "Nom" column holds the whole name
            return index, columns
        if len(columns) >= 2:  # looks like the header, but without a usable name column
            header_row = numbers[index]
            break
    raise FileFormatError(
        _("no column with the participants' names: expected a column such as Name, Naam, Nom, or First name and "
          "Last name (Voornaam/Achternaam, Prénom/Nom)"),
        path=str(path), row=header_row, sheet=sheet,
    )


def _cell(cells: list[str], columns: dict, field: str) -> str | None:
    if field not in columns:
        return None
    position = columns[field][0]
    text = cells[position].strip() if position < len(cells) else ""
    return text or None


def _row(cells: list[str], columns: dict, number: int, path: Path, sheet: str | None) -> RegistrationRow:
    first, last = _cell(cells, columns, "first_name"), _cell(cells, columns, "last_name")
    name = _cell(cells, columns, "name") or " ".join(filter(None, (first, last)))
    if not name:
        column = columns.get("name", columns.get("last_name", (0, "")))[1]
        raise FileFormatError(_("this participant has no name"), path=str(path), row=number, column=column,
                              sheet=sheet)
    email_text = _cell(cells, columns, "email")
    try:
        email = v.email(email_text)
        name = v.clean_text(name, "name", max_length=200)
        organisation = v.clean_text(_cell(cells, columns, "organisation"), "organisation", max_length=200)
    except ValidationError as exc:
        field = {"email": "email", "name": "name"}.get(exc.field, "organisation")
        column = columns.get(field, (0, exc.field))[1]
        raise FileFormatError(exc.problems[0].message + f" ({exc.value})", path=str(path), row=number,
                              column=column, sheet=sheet) from exc
    attended = None
    if "attended" in columns:
        attended = attendance(_cell(cells, columns, "attended"), columns["attended"][1])
        if attended is None:
            raise FileFormatError(
                _("the attendance value {value!r} is not understood (use yes/no, ja/nee, oui/non, x, Checked In, "
                  "Aanwezig, Présent, or a check-in time)").format(value=_cell(cells, columns, "attended")),
                path=str(path), row=number, column=columns["attended"][1], sheet=sheet)
    return RegistrationRow(number, name, first, last, email, organisation, attended)


# ---------------------------------------------------------------------------------------------
# Files to a table of text cells


def _read_table(path: Path) -> tuple[list[tuple[int, list[str]]], str | None]:
    """The non-empty rows as (row number, text cells), and the sheet's name for a workbook (None for CSV)."""
    if not path.is_file():
        raise FileFormatError(_("the file does not exist"), path=str(path))
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise FileFormatError(_("old Excel files (.xls) cannot be read: save it as .xlsx or .csv"), path=str(path))
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv"):
        raise FileFormatError(_("not a registration list: use an Excel workbook (.xlsx) or a CSV file"),
                              path=str(path))
    sheet, rows = read_rows(path)
    if len(rows) > MAX_ROWS:
        raise FileFormatError(_("more than {n} rows").format(n=MAX_ROWS), path=str(path), sheet=sheet)
    table = [(number, [_text(cell) for cell in values]) for number, values in rows]
    return table, (None if suffix in (".csv", ".txt", ".tsv") else sheet)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
