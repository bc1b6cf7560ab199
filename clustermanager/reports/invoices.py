"""Fee invoices and reminder letters as PDF (reportlab), each with an EPC QR code to pay by phone.

The QR code is the European Payments Council's "SEPA credit transfer" code (EPC069-12) that Belgian
banking apps scan: IBAN, BIC, the cluster's name, the amount and the structured communication (in the
structured-reference field, 12 digits). segno builds the code; reportlab draws its modules.

Language: members and the cluster profile carry no language of their own, so the letters are written
in the language chosen for the export (`lang`, None: the app's), kept on each `InvoiceData`; error
messages stay in the app's language.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import segno.helpers
from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import Session
from stdnum import iban as stdnum_iban

from clustermanager import validation as v
from clustermanager.errors import UserError, ValidationError
from clustermanager.formatting import format_date, format_money, format_percent
from clustermanager.i18n import _, translator
from clustermanager.io.atomic import atomic_write
from clustermanager.services import cluster, fees
from clustermanager.services import members as msvc

Progress = Callable[[int, str], None]
ACCENT = HexColor("#1f4e79")
GREY = HexColor("#6b7280")
LIGHT = HexColor("#eef2f7")
WIDTH, HEIGHT = A4
LEFT, RIGHT = 20 * mm, WIDTH - 20 * mm
REMINDER_DAYS = 14  # a reminder asks to pay within two weeks


@dataclass(frozen=True)
class InvoiceData:
    """Everything one invoice or reminder shows."""

    profile: cluster.ProfileData
    member: msvc.MemberDetail
    call: fees.FeeCallRow
    contact_name: str | None
    lang: str | None = None  # the letter's language; None: the app's


def money(amount: Decimal, lang: str | None = None) -> str:
    """`1.234,56 EUR` in Dutch and French, `1,234.56 EUR` in English (`formatting.format_money`)."""
    return format_money(amount, lang)


def vat_rate_text(rate: Decimal, lang: str | None = None) -> str:
    """A VAT rate in percent (21 -> `21%`, French `21 %`), with its decimals if it has any (5.5 -> `5,5%`)."""
    decimals = max(0, -rate.normalize().as_tuple().exponent)
    return format_percent(rate / 100, lang, decimals=decimals)


def date_text(day: dt.date, lang: str | None = None) -> str:
    return format_date(day, lang)


def epc_qr(profile: cluster.ProfileData, amount: Decimal, structured_communication: str) -> segno.QRCode:
    """The EPC069-12 QR code asking to pay `amount` to the cluster with this structured communication."""
    return segno.helpers.make_epc_qr(
        name=profile.name[:70], iban=profile.iban, amount=amount.quantize(Decimal("0.01")),
        reference=structured_communication, bic=profile.bic or None, encoding="utf-8",
    )


def load_invoice_data(session: Session, call_ids: Sequence[int], lang: str | None = None) -> list[InvoiceData]:
    profile = require_profile(session)
    out = []
    for call_id in call_ids:
        call = fees.get_call(session, call_id)
        member = msvc.get_member(session, call.member_id)
        main = next((c for c in member.contacts if c.is_main), member.contacts[0] if member.contacts else None)
        out.append(InvoiceData(profile, member, call, main.full_name if main else None, lang))
    return out


def require_profile(session: Session) -> cluster.ProfileData:
    profile = cluster.get_profile(session)
    if profile is None:
        raise UserError(_("Fill in the cluster profile (name, address, IBAN) before making invoices."))
    if not profile.iban:
        raise ValidationError("iban", None, _("the cluster profile needs an IBAN: members pay to it"))
    return profile


# ---------------------------------------------------------------------------------------------
# Drawing


def _header(c: Canvas, p: cluster.ProfileData, lang: str | None) -> None:
    _ = translator(lang)
    c.setFillColor(ACCENT)
    c.rect(0, HEIGHT - 8 * mm, WIDTH, 8 * mm, stroke=0, fill=1)
    c.setFillColor(black)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(LEFT, HEIGHT - 25 * mm, p.name)
    c.setFont("Helvetica", 9)
    c.setFillColor(GREY)
    lines = [
        p.street or "", " ".join(filter(None, (p.postcode, p.municipality))),
        _("Enterprise number {n}").format(n=v.format_enterprise_number(p.enterprise_number)) if p.enterprise_number
        else "",
        "  ".join(filter(None, (p.email, p.phone, p.website))),
    ]
    y = HEIGHT - 31 * mm
    for line in filter(None, lines):
        c.drawString(LEFT, y, line)
        y -= 4.2 * mm
    c.setFillColor(black)


def _address_block(c: Canvas, d: InvoiceData, y: float) -> None:
    _ = translator(d.lang)
    m = d.member
    x = WIDTH / 2 + 10 * mm
    c.setFont("Helvetica-Bold", 11)
    c.drawString(x, y, m.name)
    c.setFont("Helvetica", 10)
    lines = [
        _("Attn. {name}").format(name=d.contact_name) if d.contact_name else "",
        m.street or "", " ".join(filter(None, (m.postcode, m.municipality))),
        m.country if m.country != "BE" else "",
        (_("VAT {n}").format(n="BE " + v.format_enterprise_number(m.enterprise_number)) if m.enterprise_number
         else (_("VAT {n}").format(n=m.vat_number) if m.vat_number else "")),
    ]
    for line in filter(None, lines):
        y -= 5 * mm
        c.drawString(x, y, line)


def _facts(c: Canvas, rows: list[tuple[str, str]], y: float) -> float:
    c.setFont("Helvetica", 10)
    for label, value in rows:
        c.setFillColor(GREY)
        c.drawString(LEFT, y, label)
        c.setFillColor(black)
        c.drawString(LEFT + 38 * mm, y, value)
        y -= 5.5 * mm
    return y


def _amount_table(c: Canvas, d: InvoiceData, y: float) -> float:
    _ = translator(d.lang)
    call = d.call
    cols = (LEFT, RIGHT - 100 * mm, RIGHT - 62 * mm, RIGHT - 31 * mm, RIGHT)
    c.setFillColor(LIGHT)
    c.rect(LEFT - 2 * mm, y - 2.5 * mm, RIGHT - LEFT + 4 * mm, 8 * mm, stroke=0, fill=1)
    c.setFillColor(black)
    c.setFont("Helvetica-Bold", 9.5)
    c.drawString(cols[0], y, _("Description"))
    for x, head in zip(cols[2:], (_("Excl. VAT"), _("VAT"), _("Total")), strict=True):
        c.drawRightString(x, y, head)
    c.drawRightString(cols[1], y, _("VAT rate"))
    y -= 9 * mm
    c.setFont("Helvetica", 10)
    what = _("Membership fee {year}").format(year=call.year)
    if call.category:
        what += f" ({fees.category_label(call.category, d.lang)})"
    c.drawString(cols[0], y, what)
    c.drawRightString(cols[1], y, vat_rate_text(call.vat_rate, d.lang))
    c.drawRightString(cols[2], y, money(call.amount, d.lang))
    c.drawRightString(cols[3], y, money(call.vat_amount, d.lang))
    c.drawRightString(cols[4], y, money(call.total, d.lang))
    y -= 4 * mm
    c.setStrokeColor(GREY)
    c.line(cols[2] - 30 * mm, y, RIGHT, y)
    rows = [(_("Total to pay"), call.total, True)]
    if call.credited:
        rows += [(_("Credited"), -call.credited, False), (_("Total after credit"), call.due, True)]
    if call.paid:
        rows += [(_("Already paid"), -call.paid, False), (_("Still to pay"), call.outstanding, True)]
    for label, amount, bold in rows:
        y -= 6 * mm
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 10.5 if bold else 10)
        c.drawRightString(cols[3], y, label)
        c.drawRightString(cols[4], y, money(amount, d.lang))
    if call.vat_rate == 0:
        y -= 7 * mm
        c.setFont("Helvetica-Oblique", 8.5)
        c.setFillColor(GREY)
        c.drawString(LEFT, y, _("No VAT charged on this fee."))
        c.setFillColor(black)
    return y


def draw_qr(c: Canvas, qr: segno.QRCode, x: float, y: float, size: float) -> None:
    """Draw the QR code's modules (quiet zone included) with its lower-left corner at (x, y)."""
    matrix = qr.matrix
    border = 4
    n = len(matrix) + 2 * border
    module = size / n
    c.setFillColor(white)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColor(black)
    for r, row in enumerate(matrix):
        for col, dark in enumerate(row):
            if dark:
                c.rect(x + (col + border) * module, y + size - (r + border + 1) * module, module, module,
                       stroke=0, fill=1)


