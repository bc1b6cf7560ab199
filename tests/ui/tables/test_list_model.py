"""The one list-model base and the one fast proxy, checked by Qt's own model tester and by what they show."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from clustermanager.ui.tables.filter_proxy import FilterProxy, RowFilter, search_words
from clustermanager.ui.tables.list_model import ROW_ID_ROLE, Column, ListTableModel


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    amount: int

    @property
    def search_text(self) -> str:
        return self.name.lower()


COLUMNS = (Column("name", "Name", lambda r: r.name, lambda r: r.name.lower()),
           Column("amount", "Amount", lambda r: str(r.amount), lambda r: r.amount, align_right=True))
ROWS = [Row(1, "Zeta", 5), Row(2, "alpha", 30), Row(3, "Beta", 10)]


def _model():
    model = ListTableModel(COLUMNS)
    model.set_rows(ROWS)
    return model


def test_the_base_answers_qt_as_a_table(qtmodeltester):
    model = _model()
    qtmodeltester.check(model)
    assert model.index(1, 0).data() == "alpha" and model.index(1, 0).data(ROW_ID_ROLE) == 2
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Amount"
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.sort_keys(1) == [5, 30, 10] and model.search_texts() == ["zeta", "alpha", "beta"]


def test_the_proxy_sorts_filters_and_searches(qtmodeltester):
    proxy = FilterProxy()
    proxy.setSourceModel(_model())
    qtmodeltester.check(proxy)
    assert [r.name for r in proxy.shown_rows()] == ["alpha", "Beta", "Zeta"]  # by name, case-insensitive
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert [r.amount for r in proxy.shown_rows()] == [30, 10, 5]
    proxy.set_filter(RowFilter("", key=("big",), accepts=lambda r: r.amount >= 10))
    assert [r.name for r in proxy.shown_rows()] == ["alpha", "Beta"]
    proxy.set_search_text("bet")
    assert [r.name for r in proxy.shown_rows()] == ["Beta"] and proxy.row_at(0).id == 3
    qtmodeltester.check(proxy)


def test_numbers_are_looked_for_as_their_digits():
    assert search_words("0417.497.106") == ["0417497106"]
    assert search_words("+++123/4567/89012+++") == ["123456789012"]
    assert search_words("Acme NV") == ["acme", "nv"]
