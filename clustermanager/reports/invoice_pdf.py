"""Drawing one invoice, credit note or reminder on an A4 page, with every mention Belgian rules ask.

The mentions (VAT Code art. 53 §2 and Royal Decree no. 1 art. 5; Company Code art. 2:20): the
number and issue date; the supplier's name, legal form, registered office, enterprise number with
"RPR/RPM" and the court division, and VAT number; the customer's name, address and VAT or
enterprise number; the period of the service; description, quantity and unit price; the taxable
amount and VAT per rate; the total; the legal ground of a 0 % rate; the due date, the structured
communication and the payment QR code. A credit note names the invoice it corrects.

Every text is placed in its own column and wrapped to its width (long category and member names in
French run to several lines); `LayoutCanvas` records the box of each text so the tests can prove
that nothing overlaps in any language.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import segno.helpers
from babel import Locale
from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from stdnum import iban as stdnum_iban

from clustermanager import validation as v
from clustermanager.formatting import format_date, format_money, format_vat_rate
from clustermanager.i18n import translator
from clustermanager.reports.invoice_data import InvoiceData
from clustermanager.reports.pdf import BOLD, FONT, ITALIC, register_fonts
from clustermanager.services import cluster

ACCENT = HexColor("#1f4e79")
GREY = HexColor("#5b6472")
LIGHT = HexColor("#eef2f7")
WIDTH, HEIGHT = A4
LEFT, RIGHT = 18 * mm, WIDTH - 18 * mm
MID = WIDTH / 2 + 6 * mm  # the customer's block starts here
REMINDER_DAYS = 14  # a reminder asks to pay within two weeks


class LayoutCanvas(Canvas):
    """A canvas that can record where each string went (x0, y0, x1, y1, text), to test for overlaps."""

    boxes: list | None = None

    def _note(self, x0: float, y: float, text: str) -> None:
        if self.boxes is not None and text.strip():
            w = stringWidth(text, self._fontname, self._fontsize)
            self.boxes.append((x0, y - 0.22 * self._fontsize, x0 + w, y + 0.78 * self._fontsize, text))

    def drawString(self, x, y, text, *args, **kw):  # noqa: N802 (reportlab's name)
        self._note(x, y, text)
        return super().drawString(x, y, text, *args, **kw)

    def drawRightString(self, x, y, text, *args, **kw):  # noqa: N802
        self._note(x - stringWidth(text, self._fontname, self._fontsize), y, text)
        return super().drawRightString(x, y, text, *args, **kw)

    def drawCentredString(self, x, y, text, *args, **kw):  # noqa: N802
        self._note(x - stringWidth(text, self._fontname, self._fontsize) / 2, y, text)
        return super().drawCentredString(x, y, text, *args, **kw)


def money(amount: Decimal, lang: str | None = None) -> str:
    """`1.234,56 EUR` in Dutch and French, `1,234.56 EUR` in English (`formatting.format_money`)."""
    return format_money(amount if amount != 0 else abs(amount), lang)  # never "-0,00 EUR"


def vat_rate_text(rate: Decimal, lang: str | None = None) -> str:
    """A VAT rate in percent (`formatting.format_vat_rate`: 21 -> `21%`, 5.5 -> `5,5%`)."""
    return format_vat_rate(rate, lang)


def date_text(day: dt.date, lang: str | None = None) -> str:
    return format_date(day, lang)


def iban_text(iban: str | None) -> str:
    return stdnum_iban.format(iban) if iban else ""


def country_name(code: str, lang: str) -> str:
    try:
        return Locale.parse(lang).territories.get(code.upper(), code)
    except (ValueError, TypeError):
        return code


def epc_qr(profile: cluster.ProfileData, amount: Decimal, structured_communication: str) -> segno.QRCode:
    """The EPC069-12 QR code asking to pay `amount` to the cluster with this structured communication."""
    return segno.helpers.make_epc_qr(
        name=profile.name[:70], iban=profile.iban, amount=amount.quantize(Decimal("0.01")),
        reference=structured_communication, bic=profile.bic or None, encoding="utf-8",
    )


def _lines(c: Canvas, texts, x: float, y: float, width: float, font: str, size: float, leading: float,
           colour=black) -> float:
    """Draw each text wrapped to `width`; returns the baseline below the last line."""
    c.setFont(font, size)
    c.setFillColor(colour)
    for text in texts:
        if not text:
            continue
        for line in simpleSplit(text, font, size, width):
            c.drawString(x, y, line)
            y -= leading
    c.setFillColor(black)
    return y


def supplier_lines(p: cluster.ProfileData, lang: str | None) -> list[str]:
    """The supplier's legal identity, as printed under its name."""
    _ = translator(lang)
    lines = [p.street or "", " ".join(filter(None, (p.postcode, p.municipality)))]
    if p.registered_office:
        lines.append(_("Registered office: {address}").format(address=p.registered_office))
    company = [_("Enterprise number {n}").format(n=v.format_enterprise_number(p.enterprise_number))] \
        if p.enterprise_number else []
    if p.legal_register:
        company.append(" ".join(filter(None, (p.legal_register, p.court_division))))
    lines.append(" · ".join(company))
    lines.append(_("VAT {n}").format(n=_vat_display(p.effective_vat_number)) if p.vat_registered
                 else _("Not registered for VAT"))
    lines.append(" · ".join(filter(None, (p.email, p.phone, p.website))))
    lines.append(" · ".join(filter(None, (f"IBAN {iban_text(p.iban)}" if p.iban else "",
                                          f"BIC {p.bic}" if p.bic else ""))))
    return [line for line in lines if line]