def _payment_box(c: Canvas, d: InvoiceData, amount: Decimal, y: float, lead: str, pay_by: dt.date) -> None:
    _ = translator(d.lang)
    p, call = d.profile, d.call
    top = y
    box_h = 52 * mm
    c.setStrokeColor(ACCENT)
    c.setLineWidth(0.8)
    c.roundRect(LEFT - 2 * mm, top - box_h, RIGHT - LEFT + 4 * mm, box_h, 3 * mm, stroke=1, fill=0)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(LEFT + 2 * mm, top - 8 * mm, _("How to pay"))
    c.setFont("Helvetica", 10)
    if amount <= 0:
        c.drawString(LEFT + 2 * mm, top - 15 * mm, _("Nothing is left to pay on this invoice. Thank you."))
        c.setFont("Helvetica", 9)
        c.drawString(LEFT + 2 * mm, top - 21 * mm, _("Reference: {ref}").format(ref=call.communication_text))
        return
    text = c.beginText(LEFT + 2 * mm, top - 15 * mm)
    text.setLeading(5.2 * mm)
    text.textLine(lead)
    text.textLine(_("Amount: {amount}").format(amount=money(amount, d.lang)))
    text.textLine(_("To: {iban}{bic}").format(iban=stdnum_format_iban(p.iban), bic=f"  (BIC {p.bic})" if p.bic else ""))
    text.textLine(_("In the name of: {name}").format(name=p.name))
    text.textLine(_("By: {date}").format(date=date_text(pay_by, d.lang)))
    c.drawText(text)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(LEFT + 2 * mm, top - box_h + 8 * mm, call.communication_text)
    c.setFont("Helvetica", 8)
    c.setFillColor(GREY)
    c.drawString(LEFT + 2 * mm, top - box_h + 3.5 * mm, _("Always use this structured communication."))
    c.setFillColor(black)
    size = 40 * mm
    draw_qr(c, epc_qr(p, amount, call.structured_communication), RIGHT - size - 1 * mm, top - box_h + 8 * mm, size)
    c.setFont("Helvetica", 7.5)
    c.drawCentredString(RIGHT - size / 2 - 1 * mm, top - box_h + 4 * mm, _("Scan with your banking app"))


