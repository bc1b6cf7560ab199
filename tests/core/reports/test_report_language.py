"""The report language is chosen per export: the same report in Dutch and in French, read back from
the workbook and the PDF, while the app keeps speaking English."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess

import openpyxl
import pytest

from clustermanager.i18n import _, current_language
from clustermanager.reports.outputs import write_outputs
from clustermanager.reports.summary import MONEY, SHARE, format_as
from clustermanager.reports.tables import list_tables
from clustermanager.reports.workbook import EURO_FORMAT

EXPECTED = {  # (summary sheet, members sheet, a figure label, a PDF heading, the footer, a share in the PDF)
    "nl": ("Samenvatting", "Leden", "Leden op het einde van de periode", "Kerncijfers", "pagina 2 van", "10,0%"),
    "fr": ("Résumé", "Membres", "Membres à la fin de la période", "Chiffres clés", "page 2 sur", "10,0 %"),
}


def _write(report, folder, lang):
    xlsx, pdf = folder / f"r-{lang}.xlsx", folder / f"r-{lang}.pdf"
    write_outputs(report, xlsx=xlsx, pdf=pdf, lang=lang)
    return xlsx, pdf


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_workbook_in_the_chosen_language_keeps_numbers(report, tmp_path, lang):
    summary, members, end_label, *_rest = EXPECTED[lang]
    xlsx, _pdf = _write(report, tmp_path, lang)
    book = openpyxl.load_workbook(xlsx)
    targets = {"nl": "Streefwaarden en resultaten", "fr": "Objectifs et résultats"}[lang]
    assert book.sheetnames[:3] == [summary, targets, members]
    values = {row[0].value: row[1] for row in book[summary].iter_rows() if row[0].value and len(row) > 1}
    assert values[end_label].value == 4
    assert values["Budget"].value == 10000 and values["Budget"].number_format == EURO_FORMAT  # a number, not text
    assert current_language() == "en" and _("Members") == "Members"  # the app's language did not switch


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_pdf_in_the_chosen_language(report, tmp_path, lang):
    *_sheets, end_label, heading, footer, share = EXPECTED[lang]
    _xlsx, pdf = _write(report, tmp_path, lang)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout.replace("\u00a0", " ")  # pdftotext may write a plain space
    assert heading in text and footer in text and share in text
    assert "10.000,00 EUR" in text  # the budget, Belgian notation in both languages
    assert "Key figures" not in text and "Members by kind" not in text  # nothing left in English
    assert current_language() == "en"


def test_formats_follow_the_language_not_the_app():
    from decimal import Decimal

    assert format_as(Decimal("264000"), MONEY, lang="nl") == "264.000,00 EUR"
    assert format_as(Decimal("264000"), MONEY) == "264,000.00 EUR"  # the app's English
    assert format_as(Decimal("0.8333"), SHARE, lang="fr") == "83,3\u00a0%"
    assert format_as(dt.date(2025, 12, 31), "date", lang="nl") == "31/12/2025"


def test_fee_categories_are_labelled_in_the_report(report):
    calls = tuple(dataclasses.replace(c, category="small") for c in report.finance.calls)
    data = dataclasses.replace(report, finance=dataclasses.replace(report.finance, calls=calls))
    for lang, expected in (("en", "Small company"), ("nl", "Kleine onderneming"), ("fr", "Petite entreprise")):
        table = next(t for t in list_tables(data, lang) if t.key == "fee_calls")
        column = next(i for i, c in enumerate(table.columns) if c.kind == "text" and i == 3)
        assert {row[column] for row in table.rows} == {expected}