def _vat_display(number: str | None) -> str:
    if number and number.startswith("BE") and len(number) == 12:
        return "BE " + v.format_enterprise_number(number[2:])
    return number or ""


def customer_tax_line(d: InvoiceData) -> str:
    _ = translator(d.lang)
    m = d.member
    if m.enterprise_number:
        return _("VAT {n}").format(n="BE " + v.format_enterprise_number(m.enterprise_number))
    if m.vat_number:
        return _("VAT {n}").format(n=m.vat_number)
    return ""


def _header(c: Canvas, d: InvoiceData) -> float:
    p = d.profile
    c.setFillColor(ACCENT)
    c.rect(0, HEIGHT - 7 * mm, WIDTH, 7 * mm, stroke=0, fill=1)
    name = " ".join(filter(None, (p.name, p.legal_form)))
    y = _lines(c, [name], LEFT, HEIGHT - 20 * mm, MID - LEFT - 6 * mm, BOLD, 14, 6 * mm)
    return _lines(c, supplier_lines(p, d.lang), LEFT, y + 0.5 * mm, MID - LEFT - 6 * mm, FONT, 8, 3.8 * mm, GREY)


def _address_block(c: Canvas, d: InvoiceData, y: float) -> float:
    _ = translator(d.lang)
    m = d.member
    width = RIGHT - MID
    y = _lines(c, [m.name], MID, y, width, BOLD, 10.5, 4.8 * mm)
    lines = [_("Attn. {name}").format(name=d.contact_name) if d.contact_name else "",
             m.street or "", " ".join(filter(None, (m.postcode, m.municipality))),
             country_name(m.country, d.language) if m.country != "BE" else "", customer_tax_line(d)]
    return _lines(c, lines, MID, y, width, FONT, 9.5, 4.6 * mm)


def _facts(c: Canvas, rows: list[tuple[str, str]], y: float) -> float:
    """Label / value pairs; the value column starts after the widest label."""
    size = 9.5
    label_w = max(stringWidth(label, FONT, size) for label, _v in rows) + 4 * mm
    for label, value in rows:
        c.setFont(FONT, size)
        c.setFillColor(GREY)
        c.drawString(LEFT, y, label)
        y = _lines(c, [value], LEFT + label_w, y, RIGHT - LEFT - label_w, FONT, size, 4.6 * mm) - 0.8 * mm
    return y


