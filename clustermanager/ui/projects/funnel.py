"""The project pipeline as a funnel on the Projects screen: over the funding period (else this year),
how many projects became ideas, were submitted to a funding programme, approved, started and completed,
with the conversion and the funding requested and granted (`services.project_pipeline`)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clustermanager.i18n import N_, _
from clustermanager.services.cluster import get_profile
from clustermanager.services.project_pipeline import STAGES, Pipeline, pipeline
from clustermanager.ui.common.numbers import count, money, share
from clustermanager.ui.shell.style import colour, current

STAGE_LABELS = {"ideas": N_("Ideas"), "submitted": N_("Submitted"), "approved": N_("Approved"),
                "started": N_("Started"), "completed": N_("Completed")}
ROW = 20


def load_pipeline(session, today: dt.date | None = None) -> Pipeline:
    """The funding period's pipeline (this year's without one); on the worker."""
    profile = get_profile(session)
    if profile and profile.funding_start and profile.funding_end:
        return pipeline(session, profile.funding_start, profile.funding_end)
    year = (today or dt.date.today()).year
    return pipeline(session, dt.date(year, 1, 1), dt.date(year, 12, 31))


class FunnelBars(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts: list[tuple[str, int]] = []
        self.setMinimumHeight(ROW * len(STAGES) + 4)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(600, ROW * len(STAGES) + 4)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        metrics = p.fontMetrics()
        label_w = max((metrics.horizontalAdvance(t) for t, _n in self.counts), default=60) + 12
        track = max(40, self.width() - label_w - 60)
        top = max((n for _t, n in self.counts), default=0) or 1
        for i, (text, n) in enumerate(self.counts):
            y = i * ROW
            p.setPen(colour("header_text"))
            p.drawText(QRectF(0, y, label_w - 8, ROW), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       text)
            width = track * n / top
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(current().series[0]))
            p.drawRect(QRectF(label_w + (track - width) / 2, y + 3, width, ROW - 6))  # centred: a funnel
            p.setPen(colour("heading"))
            p.drawText(QRectF(label_w + track + 6, y, 54, ROW), Qt.AlignmentFlag.AlignVCenter, count(n))
        p.end()


class Funnel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.bars = FunnelBars()
        self.note = QLabel()
        self.note.setObjectName("cardNote")
        self.note.setWordWrap(True)
        for widget in (self.title, self.bars, self.note):
            layout.addWidget(widget)
        self.data: Pipeline | None = None

    def show_pipeline(self, data: Pipeline) -> None:
        self.data = data
        self.title.setText(_("Pipeline {first}–{last}").format(first=data.start.year, last=data.end.year)
                           if data.start.year != data.end.year else _("Pipeline {year}").format(year=data.start.year))
        self.bars.counts = [(_(STAGE_LABELS[s]), data.stage(s)) for s in STAGES]
        self.bars.update()
        self.note.setText(_("Ideas to submitted {a}, submitted to approved {b}; {rejected} rejected. Funding "
                            "requested {requested}, granted {granted}.").format(
            a=share(data.conversion_submitted) if data.conversion_submitted is not None else "–",
            b=share(data.conversion_approved) if data.conversion_approved is not None else "–",
            rejected=count(data.rejected), requested=money(data.funding_requested),
            granted=money(data.funding_granted)))
