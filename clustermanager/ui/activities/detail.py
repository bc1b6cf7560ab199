"""Create or edit one activity: its fields, and its participant list (contacts, outside people, imports)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clustermanager import validation as v
from clustermanager.i18n import N_, _
from clustermanager.services import activities as service
from clustermanager.services.activities import ActivityDetail, ActivityInput, OutsidePerson, ParticipantData
from clustermanager.ui import operations
from clustermanager.ui.activities.attendance_keys import AttendanceKeys, sheet_order
from clustermanager.ui.activities.event_documents import EventDocumentsBar
from clustermanager.ui.common.dialog import Dialog
from clustermanager.ui.common.dialogs import confirm, date_edit, from_qdate, to_qdate
from clustermanager.ui.common.errors import show_error
from clustermanager.ui.common.forms import InlineValidation, form_layout
from clustermanager.ui.common.numbers import day
from clustermanager.ui.common.record_dialog import RecordDialog
from clustermanager.ui.common.record_header import facts
from clustermanager.ui.common.register_screen import search_box
from clustermanager.ui.history.record_tab import RecordHistoryTab
from clustermanager.ui.operations import Change
from clustermanager.ui.tables.layout import fit_columns
from clustermanager.ui.tables.list_model import Column, ListTableModel


class ActivityForm(QWidget):
    """The activity's own fields; `input()` reads them as an ActivityInput for the service."""

    def set_kinds(self, kinds: dict[str, str]) -> None:
        chosen = self.kind.currentData()
        self.kind.clear()
        for code, label in kinds.items():
            self.kind.addItem(label, code)
        if chosen is not None and self.kind.findData(chosen) >= 0:
            self.kind.setCurrentIndex(self.kind.findData(chosen))

    def __init__(self, kinds: dict[str, str], parent=None):
        super().__init__(parent)
        self.checks = InlineValidation(self)
        self.kind = QComboBox()
        self.set_kinds(kinds)
        self.title = QLineEdit()
        self.starts_on = date_edit()
        self.several_days = QCheckBox(_("Several days, until"))
        self.ends_on = date_edit()
        self.ends_on.setEnabled(False)
        self.several_days.toggled.connect(self.ends_on.setEnabled)
        self.start_time = QLineEdit()
        self.start_time.setPlaceholderText("14:00")
        self.start_time.setMaximumWidth(80)
        self.location = QLineEdit()
        self.online = QCheckBox(_("Online"))
        self.international = QCheckBox(_("International (with foreign partners)"))
        self.organiser, self.tags = QLineEdit(), QLineEdit()
        self.tags.setPlaceholderText(_("comma-separated, e.g. hydrogen, logistics"))
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(90)

        form = form_layout(self)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Title"), self.checks.add("title", self.title,
                                                lambda t: v.clean_text(t, "title", required=True)))
        when = QHBoxLayout()
        when.addWidget(self.starts_on)
        when.addWidget(self.start_time)
        when.addWidget(self.several_days)
        when.addWidget(self.ends_on)
        when.addStretch(1)
        form.addRow(_("Date"), when)
        where = QHBoxLayout()
        where.addWidget(self.location, 1)
        where.addWidget(self.online)
        form.addRow(_("Location"), where)
        form.addRow("", self.international)
        form.addRow(_("Organiser"), self.organiser)
        form.addRow(_("Tags"), self.tags)
        form.addRow(_("Description"), self.description)

    def load(self, a: ActivityDetail) -> None:
        index = self.kind.findData(a.kind)
        if index < 0:  # a kind removed from the preferences since: keep it selectable for this activity
            self.kind.addItem(a.kind_label, a.kind)
            index = self.kind.count() - 1
        self.kind.setCurrentIndex(index)
        self.title.setText(a.title)
        self.starts_on.setDate(to_qdate(a.starts_on))
        self.several_days.setChecked(a.ends_on is not None and a.ends_on != a.starts_on)
        self.ends_on.setDate(to_qdate(a.ends_on or a.starts_on))
        self.start_time.setText(a.start_time or "")
        for name in ("location", "organiser", "tags"):
            getattr(self, name).setText(getattr(a, name) or "")
        self.online.setChecked(a.online)
        self.international.setChecked(a.international)
        self.description.setPlainText(a.description or "")

    def input(self) -> ActivityInput:
        start = from_qdate(self.starts_on.date())
        return ActivityInput(
            kind=self.kind.currentData(), title=self.title.text(), starts_on=start,
            ends_on=from_qdate(self.ends_on.date()) if self.several_days.isChecked() else None,
            start_time=self.start_time.text().strip() or None, location=self.location.text().strip() or None,
            online=self.online.isChecked(), international=self.international.isChecked(),
            organiser=self.organiser.text().strip() or None, tags=self.tags.text().strip() or None,
            description=self.description.toPlainText().strip() or None,
        )