def _table(c: Canvas, d: InvoiceData, y: float) -> float:
    """The line (description, quantity, unit price, VAT rate, taxable amount, VAT) and the VAT summary."""
    _ = translator(d.lang)
    size = 8.5
    money_w = 27 * mm
    widths = [13 * mm, 27 * mm, 19 * mm, 27 * mm, 24 * mm]  # qty, unit price, rate, excl. VAT, VAT
    rights = [RIGHT - sum(widths[i + 1:]) for i in range(len(widths))]
    heads = [_("Qty"), _("Unit price"), _("VAT rate"), _("Excl. VAT"), _("VAT")]
    desc_w = rights[0] - widths[0] - 3 * mm - LEFT
    head_lines = [simpleSplit(h, BOLD, size, w - 2.5 * mm) for h, w in zip(heads, widths, strict=True)]
    rows = max(len(h) for h in head_lines)
    box_h = rows * 3.8 * mm + 3 * mm
    c.setFillColor(LIGHT)
    c.rect(LEFT - 2 * mm, y - box_h + 4.5 * mm, RIGHT - LEFT + 4 * mm, box_h, stroke=0, fill=1)
    c.setFillColor(black)
    c.setFont(BOLD, size)
    c.drawString(LEFT, y, _("Description"))
    for x, lines in zip(rights, head_lines, strict=True):
        for i, line in enumerate(lines):
            c.drawRightString(x, y - i * 3.8 * mm, line)
    y -= box_h + 1 * mm
    sign = 1  # a credit note shows what it credits as positive amounts under its own title
    values = ["1", money(sign * d.amount, d.lang), vat_rate_text(d.vat_rate, d.lang), money(sign * d.amount, d.lang),
              money(sign * d.vat_amount, d.lang)]
    c.setFont(FONT, 9)
    for x, value in zip(rights, values, strict=True):
        c.drawRightString(x, y, value)
    period = _("Period: {start} to {end}").format(start=date_text(d.period[0], d.lang),
                                                   end=date_text(d.period[1], d.lang))
    y = _lines(c, [d.description()], LEFT, y, desc_w, FONT, 9, 4.4 * mm)
    y = _lines(c, [period], LEFT, y + 0.4 * mm, desc_w, FONT, 7.5, 3.6 * mm, GREY) - 1 * mm
    c.setStrokeColor(GREY)
    c.setLineWidth(0.4)
    c.line(LEFT, y + 2 * mm, RIGHT, y + 2 * mm)
    rate = vat_rate_text(d.vat_rate, d.lang)
    summary = [
        (_("Taxable amount at {rate}").format(rate=rate), sign * d.amount, False),
        (_("VAT at {rate}").format(rate=rate), sign * d.vat_amount, False),
        (_("Total credited") if d.is_credit_note else _("Total including VAT"), sign * d.total, True),
    ]
    label_right = RIGHT - money_w - 4 * mm
    for label, amount, bold in summary:
        y -= 5.2 * mm
        c.setFont(BOLD if bold else FONT, 9.5 if bold else 9)
        c.drawRightString(label_right, y, label)
        c.drawRightString(RIGHT, y, money(amount, d.lang))
    ground = d.ground_text()
    if ground:
        y = _lines(c, [ground], LEFT, y - 7 * mm, RIGHT - LEFT, ITALIC, 8.5, 4 * mm)
    return y


def _settlement(c: Canvas, d: InvoiceData, y: float) -> float:
    """An invoice's credits and payments so far, when there are any."""
    _ = translator(d.lang)
    call = d.call
    rows = []
    if call.credited:
        rows += [(_("Credited"), -call.credited, False), (_("Total after credit"), call.due, True)]
    if call.paid:
        rows += [(_("Already paid"), -call.paid, False), (_("Still to pay"), call.outstanding, True)]
    for label, amount, bold in rows:
        y -= 5.2 * mm
        c.setFont(BOLD if bold else FONT, 9.5 if bold else 9)
        c.drawRightString(RIGHT - 31 * mm, y, label)
        c.drawRightString(RIGHT, y, money(amount, d.lang))
    return y


