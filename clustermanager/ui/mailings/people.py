"""The contacts a selection gives today, each with whether a mailing reaches them and, if not, why."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from clustermanager.i18n import N_, _
from clustermanager.services.selections import Audience, Recipient
from clustermanager.ui.shell.style import colour
from clustermanager.ui.tables.list_model import Column, ListTableModel

REACHED, NO_CONSENT, NO_EMAIL = "reached", "no_consent", "no_email"


@dataclass(frozen=True)
class PersonRow:
    person: Recipient
    status: str  # REACHED, NO_CONSENT or NO_EMAIL

    @property
    def id(self) -> int:
        return self.person.contact_id

    @property
    def search_text(self) -> str:
        p = self.person
        return f"{p.full_name} {p.organisation} {p.email or ''}".lower()

    @property
    def status_text(self) -> str:
        if self.status == REACHED:
            return _("yes") + (" " + _("(legal notice, without consent)") if not self.person.consent else "")
        return _("left out: no consent") if self.status == NO_CONSENT else _("left out: no e-mail address")


def people_rows(audience: Audience) -> list[PersonRow]:
    """Everyone the criteria gave, sorted by organisation and name, with what happens to them."""
    rows = [PersonRow(p, REACHED) for p in audience.recipients]
    reached = {p.contact_id for p in audience.recipients}
    rows += [PersonRow(p, NO_CONSENT) for p in audience.without_consent if p.contact_id not in reached]
    rows += [PersonRow(p, NO_EMAIL) for p in audience.without_email]
    return sorted(rows, key=lambda r: (r.person.organisation.lower(), r.person.last_name.lower(),
                                       r.person.first_name.lower()))


PEOPLE_COLUMNS = (
    Column("name", N_("Name"), lambda r: r.person.full_name, lambda r: r.person.full_name.lower(), 170),
    Column("status", N_("Receives it"), lambda r: r.status_text, lambda r: r.status, 200),
    Column("organisation", N_("Organisation"), lambda r: r.person.organisation,
           lambda r: r.person.organisation.lower(), 190),
    Column("email", N_("E-mail"), lambda r: r.person.email or "", lambda r: r.person.email or "", 200),
    Column("language", N_("Language"), lambda r: r.person.language, lambda r: r.person.language, 70),
    Column("main", N_("Main contact"), lambda r: _("yes") if r.person.is_main else "", lambda r: r.person.is_main, 90),
)


class PeopleModel(ListTableModel):
    def __init__(self, parent=None):
        super().__init__(PEOPLE_COLUMNS, parent)

    def role_data(self, row: PersonRow, column: Column, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and row.status != REACHED:
            return colour("muted")
        return None
