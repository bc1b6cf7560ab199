"""Every legal mention on the invoice and credit note PDFs, read back in nl, fr and en; and no text
overlaps another, with the longest member and category names."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from clustermanager.reports import invoices
from clustermanager.reports.invoice_pdf import LayoutCanvas
from clustermanager.services import fees
from tests.helpers import invoiceworld

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")

LABELS = {  # the words each language's invoice must carry, formal wording
    "nl": {"invoice": ["Factuur", "Factuurnummer", "Factuurdatum", "Vervaldatum", "Lidgeld 2025", "Aantal",
                       "Eenheidsprijs", "Maatstaf van heffing aan 21%", "Btw aan 21%", "Totaal inclusief btw",
                       "Ondernemingsnummer 0417.497.106", "RPR Gent, afdeling Gent", "Btw BE 0417.497.106",
                       "Periode: 01/01/2025 tot 31/12/2025", "Klant"],
           "exempt": ["Vrijgesteld van btw: Art. 44, §2, 11° WBTW."],
           "reverse": ["Btw verlegd: de btw is verschuldigd door de afnemer"],
           "credit": ["Creditnota", "Nummer creditnota", "Crediteert factuur", "Korting afgesproken",
                      "Btw terug te storten aan de Staat"]},
    "fr": {"invoice": ["Facture", "Numéro de facture", "Date de facture", "Date d'échéance", "Cotisation 2025",
                       "Qté", "Prix unitaire", "Base d'imposition à 21 %", "TVA à 21 %", "Total TVA comprise",
                       "Numéro d'entreprise 0417.497.106", "RPR Gent, afdeling Gent", "TVA BE 0417.497.106",
                       "Période : du 01/01/2025 au 31/12/2025", "Client"],
           "exempt": ["Exonéré de TVA : Art. 44, §2, 11° WBTW."],
           "reverse": ["Autoliquidation : la TVA est due par le preneur"],
           "credit": ["Note de crédit", "Numéro de la note de crédit", "Crédite la facture", "Korting afgesproken",
                      "TVA à reverser à l'État"]},
    "en": {"invoice": ["Invoice", "Invoice number", "Invoice date", "Due date", "Membership fee 2025", "Qty",
                       "Unit price", "Taxable amount at 21%", "VAT at 21%", "Total including VAT",
                       "Enterprise number 0417.497.106", "RPR Gent, afdeling Gent", "VAT BE 0417.497.106",
                       "Period: 01/01/2025 to 31/12/2025", "Customer"],
           "exempt": ["Exempt from VAT: Art. 44, §2, 11° WBTW."],
           "reverse": ["Reverse charge: the VAT is due by the customer"],
           "credit": ["Credit note", "Credit note number", "Credits invoice", "Korting afgesproken",
                      "VAT to be repaid to the State"]},
}
FILE_PREFIX = {"nl": ("factuur-", "creditnota-"), "fr": ("facture-", "note-de-credit-"),
               "en": ("invoice-", "credit-note-")}


@pytest.fixture
def world(session):
    return session, invoiceworld.build(session)


def _text(pdf) -> str:
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@needs_pdftotext
@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_every_legal_mention_in_each_language(world, tmp_path, lang):
    session, ids = world
    out = tmp_path / "new" / lang  # the folder does not exist yet: it is made
    paths = invoices.export_invoices(session, 2025, out, call_ids=[ids["taxed"], ids["exempt"],
                                                                    ids["reverse_charge"]], lang=lang)
    assert all(p.name.startswith(FILE_PREFIX[lang][0]) for p in paths)
    taxed, exempt, reverse = (_text(p) for p in paths)
    call = fees.get_call(session, ids["taxed"])
    money = invoices.money
    for word in LABELS[lang]["invoice"]:
        assert word in taxed, (lang, word, taxed)
    for value in (call.number, "Test Cluster vzw", "Big NV", "BE 0403.199.702", call.communication_text,
                  money(call.amount, lang), money(call.vat_amount, lang), money(call.total, lang), "Dok 1", "9000 Gent",
                  "Markt 1"):
        assert value in taxed, (lang, value)
    for word in LABELS[lang]["exempt"]:
        assert word in exempt, (lang, word, exempt)
    for word in LABELS[lang]["reverse"] + ["DE136695976"]:
        assert word in reverse, (lang, word, reverse)
    [note] = invoices.export_credit_notes(session, [ids["credit_note"]], out, lang=lang, ubl=False)
    assert note.name.startswith(FILE_PREFIX[lang][1])
    text = _text(note)
    for word in LABELS[lang]["credit"] + [call.number, "CN2025-00001", money(call.total - call.total + 100, lang)]:
        assert word in text, (lang, word, text)


def _overlaps(boxes):
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a[0] < b[2] - 0.3 and b[0] < a[2] - 0.3 and a[1] < b[3] - 0.3 and b[1] < a[3] - 0.3:
                found.append((a[4], b[4]))
    return found


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
@pytest.mark.parametrize("kind", ["long", "taxed", "exempt", "reverse_charge", "credit_note"])
def test_no_text_overlaps_another(world, tmp_path, lang, kind):
    session, ids = world
    if kind == "credit_note":
        [d] = invoices.load_credit_note_data(session, [ids[kind]], lang)
    else:
        [d] = invoices.load_invoice_data(session, [ids[kind]], lang)
    canvas = LayoutCanvas(str(tmp_path / "x.pdf"))
    canvas.boxes = []
    invoices.draw_document(canvas, d)
    assert canvas.boxes and _overlaps(canvas.boxes) == []
    assert all(b[0] >= 0 and b[2] <= 210 * 72 / 25.4 and b[1] >= 0 for b in canvas.boxes), "off the page"


def test_the_overlap_check_would_see_an_overlap(tmp_path):
    canvas = LayoutCanvas(str(tmp_path / "x.pdf"))
    canvas.boxes = []
    canvas.setFont("Helvetica", 10)
    canvas.drawString(100, 100, "Unit price")
    canvas.drawRightString(150, 100, "VAT rate")
    assert _overlaps(canvas.boxes)
