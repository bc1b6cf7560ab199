"""Fee calls as a table over services.fees.FeeCallRow, filtered by status and by text with the one fast proxy."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clustermanager.i18n import N_
from clustermanager.services.fees import CallStatus, FeeCallRow, category_label
from clustermanager.ui.common.numbers import day, money
from clustermanager.ui.shell.style import colour
from clustermanager.ui.tables.filter_proxy import FilterProxy, RowFilter
from clustermanager.ui.tables.list_model import ROW_ID_ROLE, Column, ListTableModel

CALL_ID_ROLE = ROW_ID_ROLE
STATUS_COLOURS = {  # names of the colour scheme's colours (shell/style.py)
    CallStatus.PAID: "success", CallStatus.PARTLY_PAID: "caution", CallStatus.OPEN: "info",
    CallStatus.OVERDUE: "error", CallStatus.CREDITED: "neutral", CallStatus.CANCELLED: "neutral",
}

COLUMNS: tuple[Column, ...] = (
    Column("number", N_("Number"), lambda r: r.number or "", lambda r: r.number or ""),
    Column("member", N_("Member"), lambda r: r.member_name, lambda r: r.member_name.lower()),
    Column("year", N_("Year"), lambda r: str(r.year), lambda r: r.year),
    Column("category", N_("Category"), lambda r: category_label(r.category),
           lambda r: category_label(r.category).lower()),
    Column("due", N_("Total"), lambda r: money(r.due), lambda r: r.due, align_right=True),
    Column("paid", N_("Paid"), lambda r: money(r.paid), lambda r: r.paid, align_right=True),
    Column("outstanding", N_("Outstanding"), lambda r: money(r.outstanding), lambda r: r.outstanding,
           align_right=True),
    Column("due_on", N_("Due"), lambda r: day(r.due_on), lambda r: r.due_on, align_right=True),
    Column("status", N_("Status"), lambda r: r.status.label, lambda r: list(CallStatus).index(r.status)),
    Column("communication", N_("Communication"), lambda r: r.communication_text,
           lambda r: r.structured_communication),
)
STATUS_COLUMN = 8


def search_text(row: FeeCallRow) -> str:
    """What the search box finds a call by: the member, the invoice number (also as its digits: a number
    typed "2025-00063" is looked for as 202500063), the communication's digits."""
    number = (row.number or "").lower()
    digits = "".join(ch for ch in number if ch.isdigit())
    return f"{row.member_name.lower()} {number} {digits} {row.structured_communication}"


class FeeCallTableModel(ListTableModel):
    def __init__(self, parent=None):
        super().__init__(COLUMNS, parent, search_text=search_text)

    def role_data(self, row: FeeCallRow, column: Column, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column.key == "status":
            return colour(STATUS_COLOURS[row.status])
        return None


class FeeCallProxy(FilterProxy):
    """Filters on a status (None: all) and on the words typed (member, number or communication)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._column = None  # the service's order (by number) until the user sorts

    def set_filter(self, status: CallStatus | str | None = None, text: str = "") -> None:
        if isinstance(status, RowFilter):  # the base class's own call (set_search_text)
            super().set_filter(status)
            return
        status = CallStatus(status) if status else None  # a combo box hands the enum back as its value
        super().set_filter(RowFilter(text, key=(status,),
                                     accepts=None if status is None else (lambda row: row.status is status)))
