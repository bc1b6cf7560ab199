"""Name badges on A4 label sheets: name and organisation of every registered participant, centred on
each label, sorted like the sign-in sheet. Three common layouts (Avery/Zweckform sizes, in mm)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import Session

from clustermanager.errors import UserError, ValidationError
from clustermanager.i18n import N_, _, translator
from clustermanager.io.atomic import atomic_write
from clustermanager.reports.event_sheets import sheet_rows
from clustermanager.reports.pdf import BLUE, BOLD, FONT, GREY, register_fonts
from clustermanager.services import activities


@dataclass(frozen=True)
class LabelLayout:
    code: str
    columns: int
    rows: int
    width: float  # mm
    height: float
    left: float  # margin to the first label
    top: float
    pitch_x: float  # from one label's left edge to the next one's
    pitch_y: float


LAYOUTS = {
    "L7163": LabelLayout("L7163", 2, 7, 99.1, 38.1, 4.65, 15.15, 101.6, 38.1),  # 14 per sheet
    "L7159": LabelLayout("L7159", 3, 8, 63.5, 33.9, 6.45, 12.9, 66.0, 33.9),  # 24 per sheet (3 x 8)
    "L7165": LabelLayout("L7165", 2, 4, 99.1, 67.7, 4.65, 13.1, 101.6, 67.7),  # 8 large badges
}
DEFAULT_LAYOUT = "L7163"


def _fit(text: str, font: str, size: float, width: float) -> float:
    while size > 6 and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _cut(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def write_badges(session: Session, activity_id: int, path: str | os.PathLike, *, layout: str = DEFAULT_LAYOUT,
                 lang: str | None = None, outline: bool = False) -> Path:
    """One label per registered participant; `outline` draws the label edges (for a test print)."""
    spec = LAYOUTS.get((layout or "").upper())
    if spec is None:
        raise ValidationError("--layout", layout, _("use one of: {codes}").format(codes=", ".join(LAYOUTS)))
    register_fonts()
    detail = activities.get_activity(session, activity_id)
    people = sheet_rows(detail)
    if not people:
        raise UserError(_("Nobody is registered for {title} yet.").format(title=detail.title))
    tr = translator(lang)
    page_w, page_h = A4
    name_size = 16 if spec.height > 35 else 13
    with atomic_write(path) as tmp:
        c = Canvas(str(tmp), pagesize=A4)
        c.setTitle(tr(N_("Name badges")) + " " + detail.title)
        c.setCreator("ClusterManager")
        per_page = spec.columns * spec.rows
        for i, p in enumerate(people):
            if i and i % per_page == 0:
                c.showPage()
            slot = i % per_page
            col, row = slot % spec.columns, slot // spec.columns
            x = spec.left * mm + col * spec.pitch_x * mm
            top = page_h - spec.top * mm - row * spec.pitch_y * mm
            w, h = spec.width * mm, spec.height * mm
            if outline:
                c.setStrokeColor(GREY)
                c.roundRect(x, top - h, w, h, 2 * mm, stroke=1, fill=0)
            inner = w - 8 * mm
            cx = x + w / 2
            size = _fit(p.name, BOLD, name_size, inner)
            c.setFillColor(BLUE)
            c.setFont(BOLD, size)
            c.drawCentredString(cx, top - h / 2 + 1 * mm, _cut(p.name, BOLD, size, inner))
            org = p.organisation or ""
            if org:
                osize = _fit(org, FONT, max(size - 5, 8), inner)
                c.setFillColor(GREY)
                c.setFont(FONT, osize)
                c.drawCentredString(cx, top - h / 2 - osize - 1.5 * mm, _cut(org, FONT, osize, inner))
            c.setFillColor(GREY)
            c.setFont(FONT, 6.5)
            c.drawCentredString(cx, top - h + 3 * mm, _cut(detail.title, FONT, 6.5, inner))
        c.save()
    return Path(path)
