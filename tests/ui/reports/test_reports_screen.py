"""The reports screen driven like a user: pick a period, read the figures, write the story, export."""

from __future__ import annotations

import openpyxl
import pytest

from clustermanager.i18n import current_language
from clustermanager.reports import archive as report_archive
from clustermanager.reports import narrative as report_narrative
from clustermanager.reports.figures import build_report
from clustermanager.reports.period import year_period
from clustermanager.ui.common import dialogs
from clustermanager.ui.reports import screen as screen_module
from clustermanager.ui.reports.chart import ReportChart


@pytest.fixture
def reports(window, qtbot):
    screen = window.show_screen("reports")
    assert window.ctx.tasks.wait_idle()
    assert window.ctx.tasks.wait_idle()
    return screen


def choose(screen, window, text: str) -> None:
    screen.period_box.setEditText(text)
    screen.show_button.click()
    assert window.ctx.tasks.wait_idle()


def test_figures_and_charts_match_build_report(reports, window, demo_db):
    choose(reports, window, "2024")
    with demo_db.session() as s:
        expected = build_report(s, year_period(2024))
    assert reports.data.period.label == "2024"
    assert reports.figure_text("members.end.total") == str(expected.members.end.total)
    assert reports.figure_text("activities.total") == str(expected.activities.activities)
    charts = reports.charts()
    assert all(isinstance(c, ReportChart) for c in charts)
    assert [c.spec.key for c in charts] == ["members_by_kind", "activities_by_kind", "fees", "projects_by_kind"]
    charts[0].grab()  # paints without error


def test_bad_period_is_reported_and_nothing_breaks(reports, window, shown_messages):
    choose(reports, window, "someday")
    assert len(shown_messages) == 1 and "Period: " in shown_messages[0][1]  # the field's label


def test_export_excel_saves_the_narrative_and_opens_the_file(reports, window, demo_db, tmp_path, monkeypatch):
    choose(reports, window, "2024")
    target = tmp_path / "report.xlsx"
    opened = []
    monkeypatch.setattr(screen_module, "ask_save_path", lambda *_a: str(target))
    monkeypatch.setattr(screen_module, "open_file", opened.append)
    reports.story["plans"].setPlainText("Grow to 200 members – ça marche.")
    reports.xlsx_button.click()
    assert window.ctx.tasks.wait_idle()
    assert opened == [str(target)]
    book = openpyxl.load_workbook(target)
    values = [c.value for row in book["Summary"].iter_rows() for c in row]
    assert "Grow to 200 members – ça marche." in values
    with demo_db.session() as s:
        assert report_narrative.get_narrative(s, year_period(2024)).plans == "Grow to 200 members – ça marche."


def test_export_in_the_report_language_while_the_app_stays_english(reports, window, tmp_path, monkeypatch):
    choose(reports, window, "2024")
    assert reports.report_language() == current_language() == "en"  # the default: the app's language
    reports.language_box.setCurrentIndex(reports.language_box.findData("nl"))
    target = tmp_path / "rapport.xlsx"
    monkeypatch.setattr(screen_module, "ask_save_path", lambda *_a: str(target))
    monkeypatch.setattr(screen_module, "open_file", lambda _p: None)
    reports.xlsx_button.click()
    assert window.ctx.tasks.wait_idle()
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[:3] == ["Samenvatting", "Streefwaarden en resultaten", "Leden"]
    assert current_language() == "en" and reports.xlsx_button.text() == "Export Excel…"


def test_submit_then_export_again_and_compare(reports, window, demo_db, tmp_path, monkeypatch):
    choose(reports, window, "2025")
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    reports.submit_button.click()
    assert window.ctx.tasks.wait_idle()
    assert reports.frozen.rowCount() == 1
    with demo_db.session() as s:
        assert len(report_archive.list_frozen(s)) == 1
    reports.frozen.selectRow(0)
    target = tmp_path / "again.pdf"
    monkeypatch.setattr(screen_module, "ask_save_path", lambda *_a: str(target))
    monkeypatch.setattr(screen_module, "open_file", lambda _p: None)
    reports.frozen_pdf.click()
    assert window.ctx.tasks.wait_idle()
    assert target.read_bytes().startswith(b"%PDF")
    reports.frozen_changes.click()
    assert window.ctx.tasks.wait_idle()
    assert "Nothing changed" in reports.message.text()
