"""Draw a report `ChartSpec` with QPainter: the same bars, in the same order, as the PDF."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from clustermanager.i18n import _
from clustermanager.reports.charts import ChartSpec
from clustermanager.reports.summary import format_as
from clustermanager.ui.shell.style import colour, current

BAR, GAP, TITLE, LEGEND = 14, 10, 26, 22


class ReportChart(QWidget):
    def __init__(self, spec: ChartSpec, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.setMinimumHeight(self._height())

    def _height(self) -> int:
        s = self.spec
        rows = max(1, len(s.categories)) * (len(s.series) * BAR + GAP)
        return TITLE + rows + (LEGEND if len(s.series) > 1 else 0) + 8

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(520, self._height())

    def _text(self, value) -> str:
        return format_as(value, self.spec.value_kind)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt name)
        s = self.spec
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = p.font()
        font.setBold(True)
        p.setFont(font)
        p.setPen(colour("heading"))
        p.drawText(QRectF(0, 0, self.width(), TITLE - 6), Qt.AlignmentFlag.AlignVCenter, s.title)
        font.setBold(False)
        p.setFont(font)
        metrics = p.fontMetrics()
        if s.is_empty:
            p.drawText(QRectF(0, TITLE, self.width(), 24), Qt.AlignmentFlag.AlignVCenter, _("No data for this period."))
            p.end()
            return
        label_w = max(metrics.horizontalAdvance(c) for c in s.categories) + 12
        value_w = max(metrics.horizontalAdvance(self._text(v)) for ser in s.series for v in ser.values) + 8
        track = max(20, self.width() - label_w - value_w)
        top = float(s.maximum) or 1.0
        y = TITLE
        group_h = len(s.series) * BAR
        for i, category in enumerate(s.categories):
            p.setPen(colour("header_text"))
            p.drawText(QRectF(0, y, label_w - 8, group_h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                       category)
            for j, series in enumerate(s.series):
                value = series.values[i]
                bar_y = y + j * BAR
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(current().series[j % len(current().series)]))
                p.drawRect(QRectF(label_w, bar_y + 1, track * float(value) / top, BAR - 2))
                p.setPen(colour("heading"))
                p.drawText(QRectF(label_w + track * float(value) / top + 4, bar_y, value_w, BAR),
                           Qt.AlignmentFlag.AlignVCenter, self._text(value))
            y += group_h + GAP
        if len(s.series) > 1:
            x = label_w
            for j, series in enumerate(s.series):
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(current().series[j % len(current().series)]))
                p.drawRect(QRectF(x, y + 6, 10, 10))
                p.setPen(colour("header_text"))
                p.drawText(QRectF(x + 14, y, 200, 22), Qt.AlignmentFlag.AlignVCenter, series.name)
                x += 24 + metrics.horizontalAdvance(series.name)
        p.end()
