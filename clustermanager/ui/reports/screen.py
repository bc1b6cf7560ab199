"""The progress report: choose the period, check the figures and charts, write the story, export.

The figures come from `reports.figures.build_report` on a worker thread; the exports write that same
ReportData (with the narrative as typed) through `reports.outputs.write_outputs`, also on a worker.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clustermanager.formatting import format_date
from clustermanager.i18n import LANGUAGES, _, current_language
from clustermanager.reports import archive as report_archive
from clustermanager.reports import narrative as report_narrative
from clustermanager.reports.charts import chart_specs
from clustermanager.reports.data import Narrative, ReportData
from clustermanager.reports.figures import build_report
from clustermanager.reports.outputs import write_outputs
from clustermanager.reports.period import ReportPeriod, parse_period
from clustermanager.reports.summary import HEADING, figure_groups, format_as, format_value
from clustermanager.services.cluster import get_profile
from clustermanager.ui.common import dialogs
from clustermanager.ui.common.header import screen_header
from clustermanager.ui.common.screen import Screen
from clustermanager.ui.operations import Change
from clustermanager.ui.reports.chart import ReportChart
from clustermanager.ui.tables.layout import cell, fit_columns

XLSX_FILTER, PDF_FILTER = "Excel (*.xlsx)", "PDF (*.pdf)"


def ask_save_path(parent, title: str, suggested: str, file_filter: str) -> str | None:
    """Where to write a file (tests replace this function)."""
    path, _chosen = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


def ask_open_path(parent, title: str, file_filter: str) -> str | None:
    path, _chosen = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return path or None


def open_file(path: str | Path) -> None:
    """Show an exported file in the system's default program."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def period_choices(today: dt.date, profile) -> list[tuple[str, str]]:
    """(label, text for parse_period): the funding period, then recent years, latest first."""
    choices = []
    if profile and profile.funding_start and profile.funding_end:
        choices.append((_("Funding period {first}–{last}").format(first=profile.funding_start.year,
                                                                   last=profile.funding_end.year), "funding"))
    first = min(profile.funding_start.year if profile and profile.funding_start else today.year - 4, today.year - 4)
    choices += [(str(y), str(y)) for y in range(today.year, first - 1, -1)]
    return choices