def draw_qr(c: Canvas, qr: segno.QRCode, x: float, y: float, size: float) -> None:
    """Draw the QR code's modules (quiet zone included) with its lower-left corner at (x, y)."""
    matrix = qr.matrix
    border = 4
    module = size / (len(matrix) + 2 * border)
    c.setFillColor(white)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColor(black)
    for r, row in enumerate(matrix):
        for col, dark in enumerate(row):
            if dark:
                c.rect(x + (col + border) * module, y + size - (r + border + 1) * module, module, module,
                       stroke=0, fill=1)


def _payment_box(c: Canvas, d: InvoiceData, amount: Decimal, top: float, lead: str, pay_by: dt.date) -> None:
    _ = translator(d.lang)
    p, call = d.profile, d.call
    box_h = 50 * mm if amount > 0 else 22 * mm
    qr_size = 38 * mm
    text_w = RIGHT - LEFT - qr_size - 10 * mm
    c.setStrokeColor(ACCENT)
    c.setLineWidth(0.8)
    c.roundRect(LEFT - 2 * mm, top - box_h, RIGHT - LEFT + 4 * mm, box_h, 3 * mm, stroke=1, fill=0)
    y = _lines(c, [_("How to pay")], LEFT + 2 * mm, top - 7 * mm, text_w, BOLD, 10.5, 5 * mm)
    if amount <= 0:
        y = _lines(c, [_("Nothing is left to pay on this invoice. Thank you.")], LEFT + 2 * mm, y - 1 * mm, text_w,
                   FONT, 9.5, 4.6 * mm)
        _lines(c, [_("Reference: {ref}").format(ref=call.communication_text)], LEFT + 2 * mm, y, text_w, FONT, 9,
               4.4 * mm)
        return
    lines = [lead, _("Amount: {amount}").format(amount=money(amount, d.lang)),
             _("To: {iban}{bic}").format(iban=iban_text(p.iban), bic=f"  (BIC {p.bic})" if p.bic else ""),
             _("In the name of: {name}").format(name=p.name), _("By: {date}").format(date=date_text(pay_by, d.lang))]
    _lines(c, lines, LEFT + 2 * mm, y - 1 * mm, text_w, FONT, 9, 4.4 * mm)
    c.setFont(BOLD, 12)
    c.drawString(LEFT + 2 * mm, top - box_h + 8 * mm, call.communication_text)
    _lines(c, [_("Always use this structured communication.")], LEFT + 2 * mm, top - box_h + 3.5 * mm, text_w,
           FONT, 7.5, 3.5 * mm, GREY)
    qr_x = RIGHT - qr_size - 1 * mm
    draw_qr(c, epc_qr(p, amount, call.structured_communication), qr_x, top - box_h + 7 * mm, qr_size)
    c.setFont(FONT, 7)
    c.drawCentredString(qr_x + qr_size / 2, top - box_h + 3.5 * mm, _("Scan with your banking app"))


def _footer(c: Canvas, d: InvoiceData) -> None:
    p = d.profile
    parts = [" ".join(filter(None, (p.name, p.legal_form))), p.office_line,
             " ".join(filter(None, (v.format_enterprise_number(p.enterprise_number), p.legal_register,
                                    p.court_division)))]
    text = " · ".join(filter(None, parts))
    c.setFillColor(GREY)
    lines = simpleSplit(text, FONT, 7, RIGHT - LEFT)
    c.setFont(FONT, 7)
    for i, line in enumerate(lines):
        c.drawCentredString(WIDTH / 2, 12 * mm - i * 3.2 * mm, line)
    c.setFillColor(black)


