"""Fees received said two ways (on the period's calls / cash during the period), projects counted two
ways (started in / under way in the period), and the outputs a reviewer reads: every output agrees,
each total says which it is. Hand-built on tests/core/reports/world.py, so every number is known:

- fees, on top of the world's: a 2024 call of Alpha (500 + 105 VAT) paid on 10/02/2025 (cash in 2025
  for another year's call); a 2025 call of =Evil (200 + 42 VAT) paid early on 20/12/2024 (the period's
  call, cash before the period); Alpha pays 100.00 above its paid 2025 call (a credit); 75.00 from an
  unknown payer (unmatched); Gamma's 2025 call paid on 10/01/2026 (after the period: in neither).
  On the period's calls by 31/12/2025: 1,210 + 242 = 1,452. Cash during 2025: 1,210 on the period's
  calls + 605 on other years' + 100 credit = 1,915 for fees, and 75 unmatched.
- projects: started in 2025 only "Shared robots" (b2b, running, 3 companies); under way also "Academy"
  (education, completed 30/06/2025, 1 company).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import select

from clustermanager.models import FeeCall, Member, MemberKind, Payment
from clustermanager.reports.figures import build_report
from clustermanager.reports.pdf import write_pdf
from clustermanager.reports.reader_order import reader_key, row_count
from clustermanager.reports.summary import figures_by_key
from clustermanager.reports.template import fill_template
from clustermanager.reports.workbook import write_workbook
from clustermanager.services import payments
from tests.core.reports import world

D = dt.date
pytestmark = pytest.mark.postgres  # the figures must agree on SQLite and PostgreSQL


@pytest.fixture
def two_ways(world_db):
    with world_db.session() as s:
        ids = {m.name: m.id for m in s.scalars(select(Member))}
        alpha, evil, gamma = ids["Alpha BV"], ids[world.EVIL], ids["Gamma SA"]
        old = FeeCall(member_id=alpha, year=2024, number="2024-00001", amount=Decimal("500"), vat_rate=Decimal("21"),
                      vat_amount=Decimal("105"), issued_on=D(2024, 2, 1), due_on=D(2024, 3, 31),
                      structured_communication="202400000198")
        early = FeeCall(member_id=evil, year=2025, number="2025-00003", amount=Decimal("200"), vat_rate=Decimal("21"),
                        vat_amount=Decimal("42"), issued_on=D(2024, 12, 1), due_on=D(2025, 1, 31),
                        structured_communication="202500000391")
        s.add_all([old, early])
        s.flush()
        s.add_all([Payment(fee_call_id=old.id, paid_on=D(2025, 2, 10), amount=Decimal("605")),
                   Payment(fee_call_id=early.id, paid_on=D(2024, 12, 20), amount=Decimal("242")),
                   Payment(paid_on=D(2025, 6, 1), amount=Decimal("75.00"), counterparty_name="Unknown payer")])
        paid = s.scalar(select(FeeCall.id).where(FeeCall.number == "2025-00001"))
        payments.record_payment(s, paid, Decimal("100.00"), D(2025, 4, 1), allow_overpayment=True)
        gamma_call = s.scalar(select(FeeCall.id).where(FeeCall.member_id == gamma, FeeCall.year == 2025))
        payments.record_payment(s, gamma_call, Decimal("605"), D(2026, 1, 10))
        s.add_all([Member(name=name, kind=MemberKind.COMPANY, joined_on=D(2025, 1, 1), country="BE",
                          enterprise_number="0403170701" if name == "Ébène BV" else None)
                   for name in ("eclat NV", "Ébène BV", "Dijle CV")])
    with world_db.session() as s:
        return build_report(s, world.PERIOD, today=D(2026, 6, 1))


def test_the_two_fee_figures_and_what_each_counts(two_ways):
    f = two_ways.finance
    assert f.fees_received == Decimal("1452.00")  # the period's calls, whenever paid, by 31/12/2025
    assert (f.cash_on_period_calls, f.cash_on_other_calls, f.cash_to_credit) == (
        Decimal("1210.00"), Decimal("605.00"), Decimal("100.00"))
    assert f.cash_received == Decimal("1915.00") and f.cash_unmatched == Decimal("75.00")
    assert f.fees_received_excl_vat == Decimal("1200.00")  # self-funding: the period's calls, excl. VAT
    assert f.self_funding_share == Decimal("0.1200")  # 1,200 of the 10,000 budget
    figures = figures_by_key(two_ways)
    assert figures["finance.cash_received"].value == f.cash_received
    assert "fee calls" in figures["finance.fees_received"].label and "31/12/2025" in figures["finance.fees_received"].label
    assert "during the period" in figures["finance.cash_received"].label


def test_projects_started_and_under_way(two_ways):
    p = two_ways.projects
    assert (p.total, p.started) == (2, 1)
    assert p.by_kind == {"b2b": 1, "education_training": 1} and p.started_by_kind == {"b2b": 1}
    assert p.by_status == {"running": 1, "completed": 1} and p.started_by_status == {"running": 1}
    assert (p.meeting_company_rule, p.started_meeting_company_rule) == (1, 1)
    figures = figures_by_key(two_ways)
    assert figures["projects.started.by_kind.b2b"].value == 1
    assert figures["projects.started.by_kind.education_training"].value == 0
    assert figures["projects.by_kind.education_training"].value == 1


def _sheet_values(ws) -> dict[str, object]:
    return {row[0].value: row[1].value for row in ws.iter_rows() if row[0].value and len(row) > 1}


def test_workbook_payments_sheet_agrees_and_prints_well(two_ways, tmp_path):
    target = tmp_path / "report.xlsx"
    write_workbook(two_ways, target, lang="en")
    book = openpyxl.load_workbook(target)
    summary = _sheet_values(book["Summary"])
    cash_label = "Cash received during the period for fees, calls of any year (incl. VAT)"
    assert Decimal(str(summary[cash_label])) == Decimal("1915")
    assert Decimal(str(summary["Received on the period's fee calls by 31/12/2025 (incl. VAT)"])) == Decimal("1452")
    assert summary["Projects started in the period"] == 1 and summary["Projects under way in the period"] == 2
    sheet = book["Payments"]
    footer = {row[2].value: row[1].value for row in sheet.iter_rows() if row[2].value and row[1].value is not None
              and not isinstance(row[1].value, dt.datetime)}
    assert Decimal(str(footer[cash_label])) == Decimal("1915")
    assert Decimal(str(footer["above what a call asked (members' credit)"])) == Decimal("100")
    assert Decimal(str(footer["Received during the period, not matched to a fee call"])) == Decimal("75")
    assert any(str(v).startswith("=SUBTOTAL") for v in footer.values())  # every payment listed, said so
    assert "Every payment received in the period (incl. VAT)" in footer
    paid_for = [row[7].value for row in sheet.iter_rows(min_row=2, max_row=6)]
    assert "on fee calls of other years" in paid_for and "not matched to a fee call" in paid_for
    # print setup: fit to the width, the header row on every page, page numbers
    for ws in book.worksheets:
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
    assert book["Payments"].print_title_rows == "$1:$1" and book["Summary"].print_title_rows == "$1:$3"
    assert book["Fee calls"].page_setup.orientation == "landscape"
    # the narrative: one row per line, an empty row before the next title
    rows = [r[0].value for r in book["Summary"].iter_rows()]
    at = rows.index("Challenges")
    assert rows[at + 1] == "+ More members" and rows[at + 2] is None and rows[at + 3] == "Plans"


def test_template_placeholders_agree(two_ways, tmp_path):
    template = tmp_path / "agency.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "{{finance.cash_received}}"
    book.active["A2"] = "{{finance.fees_received}}"
    book.active["A3"] = "{{projects.started.by_kind.b2b}}"
    book.active["A4"] = "{{projects.started_meeting_company_rule}}"
    book.save(template)
    fill_template(two_ways, template, tmp_path / "filled.xlsx", lang="en")
    ws = openpyxl.load_workbook(tmp_path / "filled.xlsx").active
    assert [Decimal(str(ws[c].value)) for c in ("A1", "A2")] == [Decimal("1915"), Decimal("1452")]
    assert (ws["A3"].value, ws["A4"].value) == (1, 1)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_pdf_says_both_and_sorts_the_appendix_as_a_reader(two_ways, tmp_path):
    target = tmp_path / "report.pdf"
    write_pdf(two_ways, target, lang="en", exported_on=D(2026, 6, 1))
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], check=True, capture_output=True,
                          text=True).stdout
    flat = " ".join(text.split())
    lines = text.splitlines()  # a long label wraps; its value stands on its first line
    assert any("Cash received during the period for fees, calls of any" in line and "1,915.00 EUR" in line
               for line in lines)
    assert "Received on the period's fee calls by 31/12/2025 (incl. VAT) 1,452.00 EUR" in flat
    assert "Projects started in the period 1" in flat and "Projects under way in the period 2" in flat
    assert "Figures as they stood on 31/12/2025" in flat
    members = text[text.index("Appendix A"):text.index("Appendix B")]
    order = [name for name in ("Alpha BV", "Beta NV", "Dijle CV", "Ébène BV", "eclat NV", "Gamma SA") if name in members]
    assert sorted(order, key=lambda n: members.index(n)) == ["Alpha BV", "Beta NV", "Dijle CV", "Ébène BV",
                                                            "eclat NV", "Gamma SA"]
    assert "0403.170.701" in members  # the enterprise number is listed
    assert "8 members" in members  # counted in words, not "8 lines"
    assert "The 4 payments of the period are listed in the Excel workbook (sheet “Payments”)." in flat


def test_reader_order_and_counts_in_words():
    names = ["eclat", "Zeta", "Ébène", "ebben", "Eclat", "de Smet", "De Smet", "Dijle"]
    assert sorted(names, key=reader_key) == ["De Smet", "de Smet", "Dijle", "ebben", "Ébène", "Eclat", "eclat",
                                             "Zeta"]
    assert row_count("members", 102, "en") == "102 members" and row_count("activities", 1, "en") == "1 activity"
    assert row_count("members", 1234, "nl") == "1.234 leden"
    assert row_count("projects", 2, "fr") == "2 projets"


def test_a_report_frozen_before_these_figures_shows_them_empty_not_zero(two_ways):
    from clustermanager.reports.data import ReportData, from_dict, to_dict
    from clustermanager.reports.summary import format_value

    old = to_dict(two_ways)
    for key in ("cash_received", "cash_on_period_calls", "cash_on_other_calls", "cash_to_credit", "cash_unmatched",
                "credits_refunded"):
        del old["finance"][key]
    del old["projects"]["started_by_kind"], old["projects"]["started_by_status"]
    figures = figures_by_key(from_dict(ReportData, old))
    assert figures["finance.cash_received"].value is None and format_value(figures["finance.cash_received"]) == ""
    assert "projects.started.by_kind.b2b" not in figures
    assert figures["finance.fees_received"].value == Decimal("1452.00")  # what it had stays


def test_the_exchange_workbook_prints_too(world_db, tmp_path):
    from clustermanager.io.workbook_exchange import export_workbook

    target = tmp_path / "everything.xlsx"
    with world_db.session() as s:
        export_workbook(s, target)
    book = openpyxl.load_workbook(target)
    for ws in book.worksheets:
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1" and ws.oddFooter.right.text == "&P / &N"
        assert ws.oddFooter.left.text == "&A"