def stdnum_format_iban(iban: str | None) -> str:
    return stdnum_iban.format(iban) if iban else ""


def _footer(c: Canvas, d: InvoiceData) -> None:
    c.setFont("Helvetica", 8)
    c.setFillColor(GREY)
    c.drawCentredString(WIDTH / 2, 12 * mm, " · ".join(filter(None, (
        d.profile.name, v.format_enterprise_number(d.profile.enterprise_number), stdnum_format_iban(d.profile.iban)))))
    c.setFillColor(black)


def _page_top(c: Canvas, d: InvoiceData, title: str, facts: list[tuple[str, str]]) -> float:
    """Letterhead, the member's address, the title and the facts; returns where the body starts."""
    _header(c, d.profile, d.lang)
    _address_block(c, d, HEIGHT - 52 * mm)
    c.setFont("Helvetica-Bold", 20)
    c.setFillColor(ACCENT)
    c.drawString(LEFT, HEIGHT - 90 * mm, title)
    c.setFillColor(black)
    return _facts(c, facts, HEIGHT - 100 * mm)


def draw_invoice(c: Canvas, d: InvoiceData) -> None:
    _ = translator(d.lang)
    call = d.call
    y = _page_top(c, d, _("Invoice"), [
        (_("Invoice number"), call.number or str(call.id)),
        (_("Invoice date"), date_text(call.issued_on, d.lang)),
        (_("Due date"), date_text(call.due_on, d.lang)),
        (_("Member"), d.member.name),
    ])
    y = _amount_table(c, d, y - 8 * mm)
    amount = call.outstanding
    _payment_box(c, d, amount, y - 12 * mm, _("Please transfer the amount with the structured communication below."),
                 call.due_on)
    _footer(c, d)
    c.showPage()