def _page_top(c: Canvas, d: InvoiceData, title: str, facts: list[tuple[str, str]]) -> float:
    """Letterhead, the customer's address, the title and the facts; returns where the body starts."""
    register_fonts()
    below_header = _header(c, d)
    below_address = _address_block(c, d, HEIGHT - 48 * mm)
    y = min(below_header, below_address, HEIGHT - 78 * mm) - 8 * mm
    c.setFont(BOLD, 18)
    c.setFillColor(ACCENT)
    c.drawString(LEFT, y, title)
    c.setFillColor(black)
    return _facts(c, facts, y - 9 * mm)


def draw_invoice(c: Canvas, d: InvoiceData) -> None:
    _ = translator(d.lang)
    call = d.call
    y = _page_top(c, d, _("Invoice"), [
        (_("Invoice number"), d.number),
        (_("Invoice date"), date_text(call.issued_on, d.lang)),
        (_("Due date"), date_text(call.due_on, d.lang)),
        (_("Customer"), d.member.name),
    ])
    y = _table(c, d, y - 5 * mm)
    y = _settlement(c, d, y)
    _payment_box(c, d, call.outstanding, min(y - 8 * mm, 80 * mm),
                 _("Please transfer the amount with the structured communication below."), call.due_on)
    _footer(c, d)
    c.showPage()


def draw_credit_note(c: Canvas, d: InvoiceData) -> None:
    _ = translator(d.lang)
    note, call = d.note, d.call
    y = _page_top(c, d, _("Credit note"), [
        (_("Credit note number"), note.number),
        (_("Credit note date"), date_text(note.issued_on, d.lang)),
        (_("Credits invoice"), _("{number} of {date}").format(number=call.number or str(call.id),
                                                              date=date_text(call.issued_on, d.lang))),
        (_("Reason"), note.reason),
        (_("Customer"), d.member.name),
    ])
    y = _table(c, d, y - 5 * mm)
    texts = [_("This credit note reduces what is due on invoice {number} by {amount}.").format(
        number=call.number or str(call.id), amount=money(note.total, d.lang))]
    if note.vat_amount:
        texts.append(_("VAT to be repaid to the State insofar as it was originally deducted."))
    texts.append(_("Still to pay on the invoice: {amount}.").format(amount=money(call.outstanding, d.lang))
                 if call.outstanding else _("Nothing is left to pay on the invoice."))
    _lines(c, texts, LEFT, y - 8 * mm, RIGHT - LEFT, FONT, 9, 4.6 * mm)
    _footer(c, d)
    c.showPage()


def draw_reminder(c: Canvas, d: InvoiceData, today: dt.date) -> None:
    _ = translator(d.lang)
    call = d.call
    y = _page_top(c, d, _("Payment reminder"), [
        (_("Date"), date_text(today, d.lang)),
        (_("Invoice number"), d.number),
        (_("Invoice date"), date_text(call.issued_on, d.lang)),
        (_("Due date"), date_text(call.due_on, d.lang)),
    ])
    body = [
        _("Dear {name},").format(name=d.contact_name or d.member.name), " ",
        _("Our records show that the membership fee {year} of {member} is not fully paid yet:").format(
            year=call.year, member=d.member.name),
        _("{outstanding} of {due} is still open; it was due on {date}.").format(
            outstanding=money(call.outstanding, d.lang), due=money(call.due, d.lang),
            date=date_text(call.due_on, d.lang)),
        _("If you paid in the meantime, thank you, and please ignore this letter."),
    ]
    y = _lines(c, body, LEFT, y - 8 * mm, RIGHT - LEFT, FONT, 10, 5.4 * mm)
    _payment_box(c, d, call.outstanding, y - 8 * mm,
                 _("Please transfer what is still open with the structured communication below."),
                 today + dt.timedelta(days=REMINDER_DAYS))
    _footer(c, d)
    c.showPage()