PARTICIPANT_COLUMNS = (
    Column("name", N_("Name"), lambda p: p.name),
    Column("organisation", N_("Organisation"), lambda p: p.organisation or ""),
    Column("email", N_("E-mail"), lambda p: p.email or ""),
    Column("origin", N_("From"), lambda p: _("outside") if p.is_outside else _("member")),
    Column("registered", N_("Registered"), lambda p: None),
    Column("attended", N_("Attended"), lambda p: None),
)
FLAG_COLUMNS = {4: "registered", 5: "attended"}


class ParticipantTableModel(ListTableModel):
    """The list of one activity; ticking Registered/Attended calls `toggle(participant, field, value)`."""

    def __init__(self, toggle, parent=None):
        super().__init__(PARTICIPANT_COLUMNS, parent)
        self._toggle = toggle

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() in FLAG_COLUMNS else base

    def role_data(self, p: ParticipantData, column: Column, role: int):
        if column.key in FLAG_COLUMNS.values():
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if getattr(p, column.key) else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.ToolTipRole:  # a cut text whole
            return column.text(p)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() not in FLAG_COLUMNS:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        return self._toggle(self.rows[index.row()], FLAG_COLUMNS[index.column()], checked)


class ParticipantsPanel(QWidget):
    """Who registered and who came; every change is saved at once (`changed` is emitted)."""

    changed = Signal()

    def __init__(self, ctx, activity_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.activity_id = ctx, activity_id
        self.model = ParticipantTableModel(self._toggle, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.summary = QLabel()
        self.keys = AttendanceKeys(self.table, self.model, self._toggle, self)
        self.documents = EventDocumentsBar(ctx, activity_id)
        self.add_contacts_button = QPushButton(_("Add contacts…"))
        self.add_outside_button = QPushButton(_("Add someone from outside…"))
        self.import_button = QPushButton(_("Import registration list…"))
        self.remove_button = QPushButton(_("Remove"))
        self.add_contacts_button.clicked.connect(self.add_contacts)
        self.add_outside_button.clicked.connect(self.add_outside)
        self.import_button.clicked.connect(self.import_list)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (self.add_contacts_button, self.add_outside_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.documents)
        self.dialog = None  # the sub-dialog last opened (tests drive it)
        self.reload()

    def reload(self) -> None:
        activity_id = self.activity_id
        operations.query(self.ctx, lambda session: service.get_activity(session, activity_id).participants,
                         owner=self, on_success=self._show)

    def _show(self, rows) -> None:
        current = self.table.currentIndex()
        self.model.set_rows(sheet_order(rows))
        if current.isValid() and rows:  # ticking with Space goes on where it was
            self.table.setCurrentIndex(self.model.index(min(current.row(), len(rows) - 1), current.column()))
        fit_columns(self.table, stretch=2, max_width=210)
        self.summary.setText(_("{r} registered, {a} attended, {o} from outside").format(
            r=sum(p.registered for p in rows), a=sum(p.attended for p in rows), o=sum(p.is_outside for p in rows))
            + "  " + _("(in the sign-in sheet's order: Space ticks Attended and goes to the next person)"))

    def _run(self, fn) -> bool:
        """One small change in its own transaction on the task runner; errors are shown, the list
        reloaded either way. True: the change started."""
        def done(_result) -> None:
            self.reload()
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self.reload()

        operations.change(self.ctx, fn, changes=(operations.Change.ACTIVITIES,), parent=self,
                          on_success=done, on_error=failed)
        return True

    def _toggle(self, p: ParticipantData, field: str, value: bool) -> bool:
        return self._run(lambda s: service.set_participation(s, p.id, **{field: value}))

    def add_contacts(self):
        self.dialog = ContactPicker(self.ctx, self)
        self.dialog.accepted.connect(lambda: self._add_picked(self.dialog.chosen()))
        self.dialog.open()
        return self.dialog

    def _add_picked(self, contact_ids: list[int]) -> None:
        listed = {p.contact_id for p in self.model.rows}

        def add(session):
            for contact_id in contact_ids:
                if contact_id not in listed:
                    service.add_contact_participant(session, self.activity_id, contact_id)

        self._run(add)

    def add_outside(self):
        self.dialog = OutsidePersonDialog(self)
        self.dialog.accepted.connect(lambda: self._add_outside(self.dialog.person()))
        self.dialog.open()
        return self.dialog

    def _add_outside(self, person: OutsidePerson) -> None:
        activity_id = self.activity_id  # read here: the job runs on the worker thread
        self._run(lambda s: service.add_outside_participant(s, activity_id, person))

    def import_list(self, path: str | None = None):
        from clustermanager.ui.activities.registration_import import (
            RegistrationImportDialog,
            choose_registration_file,
        )

        path = path or choose_registration_file(self)
        if not path:
            return None
        self.dialog = RegistrationImportDialog(self.ctx, self.activity_id, path, self)
        self.dialog.imported.connect(lambda _result: (self.reload(), self.changed.emit()))
        self.dialog.open()
        return self.dialog

    def remove_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        p = self.model.rows[index.row()]
        if confirm(self, _("Remove participant"), _("Remove {name} from this activity?").format(name=p.name),
                   action=_("Remove")):
            self._run(lambda s: service.remove_participant(s, p.id))


class ContactPicker(Dialog):
    """Pick one or more members' contacts, searched by name, member or e-mail."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Add contacts"))
        self.setMinimumSize(640, 460)
        self.search = search_box(_("Name, member or e-mail…"))
        hint = QLabel(_("Select one or more people (Ctrl+click or Shift+click to select several)."))
        hint.setObjectName("screenSubtitle")
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)  # a long e-mail is cut, not scrolled to
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAlternatingRowColors(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self._debounce = QTimer(self)  # one query after a pause in typing, not one per letter
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(lambda: self._load(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self._load("")

    def _load(self, text: str) -> None:
        operations.query(self.ctx, lambda session: service.contact_choices(session, text), owner=self,
                         on_success=self._show)

    def _show(self, choices) -> None:
        self.list.clear()
        for c in choices:
            item = QListWidgetItem(f"{c.name} — {c.member_name}" + (f"  <{c.email}>" if c.email else ""))
            item.setData(Qt.ItemDataRole.UserRole, c.contact_id)
            item.setToolTip(item.text())
            self.list.addItem(item)

    def chosen(self) -> list[int]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]


class OutsidePersonDialog(Dialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Someone from outside"))
        self.resize(440, 0)  # as narrow as that; its layout widens it for a longer label
        self.checks = InlineValidation(self)
        self.name, self.organisation, self.email = QLineEdit(), QLineEdit(), QLineEdit()
        form = form_layout()
        form.addRow(_("Name"), self.checks.add("name", self.name, lambda t: v.clean_text(t, "name", required=True)))
        form.addRow(_("Organisation"), self.organisation)
        form.addRow(_("E-mail"), self.checks.add("email", self.email, v.email))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add"))
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _ok(self) -> None:
        if self.checks.validate_all() and self.name.text().strip():
            self.accept()

    def person(self) -> OutsidePerson:
        return OutsidePerson(self.name.text(), self.organisation.text().strip() or None,
                             self.email.text().strip() or None)


class ActivityDialog(RecordDialog):
    topic = Change.ACTIVITIES
    new_title = N_("New activity")

    def __init__(self, ctx, activity_id: int | None, parent=None):
        super().__init__(ctx, activity_id, parent)
        self.resize(920, 620)  # at least; the layout widens it for longer button labels
        self.form = ActivityForm({})  # the kinds (and the record) are read on the task runner
        self.tabs.addTab(self.form, _("General"))
        self.participants: ParticipantsPanel | None = None
        self.form.title.textChanged.connect(lambda _t: self._update_save())
        if activity_id is None:
            hint = QLabel(_("Save the activity first; then add its participants."))
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.tabs.addTab(hint, _("Participants"))
            self.tabs.setTabEnabled(1, False)
        else:
            self.participants = ParticipantsPanel(ctx, activity_id)
            self.tabs.addTab(self.participants, _("Participants"))
            self.changes = RecordHistoryTab(ctx, "activity", activity_id)  # with its participants' changes
            self.tabs.addTab(self.changes, _("History"))
        self._update_save()
        operations.query(ctx, service.activity_kinds, owner=self, key="kinds",
                         on_success=lambda kinds: self._kinds_read(kinds, activity_id))

    def _kinds_read(self, kinds: dict[str, str], activity_id: int | None) -> None:
        self.form.set_kinds(kinds)
        if activity_id is not None:
            self.load(activity_id)  # after the kinds: the record's kind is then in the list

    def _update_save(self) -> None:
        self.save_button.setEnabled(bool(self.form.title.text().strip()))

    def read(self, session, record_id: int) -> ActivityDetail:
        return service.get_activity(session, record_id)

    def show_record(self, record: ActivityDetail) -> None:
        self.form.load(record)

    def describe(self, record: ActivityDetail) -> str:
        when = day(record.starts_on) + (f" – {day(record.ends_on)}" if record.ends_on else "")
        return facts(record.kind_label, when, record.location)

    def collect(self) -> ActivityInput:
        return self.form.input()

    def write(self, session, data: ActivityInput, expected_version: int | None) -> ActivityDetail:
        if self.record_id is None:
            return service.create_activity(session, data)
        return service.update_activity(session, self.record_id, data, expected_version=expected_version)

    def remove(self, session) -> None:
        service.delete_activity(session, self.record_id)

    def delete_question(self) -> str:
        return _("Delete {title} and its list of {n} participants?").format(
            title=self.record.title, n=len(self.record.participants))
