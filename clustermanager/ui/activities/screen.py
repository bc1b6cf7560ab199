"""The activities: a searchable table with participant counts, and the way into one activity."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QPushButton

from clustermanager.i18n import N_, _
from clustermanager.services import activities as service
from clustermanager.ui.common.numbers import day as _date
from clustermanager.ui.common.register_screen import RegisterScreen
from clustermanager.ui.operations import Change
from clustermanager.ui.tables.row_table import ROW_ID_ROLE, Column

ACTIVITY_COLUMNS = (
    Column("starts_on", N_("Date"), lambda r: _date(r.starts_on), lambda r: r.starts_on, 102),
    Column("title", N_("Title"), lambda r: r.title, lambda r: r.title.lower(), 200),
    Column("kind", N_("Kind"), lambda r: r.kind_label, lambda r: r.kind_label.lower(), 145),
    Column("location", N_("Location"), lambda r: _("Online") if r.online else (r.location or ""),
           lambda r: (r.location or "").lower(), 100),
    Column("registered", N_("Registered"), lambda r: str(r.registered), lambda r: r.registered, 95,
           align_right=True),
    Column("attended", N_("Attended"), lambda r: str(r.attended), lambda r: r.attended, 85, align_right=True),
    Column("members", N_("Members"), lambda r: str(r.member_organisations), lambda r: r.member_organisations, 85,
           align_right=True),
    Column("international", N_("International"), lambda r: _("Yes") if r.international else "",
           lambda r: r.international, 118),
    Column("tags", N_("Tags"), lambda r: r.tags or "", lambda r: (r.tags or "").lower(), 80),
)


class ActivitiesScreen(RegisterScreen):
    topics = (Change.ACTIVITIES, Change.MEMBERS)
    key = "activities"
    columns = ACTIVITY_COLUMNS
    title = N_("Activities")
    new_text = N_("New activity")
    search_hint = N_("Search title, kind, location, organiser, tags…")
    dialog_target = "clustermanager.ui.activities.detail:ActivityDialog"
    loading_text = N_("Loading activities…")
    empty_text = N_("No activities yet: click New activity to add the first one.")

    def add_top_buttons(self) -> None:
        from clustermanager.ui.activities.event_documents import documents_menu

        self.import_button = QPushButton(_("Import registration list…"))
        self.import_button.clicked.connect(lambda: self.import_list())
        self.top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.documents_button = documents_menu(self)
        self.top.addWidget(self.documents_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.message = QLabel()  # what the last document written was
        self.message.setObjectName("screenSubtitle")
        self.top.addWidget(self.message, 0, Qt.AlignmentFlag.AlignBottom)

    def selected_ids(self) -> list[int]:
        """The activities selected in the table (Ctrl+click selects several, for one calendar file)."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        ids = [index.data(ROW_ID_ROLE) for index in rows]
        if not ids and self.current_id() is not None:
            ids = [self.current_id()]
        return ids

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def add_filters(self, bar: QHBoxLayout) -> None:
        self.kind = QComboBox()
        self.kind.addItem(_("All kinds"), None)
        self.period = QComboBox()
        this_year = dt.date.today().year
        for text, key in ((_("All dates"), None), (_("Upcoming"), "upcoming"), (str(this_year), this_year),
                          (str(this_year - 1), this_year - 1), (str(this_year - 2), this_year - 2)):
            self.period.addItem(text, key)
        for combo in (self.kind, self.period):
            combo.currentIndexChanged.connect(self._apply_filter)
            bar.addWidget(combo)

    def load(self, session):
        return service.activity_kinds(session), service.list_activities(session)

    def loaded(self, result) -> list:
        kinds, rows = result
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(_("All kinds"), None)
        for code, label in kinds.items():
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        self.kind.blockSignals(False)
        return rows

    def accepts(self):
        kind, period = self.kind.currentData(), self.period.currentData()
        today = dt.date.today()

        def accepts(row) -> bool:
            if kind and row.kind != kind:
                return False
            if period == "upcoming":
                return row.starts_on >= today
            return period is None or row.starts_on.year == period

        return (kind, period), accepts

    def summary(self, shown: list) -> str:
        return _("{n} attendances").format(n=f"{sum(r.attended for r in shown):,}")

    def import_list(self, path: str | None = None):
        """Import a registration list into the selected activity (asks for the file)."""
        from clustermanager.ui.activities.registration_import import (
            RegistrationImportDialog,
            choose_registration_file,
        )
        from clustermanager.ui.common.errors import message_box

        activity_id = self.current_id()
        if activity_id is None:
            message_box(self, _("Import registration list"), _("Select the activity the list belongs to first."))
            return None
        path = path or choose_registration_file(self)
        if not path:
            return None
        self.dialog = RegistrationImportDialog(self.ctx, activity_id, path, self)
        self.dialog.open()
        return self.dialog


def new_activity_action(window) -> None:
    """File > New activity… (Ctrl+Shift+A)."""
    window.show_screen("activities").new_record()
