"""Invoice, credit note and reminder PDFs (reportlab), each with an EPC QR code to pay by phone, and the
files they go into: one per document, or a batch with a page each, in a folder made when missing.

The QR code is the European Payments Council's "SEPA credit transfer" code (EPC069-12) that Belgian
banking apps scan: IBAN, BIC, the cluster's name, the amount and the structured communication (in the
structured-reference field, 12 digits). segno builds the code; reportlab draws its modules.

Language: members carry no language of their own, so the documents are written in the language chosen
for the export (`lang`, None: the app's), kept on each `InvoiceData`; so are the file names
(`factuur-2026-00001.pdf`, `facture-…`, `invoice-…`). Error messages stay in the app's language.
This module only reads: issuing, crediting and noting reminders are `services.invoicing`'s work.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from sqlalchemy.orm import Session

from clustermanager.errors import UserError
from clustermanager.i18n import _, translator
from clustermanager.io.atomic import atomic_write
from clustermanager.progress import OnProgress
from clustermanager.reports.invoice_data import (  # noqa: F401 (the names callers use)
    InvoiceData,
    batch_file_name,
    load_credit_note_data,
    load_invoice_data,
    require_profile,
)
from clustermanager.reports.invoice_pdf import (  # noqa: F401
    LayoutCanvas,
    date_text,
    draw_credit_note,
    draw_invoice,
    draw_qr,
    draw_reminder,
    epc_qr,
    money,
    vat_rate_text,
)
from clustermanager.services import fees


def _new_canvas(target, title: str, author: str) -> LayoutCanvas:
    c = LayoutCanvas(target if isinstance(target, io.BytesIO) else str(target), pagesize=A4, pageCompression=1,
                     invariant=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("ClusterManager")
    return c


def _title(d: InvoiceData) -> str:
    _ = translator(d.lang)
    return (_("Credit note {number}") if d.is_credit_note else _("Invoice {number}")).format(number=d.number)


def draw_document(c, d: InvoiceData) -> None:
    (draw_credit_note if d.is_credit_note else draw_invoice)(c, d)


def pdf_bytes(d: InvoiceData) -> bytes:
    """One invoice or credit note as PDF, in memory (to embed in its e-invoice)."""
    buffer = io.BytesIO()
    c = _new_canvas(buffer, _title(d), d.profile.name)
    draw_document(c, d)
    c.save()
    return buffer.getvalue()


def write_invoice(data: InvoiceData, path: str | os.PathLike) -> Path:
    """One invoice or credit note PDF, written atomically."""
    with atomic_write(path) as tmp:
        c = _new_canvas(tmp, _title(data), data.profile.name)
        draw_document(c, data)
        c.save()
    return Path(path)


def write_batch(items: Sequence[InvoiceData], path: str | os.PathLike, *, reminders: bool = False,
                today: dt.date | None = None, progress: OnProgress | None = None) -> Path:
    """All invoices, credit notes or reminders in one PDF, one page each."""
    if not items:
        raise UserError(_("There is nothing to print."))
    report = progress or (lambda _p, _m: None)
    _t = translator(items[0].lang)
    with atomic_write(path) as tmp:
        title = _t("Payment reminders") if reminders else _t("Invoices")
        c = _new_canvas(tmp, title, items[0].profile.name)
        for i, d in enumerate(items):
            draw_reminder(c, d, today or dt.date.today()) if reminders else draw_document(c, d)
            report(int(100 * (i + 1) / len(items)), d.member.name)
        c.save()
    return Path(path)


def output_folder(out_dir: str | os.PathLike) -> Path:
    """The folder to write to, made (with its parents) when it does not exist yet."""
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise UserError(_("{folder} is a file, not a folder.").format(folder=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(_("The folder {folder} cannot be made: {error}").format(folder=folder, error=exc)) from exc
    return folder


def year_call_ids(session: Session, year: int, member_id: int | None = None) -> list[int]:
    """The year's calls that are invoices (all but the cancelled ones), of one member or all."""
    return [r.id for r in fees.list_calls(session, year=year, member_id=member_id)
            if r.status is not fees.CallStatus.CANCELLED]


def export_invoices(session: Session, year: int, out_dir: str | os.PathLike, *, batch: bool = False,
                    call_ids: Sequence[int] | None = None, member_id: int | None = None,
                    progress: OnProgress | None = None, lang: str | None = None, ubl: bool = False) -> list[Path]:
    """Invoices for the year's calls (not cancelled), of every member or one: one PDF per call, or one
    `invoices-YEAR.pdf`; with `ubl` also each e-invoice (validated first) beside its PDF."""
    if call_ids is None:
        call_ids = year_call_ids(session, year, member_id)
    items = load_invoice_data(session, call_ids, lang)
    if not items:
        raise UserError(_("There are no fee calls for {year} yet.").format(year=year))
    return write_documents(items, out_dir, batch=batch, year=year, progress=progress, ubl=ubl)


def export_credit_notes(session: Session, note_ids: Sequence[int], out_dir: str | os.PathLike, *,
                        lang: str | None = None, ubl: bool = True, progress: OnProgress | None = None) -> list[Path]:
    """Each credit note as PDF and (with `ubl`) its e-invoice, validated first."""
    items = load_credit_note_data(session, note_ids, lang)
    if not items:
        raise UserError(_("There is nothing to print."))
    return write_documents(items, out_dir, progress=progress, ubl=ubl)


def write_documents(items: Sequence[InvoiceData], out_dir: str | os.PathLike, *, batch: bool = False,
                    year: int | None = None, progress: OnProgress | None = None, ubl: bool = False) -> list[Path]:
    from clustermanager.reports import einvoices

    folder = output_folder(out_dir)
    report = progress or (lambda _p, _m: None)
    # Every e-invoice is built and validated before anything is written: one failure writes nothing.
    xml = einvoices.build_validated([d for d in items if einvoices.receives_einvoice(d)],
                                    lambda p, m: report(p // 2, m)) if ubl else {}
    if batch:
        written = [write_batch(items, folder / batch_file_name(year or items[0].call.year, items[0].lang),
                               progress=lambda p, m: report(50 + p // 2 if ubl else p, m))]
    else:
        written = []
        for i, d in enumerate(items):
            written.append(write_invoice(d, folder / d.file_name()))
            report((50 + 50 * (i + 1) // len(items)) if ubl else 100 * (i + 1) // len(items), d.member.name)
    written += einvoices.write_all(xml, folder)
    return written


def export_reminders(session: Session, path: str | os.PathLike, *, year: int | None = None,
                     today: dt.date | None = None, progress: OnProgress | None = None,
                     lang: str | None = None) -> tuple[Path, list[int]]:
    """One PDF with a reminder letter for every overdue call; returns it and the calls it reminds (the
    caller notes the reminder date with `services.invoicing.mark_reminded`)."""
    today = today or dt.date.today()
    overdue = fees.overdue_calls(session, year=year, today=today)
    if not overdue:
        raise UserError(_("No fee call is overdue."))
    ids = [o.call.id for o in overdue]
    items = load_invoice_data(session, ids, lang)
    return write_batch(items, path, reminders=True, today=today, progress=progress), ids
