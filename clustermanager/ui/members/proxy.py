"""The member register's filters (kind, size class, membership status on a day) and its counts.

The sorting and searching are the one fast proxy's (tables/filter_proxy.py); this subclass filters
with the register's precomputed flags, so "active today" over 100,000 members is one list operation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import compress

from clustermanager.models import MemberKind, SizeClass
from clustermanager.ui.members.table_model import MemberTableModel
from clustermanager.ui.tables.filter_proxy import FilterProxy, search_words


@dataclass(frozen=True)
class MemberFilter:
    text: str = ""
    kind: MemberKind | None = None
    size_class: SizeClass | None = None
    status: str = "all"  # "all", "active" (on `day`) or "former" (left before `day`)
    day: dt.date | None = None  # None: today

    accepts = None  # the member filters are applied by MemberProxyModel._filtered

    def words(self) -> list[str]:
        return search_words(self.text)


@dataclass(frozen=True)
class Counts:
    shown: int
    total: int
    active: int  # of the shown rows, active today
    sme_share: float | None  # SMEs among the shown active companies (None: no companies)


class MemberProxyModel(FilterProxy):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.filter = MemberFilter()

    def source(self) -> MemberTableModel:
        return self.sourceModel()

    def _filtered(self, perm: list[int]) -> list[int]:
        model, f = self.source(), self.filter
        rows, base = model.rows, perm
        if f.kind is not None:
            base = [i for i in base if rows[i].kind == f.kind]
        if f.size_class is not None:
            base = [i for i in base if rows[i].size_class == f.size_class]
        if f.status != "all":
            day = f.day or model.today
            if f.status == "active" and day == model.today:
                active = model.row_flags()[0]
                base = list(compress(base, map(active.__getitem__, base)))
            elif f.status == "active":
                base = [i for i in base if rows[i].is_active_on(day)]
            else:
                base = [i for i in base if rows[i].left_on is not None and rows[i].left_on < day]
        return base

    def counts(self) -> Counts:
        model = self.source()
        active_flags, company_flags, sme_flags = model.row_flags()
        shown = self._rows
        active = list(compress(shown, map(active_flags.__getitem__, shown)))
        companies = sum(map(company_flags.__getitem__, active))
        smes = sum(map(sme_flags.__getitem__, active))
        return Counts(len(shown), len(model.rows), len(active), smes / companies if companies else None)
