"""The generic register model and proxy (activities, projects) pass Qt's model checks and filter right."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt

from clustermanager.models import ProjectKind, ProjectStatus
from clustermanager.services.projects import ProjectRow
from clustermanager.ui.projects.screen import PROJECT_COLUMNS
from clustermanager.ui.tables.row_table import RowFilter, RowProxyModel, RowTableModel


def _rows() -> list[ProjectRow]:
    return [ProjectRow(i, ProjectKind.B2B if i % 2 else ProjectKind.COMMON_TOOLS, f"Project {i}",
                       ProjectStatus.RUNNING, dt.date(2024, 1, i), None, Decimal(i * 1000), None, 3, i % 4,
                       "Lead NV", search_text=f"project {i} lead nv") for i in range(1, 11)]


def test_models_pass_the_qt_model_tester(qtmodeltester):
    model = RowTableModel(PROJECT_COLUMNS, warn=lambda r: not r.meets_company_rule)
    model.set_rows(_rows())
    qtmodeltester.check(model)
    proxy = RowProxyModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_proxy_filters_by_predicate_and_words_and_sorts():
    model = RowTableModel(PROJECT_COLUMNS, warn=lambda r: not r.meets_company_rule)
    model.set_rows(_rows())
    proxy = RowProxyModel()
    proxy.setSourceModel(model)
    proxy.set_filter(RowFilter("", ("b2b",), lambda r: r.kind is ProjectKind.B2B))
    assert [r.id for r in proxy.shown_rows()] == [1, 3, 5, 7, 9]
    proxy.set_filter(RowFilter("project 7", ("b2b",), lambda r: r.kind is ProjectKind.B2B))
    assert [r.id for r in proxy.shown_rows()] == [7]
    proxy.set_filter(RowFilter())
    budget = next(i for i, c in enumerate(PROJECT_COLUMNS) if c.key == "budget")
    proxy.sort(budget, Qt.SortOrder.DescendingOrder)
    assert [r.id for r in proxy.shown_rows()][:3] == [10, 9, 8]
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # 1 company: amber
    assert model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) is None  # 3 companies
