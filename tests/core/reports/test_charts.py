from __future__ import annotations

from decimal import Decimal

import pytest

from clustermanager.reports.charts import chart_specs
from clustermanager.reports.pdf import BOLD, FONT, register_fonts
from clustermanager.reports.pdf_charts import chart_drawing


def test_one_chart_spec_per_chart_with_the_report_figures(report):
    specs = {s.key: s for s in chart_specs(report)}
    members = specs["members_by_kind"]
    assert members.categories[:2] == ("Company", "Knowledge institution")
    assert [s.values[0] for s in members.series] == [3, 3]  # companies at the start and at the end
    assert specs["activities_by_kind"].categories == ("Workshop", "Webinar")
    fees = specs["fees"]
    assert fees.categories == ("2025",)
    assert [s.values for s in fees.series] == [(Decimal("1815.00"),), (Decimal("1210.00"),)]
    assert specs["projects_by_kind"].series[0].values == (1, 1)


def test_empty_chart_says_so(report):
    register_fonts()
    spec = next(s for s in chart_specs(report) if s.key == "projects_by_kind")
    empty = type(spec)(spec.key, spec.title, (), (), spec.value_kind)
    assert empty.is_empty
    drawing = chart_drawing(empty, 400, FONT, BOLD)
    assert any(getattr(c, "text", "") == "No data for this period." for c in drawing.contents)


def test_pdf_chart_labels_turn_reportlab_floats_back_into_exact_numbers():
    from clustermanager.reports.pdf_charts import _axis_label

    assert _axis_label(150000.0, True, "nl") == "150.000 EUR"  # reportlab hands ticks back as floats
    assert _axis_label(1234.0000000002, False, "fr") == "1.234"
    assert _axis_label(2500.0, True, "en") == "2,500 EUR"


@pytest.mark.parametrize(("top", "end", "step"), [
    (205_758.15, 250_000, 50_000), (200_000, 200_000, 50_000), (6, 6, 2), (7, 8, 2), (0.4, 0.4, 0.1), (83, 100, 20),
])
def test_the_value_axis_ends_at_or_above_the_longest_bar_on_a_round_step(top, end, step):
    from clustermanager.reports.pdf_charts import nice_axis

    got_end, got_step = nice_axis(top)
    assert got_end >= top
    assert (got_end, got_step) == pytest.approx((end, step))


def test_axis_and_bar_labels_keep_the_decimals_of_a_small_ratio():
    from clustermanager.reports.pdf_charts import _axis_label

    assert [_axis_label(v, False, "en") for v in (0.0, 0.5, 1.0, 1.5, 2.0)] == ["0", "0.5", "1", "1.5", "2"]
    assert _axis_label(1.12, False, "nl") == "1,12" and _axis_label(3.0, False, "nl") == "3"
    assert _axis_label(12500.0, True, "nl") == "12.500 EUR"
