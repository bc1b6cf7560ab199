"""The member register as a paged Qt table model over services.members.MemberRow dataclasses.

The database filters, searches, sorts and counts (services/register_query.py); the model holds the
pages on screen (tables/list_model.PagedTableModel). data() is only asked for the rows on screen, so it
may format. The columns' `sort_key`s say how each column sorts; the search table's keys
(models/search.py) sort the same way in SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal

from clustermanager.i18n import N_, _
from clustermanager.services import register_query
from clustermanager.services.fees import category_label
from clustermanager.services.members import MemberRow
from clustermanager.services.register_query import Counts, RegisterFilter, Sort
from clustermanager.ui.common.numbers import day as _date
from clustermanager.ui.shell.style import colour
from clustermanager.ui.tables.list_model import ROW_ID_ROLE, Column, FirstPage, PagedTableModel
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
class RegisterQuery:
    filter: RegisterFilter
    sort: Sort
    today: dt.date
    counts: Counts | None = None  # known already (only the order changed): not counted again


class MemberTableModel(PagedTableModel):
    """Asks nothing of the database until `start()` (the screen's first refresh).

    A new filter shows its first page as soon as the rows are counted; the status bar's counts (of all
    members, active today, the SME share) follow in a second job, and `counts_arrived` says they are
    there. Counts that arrive for a filter no longer shown are dropped."""

    counts_arrived = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(COLUMNS, ctx, parent)
        self.today = dt.date.today()
        self.filter = RegisterFilter()
        self.order = Sort()
        self.started = False
        self.known_total = 0  # members in the register, as last counted

    def first(self, session, query: RegisterQuery) -> FirstPage:
        if query.counts is None:
            shown, rows = register_query.first_page(session, query.filter, query.sort, self.page_size,
                                                    today=query.today)
        else:  # only the order changed: the counts are known
            shown = query.counts.shown
            rows = register_query.page(session, query.filter, query.sort, 0, self.page_size, total=shown,
                                       today=query.today)
        return FirstPage(shown, rows, query.counts)

    def _first_loaded(self, generation: int, query, result: FirstPage) -> None:
        if generation == self._generation and result.extra is None:
            self._ask_counts(generation, query)  # asked before the callbacks, which may start another query
        super()._first_loaded(generation, query, result)

    def _ask_counts(self, generation: int, query: RegisterQuery) -> None:
        from clustermanager.ui import operations

        operations.query(self.ctx, lambda session: register_query.summary(session, query.filter, query.today),
                         owner=self, key="counts", label=_("Counting…"),
                         on_success=lambda counts: self._counts_loaded(generation, counts))

    def _counts_loaded(self, generation: int, counts: Counts) -> None:
        if generation != self._generation:
            return  # for a filter no longer shown
        self.extra, self.known_total = counts, counts.total
        self.counts_arrived.emit()

    @property
    def counting(self) -> bool:
        """The rows are shown, their counts not yet."""
        return self.loaded_once and not isinstance(self.extra, Counts)

    def page(self, session, query: RegisterQuery, offset: int, limit: int, total: int) -> list[MemberRow]:
        return register_query.page(session, query.filter, query.sort, offset, limit, total=total, today=query.today)

    def start(self, *, then=None, same_rows: bool = False) -> None:
        """Load (again) what the filter and the sort ask for; `same_rows`: only the order changed, so
        the counts are those of the query before."""
        self.started = True
        same = same_rows and self.loaded_once and self.query is not None and self.query.filter == self.filter
        known = self.extra if same and isinstance(self.extra, Counts) else None
        if not same:
            self.today = dt.date.today()
        self.set_query(RegisterQuery(self.filter, self.order, self.today, known), then=then)

    def set_filter(self, new: RegisterFilter, *, then=None) -> None:
        if new == self.filter and self.query is not None:
            return
        self.filter = new
        if self.started:
            self.start(then=then)

    def set_search_text(self, text: str) -> None:
        self.set_filter(replace(self.filter, text=text))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        new = Sort(self.columns[column].key, order == Qt.SortOrder.DescendingOrder)
        if new == self.order and self.query is not None:  # the header and the view both ask: once is enough
            return
        self.order = new
        if self.started:
            self.start(same_rows=True)

    def counts(self) -> Counts:
        """The status bar's counts; while they are being counted, the rows shown and the last total."""
        if isinstance(self.extra, Counts):
            return self.extra
        return Counts(len(self.rows), self.known_total, 0, None)

    def source_row(self, row: int) -> int:
        """The model is its own view (no proxy: the database sorts and filters)."""
        return row

    def role_data(self, row: MemberRow, column: Column, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and not row.is_active_on(self.today):
            return colour("muted")  # former (or not yet active) members are greyed out
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "contact_names":
            return row.contact_names or None
        return None
