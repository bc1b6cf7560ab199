"""A small chart of one indicator over the funding period, drawn with QPainter: a bar per year for the
result and the targets as a line across the years (a mark where only one year has a target)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from clustermanager.reports.charts import ChartSpec
from clustermanager.ui.shell.style import colour, current

TARGET = "#C0392B"  # the targets' colour, as the PDF's marker


class TargetChart(QWidget):
    def __init__(self, spec: ChartSpec, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.setMinimumHeight(96)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(260, 110)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt name)
        s = self.spec
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = p.fontMetrics()
        label_h = metrics.height() + 2
        plot = QRectF(4, 4, self.width() - 8, self.height() - 8 - label_h)
        top = float(s.maximum) * 1.1 or 1.0
        n = max(1, len(s.categories))
        slot = plot.width() / n
        results = s.series[0].values if s.series else ()
        p.setPen(colour("border"))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        for i, year in enumerate(s.categories):
            x = plot.left() + i * slot
            value = results[i] if i < len(results) else None
            if value:
                h = plot.height() * float(value) / top
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(current().series[0]))
                p.drawRect(QRectF(x + slot * 0.2, plot.bottom() - h, slot * 0.6, h))
            p.setPen(colour("header_text"))
            p.drawText(QRectF(x, plot.bottom() + 2, slot, label_h), Qt.AlignmentFlag.AlignCenter, year)
        points = [(plot.left() + (i + 0.5) * slot, plot.bottom() - plot.height() * float(t) / top)
                  for i, t in enumerate(s.targets) if t is not None]
        pen = QPen(QColor(TARGET), 2)
        p.setPen(pen)
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
            p.drawLine(QPointF(x1, y1), QPointF(x2, y2))
        for x, y in points:
            p.drawLine(QPointF(x - slot * 0.35, y), QPointF(x + slot * 0.35, y))
        p.end()
