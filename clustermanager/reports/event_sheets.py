"""At the event: the sign-in sheet of an activity (registered participants sorted by organisation,
a signature column, empty rows for walk-ins), in nl, fr or en. DejaVu Sans embedded (reports/fonts)."""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from clustermanager.formatting import format_date
from clustermanager.i18n import translator
from clustermanager.io.atomic import atomic_write
from clustermanager.reports.pdf import BLUE, BOLD, FONT, LIGHT, register_fonts
from clustermanager.services import activities

WALK_IN_ROWS = 10


def sheet_rows(detail: activities.ActivityDetail) -> list[activities.ParticipantData]:
    """The registered participants in the sheet's order: organisation, then name (the same order the
    window ticks attendance in)."""
    people = [p for p in detail.participants if p.registered]
    return sorted(people, key=lambda p: ((p.organisation or "").lower(), p.name.lower()))


def write_sign_in_sheet(session: Session, activity_id: int, path: str | os.PathLike, *, lang: str | None = None,
                        walk_ins: int = WALK_IN_ROWS) -> Path:
    _ = translator(lang)
    register_fonts()
    detail = activities.get_activity(session, activity_id)
    title_style = ParagraphStyle("t", fontName=BOLD, fontSize=15, leading=19, textColor=BLUE)
    sub = ParagraphStyle("s", fontName=FONT, fontSize=9.5, leading=13)
    cell = ParagraphStyle("c", fontName=FONT, fontSize=9, leading=11)
    when = format_date(detail.starts_on, lang, "long") + (f", {detail.start_time}" if detail.start_time else "")
    where = detail.location or (_("online") if detail.online else "")
    header = [_("No."), _("Name"), _("Organisation"), _("Signature")]
    rows = [header]
    for i, p in enumerate(sheet_rows(detail), start=1):
        rows.append([str(i), Paragraph(escape(p.name), cell), Paragraph(escape(p.organisation or ""), cell), ""])
    first_walk_in = len(rows)
    rows += [["", "", "", ""] for _i in range(max(walk_ins, 0))]
    table = Table(rows, colWidths=[11 * mm, 58 * mm, 58 * mm, 47 * mm], repeatRows=1,
                  rowHeights=[8 * mm] + [10 * mm] * (len(rows) - 1))
    style = [("FONT", (0, 0), (-1, 0), BOLD, 9), ("FONT", (0, 1), (-1, -1), FONT, 9),
             ("BACKGROUND", (0, 0), (-1, 0), LIGHT), ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if walk_ins > 0:
        style.append(("BACKGROUND", (0, first_walk_in), (-1, -1), colors.HexColor("#FAFAFA")))
    table.setStyle(TableStyle(style))
    story = [Paragraph(escape(detail.title), title_style),
             Paragraph(escape(" · ".join(filter(None, (when, where)))), sub), Spacer(1, 3 * mm),
             Paragraph(escape(_("Sign-in sheet: please sign next to your name; new participants on an empty row.")),
                       sub), Spacer(1, 4 * mm), table]
    with atomic_write(path) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                                bottomMargin=16 * mm, title=_("Sign-in sheet") + " " + detail.title,
                                author="ClusterManager")
        doc.build(story)
    return Path(path)
