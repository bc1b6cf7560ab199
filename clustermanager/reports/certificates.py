"""Certificates of attendance: one A4 page per attendee (those ticked as attended), after a training
or any other activity, in nl, fr or en."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import Session

from clustermanager.errors import UserError
from clustermanager.formatting import format_date
from clustermanager.i18n import N_, _, translator
from clustermanager.io.atomic import atomic_write
from clustermanager.reports.pdf import BLUE, BOLD, FONT, GREY, register_fonts
from clustermanager.services import activities, cluster


def attendees(detail: activities.ActivityDetail) -> list[activities.ParticipantData]:
    return sorted((p for p in detail.participants if p.attended),
                  key=lambda p: ((p.organisation or "").lower(), p.name.lower()))


def write_certificates(session: Session, activity_id: int, path: str | os.PathLike, *,
                       lang: str | None = None) -> Path:
    register_fonts()
    detail = activities.get_activity(session, activity_id)
    people = attendees(detail)
    if not people:
        raise UserError(_("Nobody is ticked as attended for {title}: tick the attendance first.").format(
            title=detail.title))
    profile = cluster.get_profile(session)
    issuer = (profile.name if profile else None) or detail.organiser or ""
    tr = translator(lang)
    w, h = A4
    day = format_date(detail.starts_on, lang, "long")
    if detail.ends_on and detail.ends_on != detail.starts_on:
        day = f"{day} – {format_date(detail.ends_on, lang, 'long')}"
    with atomic_write(path) as tmp:
        c = Canvas(str(tmp), pagesize=A4)
        c.setTitle(tr(N_("Certificates of attendance")) + " " + detail.title)
        c.setCreator("ClusterManager")
        for p in people:
            c.setStrokeColor(BLUE)
            c.setLineWidth(2)
            c.rect(15 * mm, 15 * mm, w - 30 * mm, h - 30 * mm)
            c.setFillColor(BLUE)
            c.setFont(BOLD, 26)
            c.drawCentredString(w / 2, h - 70 * mm, tr(N_("Certificate of attendance")))
            c.setFillColor(GREY)
            c.setFont(FONT, 13)
            c.drawCentredString(w / 2, h - 95 * mm, tr(N_("This certifies that")))
            c.setFillColor(BLUE)
            c.setFont(BOLD, 22)
            c.drawCentredString(w / 2, h - 112 * mm, p.name)
            c.setFillColor(GREY)
            c.setFont(FONT, 13)
            if p.organisation:
                c.drawCentredString(w / 2, h - 123 * mm, p.organisation)
            c.drawCentredString(w / 2, h - 143 * mm, tr(N_("took part in")))
            c.setFillColor(BLUE)
            c.setFont(BOLD, 17)
            c.drawCentredString(w / 2, h - 158 * mm, detail.title)
            c.setFillColor(GREY)
            c.setFont(FONT, 12)
            c.drawCentredString(w / 2, h - 169 * mm, " · ".join(filter(None, (detail.kind_label, day,
                                                                              detail.location))))
            c.setLineWidth(0.6)
            c.line(w / 2 - 45 * mm, 60 * mm, w / 2 + 45 * mm, 60 * mm)
            c.setFont(FONT, 10)
            c.drawCentredString(w / 2, 54 * mm, issuer)
            c.showPage()
        c.save()
    return Path(path)
