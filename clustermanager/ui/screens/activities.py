"""The activities: a searchable table with participant counts, and the way into one activity."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from clustermanager.i18n import N_, _
from clustermanager.services import activities as service
from clustermanager.ui.row_table import ROW_ID_ROLE, Column, RowFilter, RowProxyModel, RowTableModel
from clustermanager.ui.screens import Screen
from clustermanager.ui.screens.members import screen_header


def _date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


ACTIVITY_COLUMNS = (
    Column("starts_on", N_("Date"), lambda r: _date(r.starts_on), lambda r: r.starts_on, 95),
    Column("title", N_("Title"), lambda r: r.title, lambda r: r.title.lower(), 300),
    Column("kind", N_("Kind"), lambda r: r.kind_label, lambda r: r.kind_label.lower(), 140),
    Column("location", N_("Location"), lambda r: _("Online") if r.online else (r.location or ""),
           lambda r: (r.location or "").lower(), 130),
    Column("registered", N_("Registered"), lambda r: str(r.registered), lambda r: r.registered, 85,
           align_right=True),
    Column("attended", N_("Attended"), lambda r: str(r.attended), lambda r: r.attended, 80, align_right=True),
    Column("members", N_("Members"), lambda r: str(r.member_organisations), lambda r: r.member_organisations, 80,
           align_right=True),
    Column("international", N_("International"), lambda r: _("Yes") if r.international else "",
           lambda r: r.international, 95),
    Column("tags", N_("Tags"), lambda r: r.tags or "", lambda r: (r.tags or "").lower(), 160),
)


def search_box(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


def configure_table(table: QTableView, proxy, columns) -> None:
    """The look and behaviour every register table shares (rows selected whole, no grid, sortable)."""
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(28)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for number, column in enumerate(columns):
        table.setColumnWidth(number, column.width)
        table.setColumnHidden(number, not column.visible)


class ActivitiesScreen(Screen):
    topics = ("activities", "members")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.model = RowTableModel(ACTIVITY_COLUMNS, self)
        self.proxy = RowProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.dialog = None  # the activity dialog last opened (tests drive it)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(12)
        top = QHBoxLayout()
        header, self.subtitle = screen_header(_("Activities"))
        top.addLayout(header, 1)
        self.import_button = QPushButton(_("Import registration list…"))
        self.import_button.clicked.connect(self.import_list)
        self.new_button = QPushButton(_("New activity"))
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_activity)
        top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        layout.addLayout(self._filter_bar())
        self.table = QTableView()
        configure_table(self.table, self.proxy, ACTIVITY_COLUMNS)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda index: self.open_activity(index.data(ROW_ID_ROLE)))
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self._apply_filter)

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = search_box(_("Search title, location, organiser, tags…"))
        self.search.textChanged.connect(lambda _t: self._debounce.start(0))
        self.kind = QComboBox()
        self.kind.addItem(_("All kinds"), None)
        self.period = QComboBox()
        this_year = dt.date.today().year
        for text, key in ((_("All dates"), None), (_("Upcoming"), "upcoming"), (str(this_year), this_year),
                          (str(this_year - 1), this_year - 1), (str(this_year - 2), this_year - 2)):
            self.period.addItem(text, key)
        for combo in (self.kind, self.period):
            combo.currentIndexChanged.connect(self._apply_filter)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.kind)
        bar.addWidget(self.period)
        return bar

    # -- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        def load(session, _progress):
            return service.activity_kinds(session), service.list_activities(session)

        self.ctx.tasks.run(load, label=_("Loading activities…"), on_success=self._loaded)

    def _loaded(self, result) -> None:
        kinds, rows = result
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(_("All kinds"), None)
        for code, label in kinds.items():
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        self.kind.blockSignals(False)
        self.model.set_rows(rows)
        self.subtitle.setText(_("{n} activities").format(n=f"{len(rows):,}"))
        self._apply_filter()

    # -- filtering -------------------------------------------------------------------------------

    def current_filter(self) -> RowFilter:
        kind, period = self.kind.currentData(), self.period.currentData()
        today = dt.date.today()

        def accepts(row) -> bool:
            if kind and row.kind != kind:
                return False
            if period == "upcoming":
                return row.starts_on >= today
            return period is None or row.starts_on.year == period

        return RowFilter(self.search.text(), (kind, period), accepts)

    def _apply_filter(self, *_args) -> None:
        self.proxy.set_filter(self.current_filter())
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        shown = self.proxy.shown_rows()
        return "  ·  ".join([
            _("{shown} of {total} shown").format(shown=f"{len(shown):,}", total=f"{len(self.model.rows):,}"),
            _("{n} attendances").format(n=f"{sum(r.attended for r in shown):,}"),
        ])

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- actions ---------------------------------------------------------------------------------

    def current_activity_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ROW_ID_ROLE) if index.isValid() else None

    def new_activity(self):
        return self.open_activity(None)

    def open_activity(self, activity_id: int | None):
        from clustermanager.ui.activity_detail import ActivityDialog

        self.dialog = ActivityDialog(self.ctx, activity_id, self)
        self.dialog.open()
        return self.dialog

    def import_list(self, path: str | None = None):
        """Import a registration list into the selected activity (asks for the file)."""
        from clustermanager.ui.registration_import import RegistrationImportDialog, choose_registration_file

        activity_id = self.current_activity_id()
        if activity_id is None:
            from clustermanager.ui.errors import message_box

            message_box(self, _("Import registration list"), _("Select the activity the list belongs to first."))
            return None
        path = path or choose_registration_file(self)
        if not path:
            return None
        self.dialog = RegistrationImportDialog(self.ctx, activity_id, path, self)
        self.dialog.open()
        return self.dialog


