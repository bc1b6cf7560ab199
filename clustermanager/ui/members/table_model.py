"""The member register as a Qt table model over services.members.MemberRow dataclasses.

data() is only asked for the rows on screen, so it may format; anything done for every row
(sorting keys, search text) is computed once per column, on demand, in one pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt

from clustermanager.i18n import N_, _
from clustermanager.models import MemberKind
from clustermanager.services.fees import category_label
from clustermanager.services.members import MemberRow
from clustermanager.ui.common.numbers import day as _date
from clustermanager.ui.shell.style import colour
from clustermanager.ui.tables.list_model import ROW_ID_ROLE, Column, ListTableModel
from clustermanager.validation import format_enterprise_number

MEMBER_ID_ROLE = ROW_ID_ROLE


def name_sort_key(row: MemberRow) -> str:
    return row.name.lower()


def _label(enum_value) -> str:
    return _(enum_value.label) if enum_value is not None else ""


COLUMNS: tuple[Column, ...] = (
    Column("name", N_("Name"), lambda r: r.name, name_sort_key, 230),
    Column("kind", N_("Kind"), lambda r: _label(r.kind), lambda r: r.kind.value, 200),
    Column("size_class", N_("Size"), lambda r: _label(r.size_class),
           lambda r: "zz" if r.size_class is None else r.size_class.value, 80),
    Column("enterprise_number", N_("Enterprise no."), lambda r: format_enterprise_number(r.enterprise_number),
           lambda r: r.enterprise_number or "", 130),
    Column("vat_number", N_("VAT no."), lambda r: r.vat_number or "", lambda r: r.vat_number or "", 130,
           visible=False),
    Column("postcode", N_("Postcode"), lambda r: r.postcode or "", lambda r: r.postcode or "", 80, visible=False),
    Column("municipality", N_("Municipality"), lambda r: r.municipality or "",
           lambda r: (r.municipality or "").lower(), 120),
    Column("province", N_("Province"), lambda r: r.province or "", lambda r: r.province or "", 130, visible=False),
    Column("country", N_("Country"), lambda r: r.country, lambda r: r.country, 70, visible=False),
    Column("fee_category", N_("Fee category"), lambda r: category_label(r.fee_category),
           lambda r: category_label(r.fee_category).lower(), 130, visible=False),
    Column("joined_on", N_("Joined"), lambda r: _date(r.joined_on), lambda r: r.joined_on, 105),
    Column("left_on", N_("Left"), lambda r: _date(r.left_on), lambda r: r.left_on or dt.date.max, 105,
           visible=False),
    Column("contact_names", N_("Contacts"), lambda r: r.contact_names, lambda r: r.contact_names.lower(), 120),
)


@dataclass(frozen=True)
class RegisterData:
    """Rows with what filtering and counting need, computed in one pass (on the worker thread)."""

    rows: list[MemberRow]
    today: dt.date
    texts: list[str]  # lower-case search text per row
    flags: tuple[list[bool], list[bool], list[bool]]  # active today, company, SME
    name_keys: list[str]  # sort keys of the first column


def prepare_register(rows: list[MemberRow], today: dt.date | None = None) -> RegisterData:
    today = today or dt.date.today()
    company = MemberKind.COMPANY
    active = [r.is_active_on(today) for r in rows]  # the row's rules, not restated here
    companies = [r.kind is company for r in rows]
    smes = [r.is_sme for r in rows]
    return RegisterData(rows, today, [r.search_text for r in rows], (active, companies, smes),
                        [name_sort_key(r) for r in rows])


class MemberTableModel(ListTableModel):
    def __init__(self, parent=None):
        super().__init__(COLUMNS, parent)
        self.today = dt.date.today()
        self._flags: tuple[list[bool], list[bool], list[bool]] = ([], [], [])

    def set_rows(self, rows: list[MemberRow] | RegisterData, today: dt.date | None = None) -> None:
        """Show these rows; a RegisterData (prepared on the worker) costs the main thread nothing."""
        data = rows if isinstance(rows, RegisterData) else prepare_register(rows, today)
        self.beginResetModel()
        self.rows, self.today = data.rows, data.today
        self._sort_keys = {0: data.name_keys}
        self._texts, self._flags = data.texts, data.flags
        self.endResetModel()

    def row_flags(self) -> tuple[list[bool], list[bool], list[bool]]:
        """(active today, company, SME) per row, for the status-bar counts."""
        return self._flags

    def role_data(self, row: MemberRow, column: Column, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and not row.is_active_on(self.today):
            return colour("muted")  # former (or not yet active) members are greyed out
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "contact_names":
            return row.contact_names or None
        return None