class ReportsScreen(Screen):
    topics = (Change.MEMBERS, Change.FEES, Change.ACTIVITIES, Change.PROJECTS, Change.PROFILE, Change.REPORTS)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.data: ReportData | None = None
        self.period: ReportPeriod | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)  # as every screen
        layout.setSpacing(12)
        header, self.subtitle = screen_header(_("Progress report"))
        layout.addLayout(header)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Period:")))
        self.period_box = QComboBox()
        self.period_box.setEditable(True)
        self.period_box.setToolTip(_('A year ("2025"), years ("2023-2025") or the funding period'))
        self.period_box.setMinimumWidth(220)
        self.period_box.activated.connect(lambda _i: self.refresh())
        self.period_box.lineEdit().returnPressed.connect(self.refresh)
        bar.addWidget(self.period_box)
        self.show_button = QPushButton(_("Show figures"))
        self.show_button.clicked.connect(self.refresh)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        bar.addWidget(QLabel(_("Report language:")))
        self.language_box = QComboBox()  # the files' language, apart from the app's (a Dutch report for
        for code, name in LANGUAGES.items():  # the agency while the app runs in English)
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(self.language_box.findData(current_language()))
        self.language_box.setToolTip(_("The language of the exported Excel, PDF and filled template"))
        bar.addWidget(self.language_box)
        layout.addLayout(bar)
        # What leaves the app gets a row of its own, so the screen fits a 1280-pixel laptop in every language.
        bar = QHBoxLayout()
        self.xlsx_button = QPushButton(_("Export Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button = QPushButton(_("Export PDF…"))
        self.pdf_button.setObjectName("primary")  # the report most clusters send
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.template_button = QPushButton(_("Fill agency template…"))
        self.template_button.clicked.connect(self.fill_template)
        self.submit_button = QPushButton(_("Submit…"))
        self.submit_button.setToolTip(_("Keep these figures as the report sent to the agency"))
        self.submit_button.clicked.connect(self.submit)
        for button in (self.xlsx_button, self.pdf_button, self.template_button, self.submit_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.tabs = QTabWidget()
        self.figures = QTreeWidget()
        self.figures.setHeaderLabels([_("Figure"), _("Value")])
        self.figures.setColumnWidth(0, 560)  # the longest labels say which total they are: keep them whole
        self.figures.setColumnWidth(1, 240)  # values close to their labels, not at the far edge
        self.figures.header().setStretchLastSection(False)
        self.figures.headerItem().setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.figures.setAlternatingRowColors(True)
        self.tabs.addTab(self.figures, _("Figures"))
        self.charts_page = QWidget()  # replaced whole by each report (no layout items handled in Python)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.charts_page)
        self.charts_scroll = scroll
        self.tabs.addTab(scroll, _("Charts"))
        self.tabs.addTab(self._narrative_page(), _("Narrative"))
        self.tabs.addTab(self._submitted_page(), _("Submitted reports"))
        layout.addWidget(self.tabs, 1)
        self.message = QLabel("")
        self.message.setObjectName("screenSubtitle")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self._set_enabled(False)

    # --- building -----------------------------------------------------------------------------

    def _narrative_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 10, 0, 0)  # flush with the screen title, like every tab
        self.story: dict[str, QPlainTextEdit] = {}
        for key, title in (("achievements", _("Achievements")), ("challenges", _("Challenges")),
                           ("plans", _("Plans after the funding period"))):
            box.addWidget(QLabel(title))
            edit = QPlainTextEdit()
            edit.setObjectName(key)
            self.story[key] = edit
            box.addWidget(edit, 1)
        self.save_story_button = QPushButton(_("Save narrative"))
        self.save_story_button.clicked.connect(self.save_narrative)
        box.addWidget(self.save_story_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _submitted_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 10, 0, 0)
        self.frozen_intro = QLabel()
        self.frozen_intro.setWordWrap(True)
        box.addWidget(self.frozen_intro)
        self.frozen = QTableWidget(0, 3)
        self.frozen.verticalHeader().setVisible(False)
        self.frozen.setShowGrid(False)
        self.frozen.setHorizontalHeaderLabels([_("Period"), _("Submitted"), _("Id")])
        self.frozen.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.frozen.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        box.addWidget(self.frozen, 1)
        buttons = QHBoxLayout()
        self.frozen_pdf = QPushButton(_("Export again as PDF…"))
        self.frozen_pdf.clicked.connect(lambda: self.export_frozen("pdf"))
        self.frozen_xlsx = QPushButton(_("Export again as Excel…"))
        self.frozen_xlsx.clicked.connect(lambda: self.export_frozen("xlsx"))
        self.frozen_changes = QPushButton(_("What changed since?"))
        self.frozen_changes.clicked.connect(self.show_changes)
        for b in (self.frozen_pdf, self.frozen_xlsx, self.frozen_changes):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.changes = QTableWidget(0, 3)
        self.changes.setHorizontalHeaderLabels([_("Figure"), _("Submitted"), _("Now")])
        self.changes.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.changes.verticalHeader().setVisible(False)
        self.changes.setShowGrid(False)
        fit_columns(self.frozen, stretch=0)
        fit_columns(self.changes, stretch=0)
        box.addWidget(self.changes, 1)
        return page

    def _set_enabled(self, on: bool) -> None:
        for button in (self.xlsx_button, self.pdf_button, self.template_button, self.submit_button,
                       self.save_story_button):
            button.setEnabled(on)

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        typed = self.period_box.currentText().strip()
        index = self.period_box.findText(typed)  # a listed choice ("Funding period …") or typed years
        text = self.period_box.itemData(index) if index >= 0 else typed

        def job(session, progress):
            profile = get_profile(session)
            period = parse_period(text, profile) if text else None
            data = build_report(session, period, progress.report) if period else None
            return profile, data, report_archive.list_frozen(session)

        self.ctx.tasks.run(job, label=_("Computing the report…"), on_success=self._loaded, cancellable=False)

    def _loaded(self, result) -> None:
        profile, data, frozen = result
        if self.period_box.count() == 0:
            self.period_box.blockSignals(True)
            for label, text in period_choices(dt.date.today(), profile):
                self.period_box.addItem(label, text)
            self.period_box.setCurrentIndex(self.period_box.findData(str(dt.date.today().year - 1)))
            self.period_box.blockSignals(False)
            if data is None:
                self.refresh()
        self._show_frozen(frozen)
        if data is None:
            return
        self.data, self.period = data, data.period
        self.subtitle.setText(_("{cluster} · {period}").format(cluster=data.cluster.name, period=data.period.label))
        self._show_figures(data)
        self._show_charts(data)
        for key, edit in self.story.items():
            edit.setPlainText(getattr(data.narrative, key))
        self._set_enabled(True)

    def _show_figures(self, data: ReportData) -> None:
        self.figures.clear()
        for group in figure_groups(data):
            if group.key == "narrative":
                continue
            top = QTreeWidgetItem([group.title, ""])
            parent = top
            for fig in group.figures:
                item = QTreeWidgetItem([fig.label, "" if fig.kind == HEADING else format_value(fig)])
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(0, Qt.ItemDataRole.UserRole, fig.key)
                item.setToolTip(0, f"{fig.label}  ({{{{{fig.key}}}}})")  # and its placeholder for a template
                if fig.level == 0:
                    top.addChild(item)
                    parent = item
                else:
                    parent.addChild(item)
            self.figures.addTopLevelItem(top)
            top.setExpanded(True)

    def _show_charts(self, data: ReportData) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        for spec in chart_specs(data):
            box.addWidget(ReportChart(spec))
        box.addStretch(1)
        self.charts_scroll.setWidget(page)  # the scroll area deletes the page it showed before
        self.charts_page = page

    def charts(self) -> list[ReportChart]:
        return self.charts_page.findChildren(ReportChart)

    def _show_frozen(self, frozen) -> None:
        self.frozen.setRowCount(len(frozen))
        for row, info in enumerate(frozen):
            for col, text in enumerate((info.label, f"{format_date(info.submitted_at)} {info.submitted_at:%H:%M}",
                                        str(info.id))):
                self.frozen.setItem(row, col, cell(text, number=col == 2))
        fit_columns(self.frozen, stretch=0)
        for button in (self.frozen_pdf, self.frozen_xlsx, self.frozen_changes):
            button.setEnabled(bool(frozen))  # nothing to export again before a first Submit
        self.frozen_intro.setText(
            _("Reports kept with Submit…: select one to export it again exactly as sent, or to see which "
              "figures changed since.") if frozen else
            _("No report submitted yet. When you send a report to the agency, click Submit… to keep its "
              "figures here: you can export it again exactly as sent and see what changed since."))

    def figure_text(self, key: str) -> str | None:
        """The value shown for a figure (for tests and for copying)."""
        for item in self._items(self.figures.invisibleRootItem()):
            if item.data(0, Qt.ItemDataRole.UserRole) == key:
                return item.text(1)
        return None

    def _items(self, item):
        for i in range(item.childCount()):
            child = item.child(i)
            yield child
            yield from self._items(child)

    # --- narrative, exports, submitting ---------------------------------------------------------

    def narrative(self) -> Narrative:
        return Narrative(**{key: edit.toPlainText() for key, edit in self.story.items()})

    def save_narrative(self) -> None:
        period, story = self.period, self.narrative()
        self.ctx.tasks.run(lambda s, _p: report_narrative.save_narrative(s, period, story),
                           label=_("Saving the narrative…"), on_success=lambda _r: self._said(_("Narrative saved.")))

    def _said(self, text: str) -> None:
        self.message.setText(text)

    def _current(self) -> tuple[ReportPeriod, ReportData]:
        """The figures on screen with the narrative as typed (saved with every export)."""
        return self.period, dataclasses.replace(self.data, narrative=self.narrative())

    def _suggested(self, data: ReportData, ext: str) -> str:
        name = "".join(ch if ch.isalnum() else "-" for ch in data.cluster.name).strip("-")
        return f"{name}-{data.period.label.replace('–', '-')}.{ext}"

    def export(self, kind: str) -> None:
        if self.data is None:
            return
        period, data = self._current()
        file_filter = XLSX_FILTER if kind == "xlsx" else PDF_FILTER
        path = ask_save_path(self, _("Export the report"), self._suggested(data, kind), file_filter)
        if path:
            self._write(period, data, {kind: path}, path)

    def fill_template(self) -> None:
        if self.data is None:
            return
        template = ask_open_path(self, _("The agency's template"), XLSX_FILTER)
        if not template:
            return
        period, data = self._current()
        target = ask_save_path(self, _("Save the filled template"), self._suggested(data, "xlsx"), XLSX_FILTER)
        if target:
            self._write(period, data, {"template": template, "filled": target}, target)

    def report_language(self) -> str:
        """The language chosen for the exported files (read on the UI thread, passed to the job)."""
        return self.language_box.currentData()

    def _write(self, period: ReportPeriod, data: ReportData, outputs: dict, shown: str) -> None:
        lang = self.report_language()

        def job(session, progress):
            report_narrative.save_narrative(session, period, data.narrative)
            write_outputs(data, progress=progress.report, lang=lang, **outputs)
            return shown

        self.ctx.tasks.run(job, label=_("Exporting the report…"), on_success=self._exported)

    def _exported(self, path: str) -> None:
        self._said(_("Written: {file}").format(file=path))
        open_file(path)

    def submit(self) -> None:
        if self.data is None:
            return
        period, data = self._current()
        if not dialogs.confirm(self, _("Submit the report"),
                               _("Keep the figures for {period} as submitted to the agency? They can be "
                                 "exported again later exactly as they are now.").format(period=period.label),
                               action=_("Submit")):
            return

        def job(session, _progress):
            report_narrative.save_narrative(session, period, data.narrative)
            report_archive.submit_report(session, data)
            return report_archive.list_frozen(session)

        def done(frozen):
            self._show_frozen(frozen)
            self._said(_("Report for {period} submitted.").format(period=period.label))
            self.ctx.notify(Change.REPORTS)

        self.ctx.tasks.run(job, label=_("Submitting the report…"), on_success=done)

    def _selected_frozen(self) -> int | None:
        rows = self.frozen.selectionModel().selectedRows()
        return int(self.frozen.item(rows[0].row(), 2).text()) if rows else None

    def export_frozen(self, kind: str) -> None:
        frozen_id = self._selected_frozen()
        if frozen_id is None:
            return
        path = ask_save_path(self, _("Export the submitted report"), f"submitted-report-{frozen_id}.{kind}",
                             XLSX_FILTER if kind == "xlsx" else PDF_FILTER)
        if not path:
            return
        lang = self.report_language()

        def job(session, progress):
            write_outputs(report_archive.load_frozen(session, frozen_id), progress=progress.report, lang=lang,
                          **{kind: path})
            return path

        self.ctx.tasks.run(job, label=_("Exporting the submitted report…"), on_success=self._exported)

    def show_changes(self) -> None:
        frozen_id = self._selected_frozen()
        if frozen_id is None:
            return
        self.ctx.tasks.run(lambda s, _p: report_archive.changes_since(s, frozen_id),
                           label=_("Comparing with today's figures…"), on_success=self._show_changes)

    def _show_changes(self, result) -> None:
        self.changes.setRowCount(len(result.changes))
        for row, c in enumerate(result.changes):
            for col, value in enumerate((c.label, format_as(c.submitted, c.kind, "—"),
                                         format_as(c.current, c.kind, "—"))):
                self.changes.setItem(row, col, cell(value, number=col > 0))
        fit_columns(self.changes, stretch=0)
        self._said(_("Nothing changed since it was submitted.") if result.unchanged
                   else _("{n} figures changed since it was submitted.").format(n=len(result.changes)))
