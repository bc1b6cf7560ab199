"""Targets and results in the PDF (a section with the table and a chart per indicator), the workbook
(a sheet of numbers) and the template placeholders."""

from __future__ import annotations

import subprocess
from decimal import Decimal

import openpyxl
import pytest

from clustermanager.reports.figures import build_report
from clustermanager.reports.indicators import store
from clustermanager.reports.indicators.presentation import chart_specs
from clustermanager.reports.pdf import write_pdf
from clustermanager.reports.summary import figures_by_key
from clustermanager.reports.workbook import write_workbook
from tests.core.reports import world


@pytest.fixture
def with_targets(world_db):
    with world_db.session() as s:
        store.set_target(s, "activities", 2024, "2")
        store.set_target(s, "activities", 2025, "2")
        store.set_target(s, "new_members", None, "3", "clusterpact")
        return build_report(s, world.PERIOD, today=world.TODAY)


def test_the_workbook_sheet_holds_numbers(with_targets, tmp_path):
    path = tmp_path / "r.xlsx"
    write_workbook(with_targets, path, lang="en")
    ws = openpyxl.load_workbook(path)["Targets and results"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in ws[1]]
    assert header[2:6] == ["2024 target", "2024 result", "2025 target", "2025 result"]
    assert rows["activities"][2:6] == (2, 1, 2, 2) and all(isinstance(v, int | float) for v in rows["activities"][2:6])
    assert rows["new_members"][6:9] == (3, 1, "behind")


@pytest.mark.parametrize(("lang", "title"), [("en", "Targets and results"), ("nl", "Streefwaarden en resultaten"),
                                             ("fr", "Objectifs et résultats")])
def test_the_pdf_has_the_section_in_each_language(with_targets, tmp_path, lang, title):
    path = tmp_path / "r.pdf"
    write_pdf(with_targets, path, lang=lang)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert title in text


def test_a_chart_per_indicator_with_a_target(with_targets):
    specs = {s.key: s for s in chart_specs(with_targets.targets, "en")}
    assert set(specs) == {"indicator.activities", "indicator.new_members"}
    assert specs["indicator.activities"].categories == ("2024", "2025")
    assert specs["indicator.activities"].series[0].values == (Decimal(1), Decimal(2))
    assert specs["indicator.activities"].targets == (Decimal(2), Decimal(2))


def test_placeholders_for_targets(with_targets):
    figures = figures_by_key(with_targets)
    assert figures["targets.activities.2025.target"].value == 2
    assert figures["targets.activities.2025.result"].value == 2
    assert figures["targets.new_members.period.target"].value == 3
    assert figures["targets.new_members.status"].value == "behind"