def draw_reminder(c: Canvas, d: InvoiceData, today: dt.date) -> None:
    _ = translator(d.lang)
    call = d.call
    y = _page_top(c, d, _("Payment reminder"), [
        (_("Date"), date_text(today, d.lang)),
        (_("Invoice number"), call.number or str(call.id)),
        (_("Invoice date"), date_text(call.issued_on, d.lang)),
        (_("Due date"), date_text(call.due_on, d.lang)),
    ])
    body = [
        _("Dear {name},").format(name=d.contact_name or d.member.name),
        "",
        _("Our records show that the membership fee {year} of {member} is not fully paid yet:").format(
            year=call.year, member=d.member.name),
        _("{outstanding} of {due} is still open; it was due on {date}.").format(
            outstanding=money(call.outstanding, d.lang), due=money(call.due, d.lang),
            date=date_text(call.due_on, d.lang)),
        _("If you paid in the meantime, thank you, and please ignore this letter."),
    ]
    text = c.beginText(LEFT, y - 8 * mm)
    text.setFont("Helvetica", 10.5)
    text.setLeading(5.6 * mm)
    for line in body:
        text.textLine(line)
    c.drawText(text)
    _payment_box(c, d, call.outstanding, text.getY() - 10 * mm,
                 _("Please transfer what is still open with the structured communication below."),
                 today + dt.timedelta(days=REMINDER_DAYS))
    _footer(c, d)
    c.showPage()


# ---------------------------------------------------------------------------------------------
# Files


def _new_canvas(path: Path, title: str, author: str) -> Canvas:
    c = Canvas(str(path), pagesize=A4, pageCompression=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("ClusterManager")
    return c


def write_invoice(data: InvoiceData, path: str | os.PathLike) -> Path:
    _ = translator(data.lang)
    with atomic_write(path) as tmp:
        c = _new_canvas(tmp, _("Invoice {number}").format(number=data.call.number), data.profile.name)
        draw_invoice(c, data)
        c.save()
    return Path(path)


def _batch_title(reminders: bool, lang: str | None) -> str:
    _ = translator(lang)
    return _("Payment reminders") if reminders else _("Invoices")


def write_batch(items: Sequence[InvoiceData], path: str | os.PathLike, *, reminders: bool = False,
                today: dt.date | None = None, progress: Progress | None = None) -> Path:
    """All invoices (or reminders) in one PDF, one page each."""
    if not items:
        raise UserError(_("There is nothing to print."))
    report = progress or (lambda _p, _m: None)
    with atomic_write(path) as tmp:
        title = _batch_title(reminders, items[0].lang)
        c = _new_canvas(tmp, title, items[0].profile.name)
        for i, d in enumerate(items):
            draw_reminder(c, d, today or dt.date.today()) if reminders else draw_invoice(c, d)
            report(int(100 * (i + 1) / len(items)), d.member.name)
        c.save()
    return Path(path)


def invoice_file_name(call: fees.FeeCallRow) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in (call.number or str(call.id)))
    return f"invoice-{safe}.pdf"


def export_invoices(session: Session, year: int, out_dir: str | os.PathLike, *, batch: bool = False,
                    call_ids: Sequence[int] | None = None, progress: Progress | None = None,
                    lang: str | None = None) -> list[Path]:
    """Invoices for the year's calls (not cancelled): one PDF per call, or one `invoices-YEAR.pdf`;
    written in `lang` (None: the app's language)."""
    folder = Path(out_dir)
    if not folder.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=folder))
    if call_ids is None:
        call_ids = [r.id for r in fees.list_calls(session, year=year) if r.status is not fees.CallStatus.CANCELLED]
    items = load_invoice_data(session, call_ids, lang)
    if not items:
        raise UserError(_("There are no fee calls for {year} yet.").format(year=year))
    if batch:
        return [write_batch(items, folder / f"invoices-{year}.pdf", progress=progress)]
    report = progress or (lambda _p, _m: None)
    written = []
    for i, d in enumerate(items):
        written.append(write_invoice(d, folder / invoice_file_name(d.call)))
        report(int(100 * (i + 1) / len(items)), d.member.name)
    return written


def export_reminders(session: Session, path: str | os.PathLike, *, year: int | None = None,
                     today: dt.date | None = None, mark: bool = True, progress: Progress | None = None,
                     lang: str | None = None) -> Path:
    """One PDF with a reminder letter for every overdue call; `mark` records today as their reminder date."""
    today = today or dt.date.today()
    overdue = fees.overdue_calls(session, year=year, today=today)
    if not overdue:
        raise UserError(_("No fee call is overdue."))
    items = load_invoice_data(session, [o.call.id for o in overdue], lang)
    written = write_batch(items, path, reminders=True, today=today, progress=progress)
    if mark:
        fees.mark_reminded(session, [o.call.id for o in overdue], today)
    return written
