"""Invoice and reminder PDFs: written atomically, and their EPC QR code decodes to the payment asked."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest

from clustermanager.reports import invoices
from clustermanager.services import fees, invoicing, payments
from tests.helpers import feeworld

needs_zbar = pytest.mark.skipif(not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
                                reason="zbarimg (zbar-tools) and pdftoppm (poppler-utils) are not installed")


@pytest.fixture
def calls(session):
    ids = feeworld.build(session)
    created = fees.generate_calls(session, 2025, issued_on=dt.date(2025, 2, 1)).created
    return session, {c.member_id: c for c in created}, ids


def _qr_payloads(pdf, tmp_path) -> list[str]:
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(pdf), str(tmp_path / "page")], check=True)
    out = []
    for png in sorted(tmp_path.glob("page*.png")):
        result = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
        out.append(result.stdout.rstrip("\n"))
    return out


@needs_zbar
def test_invoice_qr_decodes_to_the_amount_and_structured_communication(calls, tmp_path):
    session, created, ids = calls
    call = created[ids["big"]]
    payments.record_payment(session, call.id, "1000", dt.date(2025, 2, 10))  # partly paid: QR asks the rest
    out = tmp_path / "out"
    out.mkdir()
    [pdf] = invoices.export_invoices(session, 2025, out, call_ids=[call.id])
    assert pdf.read_bytes().startswith(b"%PDF") and not list(out.glob("*.partial"))
    [payload] = _qr_payloads(pdf, tmp_path)
    lines = payload.split("\n")
    assert lines[0:4] == ["BCD", "002", "1", "SCT"]
    assert lines[6] == "BE71096123456769" and lines[5] == "Test Cluster"
    assert Decimal(lines[7].removeprefix("EUR")) == Decimal("2630.00")
    assert lines[9] == call.structured_communication


@needs_zbar
def test_batch_and_reminders_one_page_per_call(calls, tmp_path):
    session, created, ids = calls
    out = tmp_path / "out"
    out.mkdir()
    [batch] = invoices.export_invoices(session, 2025, out, batch=True)
    assert batch.name == "invoices-2025.pdf"
    (tmp_path / "b").mkdir()
    assert len(_qr_payloads(batch, tmp_path / "b")) == 4
    later = dt.date(2025, 6, 1)
    reminders, reminded = invoices.export_reminders(session, out / "reminders.pdf", today=later)
    (tmp_path / "r").mkdir()
    assert len(_qr_payloads(reminders, tmp_path / "r")) == 3  # late joiner is not overdue yet
    assert fees.get_call(session, created[ids["acme"]].id).reminded_on is None  # the report only draws
    invoicing.mark_reminded(session, reminded, later)
    assert fees.get_call(session, created[ids["acme"]].id).reminded_on == later


def test_no_profile_iban_is_a_clear_error(session, tmp_path):
    from clustermanager.errors import UserError

    with pytest.raises(UserError, match="cluster profile"):
        invoices.export_invoices(session, 2025, tmp_path)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_invoice_in_the_language_chosen_for_the_export(calls, tmp_path):
    session, created, ids = calls
    call = created[ids["big"]]
    for lang, words in (("nl", ("Factuur", "Vervaldatum", "EUR")), ("fr", ("Facture", "Date d'échéance", "EUR"))):
        folder = tmp_path / lang
        folder.mkdir()
        [pdf] = invoices.export_invoices(session, 2025, folder, call_ids=[call.id], lang=lang)
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        assert all(w in text for w in words), (lang, text)
        assert invoices.money(call.total, lang) in text  # 1.234,56 EUR in both languages
        assert "Invoice" not in text
