"""The Mailings screen: build a selection (saved under a name, evaluated afresh each time), see whom it
reaches and whom the consent rule leaves out (and why), write to it, and the log of mailings written."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.services import mail_templates
from clustermanager.services import selections as svc
from clustermanager.services.selection_criteria import Criteria, criteria_from_dict
from clustermanager.ui import operations
from clustermanager.ui.common import dialogs
from clustermanager.ui.common.header import screen_header
from clustermanager.ui.common.register_screen import configure_table
from clustermanager.ui.common.screen import Screen
from clustermanager.ui.mailings import files
from clustermanager.ui.mailings.criteria_form import CriteriaForm
from clustermanager.ui.mailings.log_panel import MailingLogPanel
from clustermanager.ui.mailings.mailing_panel import MailingPanel
from clustermanager.ui.mailings.people import PEOPLE_COLUMNS, PeopleModel, people_rows
from clustermanager.ui.operations import Change
from clustermanager.ui.tables.layout import fit_columns


class MailingsScreen(Screen):
    topics = (Change.MAILINGS, Change.MEMBERS, Change.FEES, Change.ACTIVITIES, Change.PROJECTS)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.saved: list[svc.SelectionData] = []
        self.current: svc.SelectionData | None = None  # the saved selection being edited, None: a new one
        self.audience: svc.Audience | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        header, self.subtitle = screen_header(_("Mailings"), _(
            "Choose whom to write to; contacts without consent are left out unless a legal notice needs them. "
            "The drafts open in your own mail program."))
        self.subtitle.setWordWrap(True)  # two sentences: in Dutch and French wider than a laptop screen
        layout.addLayout(header)

        # left: the saved selections
        self.list = QListWidget()
        self.list.currentItemChanged.connect(lambda item, _old: self._pick(item))
        self.new_button = QPushButton(_("New"))
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("primary")
        self.rename_button = QPushButton(_("Rename…"))
        self.delete_button = QPushButton(_("Delete"))
        self.new_button.clicked.connect(self.new_selection)
        self.save_button.clicked.connect(lambda: self.save_selection())
        self.rename_button.clicked.connect(lambda: self.rename_selection())
        self.delete_button.clicked.connect(self.delete_selection)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(_("Saved selections")))
        left_layout.addWidget(self.list, 1)
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        row1.addWidget(self.new_button)
        row1.addWidget(self.save_button)
        row2.addWidget(self.rename_button)
        row2.addWidget(self.delete_button)
        left_layout.addLayout(row1)
        left_layout.addLayout(row2)
        self.note = QLabel()  # what the last save, rename or delete did
        self.note.setWordWrap(True)
        self.note.setObjectName("screenSubtitle")
        left_layout.addWidget(self.note)

        # right: who (criteria, counts, people), write, log
        self.form = CriteriaForm()
        self.form.changed.connect(self._criteria_changed)
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setMaximumHeight(380)
        self.name_label = QLabel()
        self.name_label.setObjectName("cardTitle")
        self.count = QLabel()
        self.count.setObjectName("cardValue")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.people = PeopleModel(self)
        self.people_table = QTableView()
        configure_table(self.people_table, self.people, PEOPLE_COLUMNS)
        self.people_table.setSortingEnabled(False)
        who = QWidget()
        who_layout = QVBoxLayout(who)
        who_layout.addWidget(self.name_label)
        who_layout.addWidget(scroll)
        counts = QHBoxLayout()
        counts.addWidget(self.count)
        counts.addWidget(self.explanation, 1)
        who_layout.addLayout(counts)
        who_layout.addWidget(self.problem)
        who_layout.addWidget(self.people_table, 1)
        self.panel = MailingPanel(ctx, self.source)
        self.log = MailingLogPanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(who, _("Who"))
        self.tabs.addTab(self.panel, _("Write"))
        self.tabs.addTab(self.log, _("Log"))
        self.tabs.currentChanged.connect(lambda index: index == 2 and self.log.reload())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 900])
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self)  # one count after a pause in editing, not one per key
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.count_now)

    # -- loading -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        def load(session):
            return svc.list_selections(session), mail_templates.template_names(session)

        operations.query(self.ctx, load, owner=self, key="selections", on_success=self._loaded)
        self.panel.reload()
        self.log.reload()

    def _loaded(self, result) -> None:
        self.saved, names = result
        self.form.set_templates(names)
        keep = self.current.id if self.current else None
        self.list.blockSignals(True)
        self.list.clear()
        for sel in self.saved:
            item = QListWidgetItem(sel.name)
            item.setData(Qt.ItemDataRole.UserRole, sel.id)
            item.setToolTip("\n".join([sel.description or "", *sel.criteria_text]).strip())
            self.list.addItem(item)
        self.list.blockSignals(False)
        chosen = next((s for s in self.saved if s.id == keep), None)
        if chosen is None and self.current is None and self.saved and not self._edited:
            chosen = self.saved[0]
        if chosen is not None:
            self._select_row(chosen.id)
            self._show_selection(chosen)
        else:
            self.current = None
            self._update_title()
            self.count_now()

    _edited = False  # the user changed the criteria of a new selection: keep them on a refresh

    def _select_row(self, selection_id: int) -> None:
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == selection_id:
                self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    def _pick(self, item) -> None:
        if item is None:
            return
        chosen = next((s for s in self.saved if s.id == item.data(Qt.ItemDataRole.UserRole)), None)
        if chosen is not None:
            self._show_selection(chosen)

    def _show_selection(self, sel: svc.SelectionData) -> None:
        self.current = sel
        self.form.load(sel.criteria)
        self._edited = False
        self._update_title()
        self.count_now()  # at once, not after the edit pause

    def _update_title(self) -> None:
        if self.current is None:
            self.name_label.setText(_("New selection (not saved)"))
        else:
            self.name_label.setText(self.current.name + (" — " + self.current.description
                                                         if self.current.description else ""))
        self.rename_button.setEnabled(self.current is not None)
        self.delete_button.setEnabled(self.current is not None)

    # -- counting ----------------------------------------------------------------------------------

    def _criteria_changed(self) -> None:
        self._edited = True
        self._debounce.start()

    def source(self) -> tuple[dict, str | None]:
        return self.form.values(), self.current.name if self.current else None

    def count_now(self) -> None:
        self._debounce.stop()
        if not self.isVisible():  # a count that fires while the window closes would outlive it
            return
        values = self.form.values()
        operations.query(self.ctx, lambda session: svc.audience(session, criteria_from_dict(values)),
                         owner=self, key="audience", on_success=self._counted, on_error=self._refused)

    def _counted(self, audience: svc.Audience) -> None:
        self.audience = audience
        self.problem.clear()
        self.people.set_rows(people_rows(audience))
        fit_columns(self.people_table, stretch=3)
        self.count.setText(str(len(audience.recipients)))
        self.explanation.setText(audience.explanation())
        self.status_changed.emit(self.status_text())

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.problem.setText("; ".join(str(p) for p in exc.problems) or str(exc))
            return
        from clustermanager.ui.common.errors import show_error

        show_error(self, exc)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self._debounce.stop()
        super().hideEvent(event)

    def status_text(self) -> str:
        return self.audience.explanation() if self.audience else ""

    # -- saving, renaming, deleting ------------------------------------------------------------------

    def new_selection(self) -> None:
        self.current = None
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.form.load(Criteria())
        self._edited = False
        self._update_title()
        self.count_now()

    def _write(self, fn, message_ok: str) -> None:
        def saved(sel) -> None:
            self.current = sel
            self._edited = False
            self.note.setText(message_ok.format(name=sel.name))

        operations.change(self.ctx, fn, changes=(Change.MAILINGS,), parent=self, on_success=saved,
                          on_error=self._refused)

    def save_selection(self, name: str | None = None) -> None:
        values, current = self.form.values(), self.current
        if current is None:
            name = name or files.ask_name(self, _("Save selection"), _("Name of the selection"))
            if not name:
                return
            self._write(lambda s: svc.save_selection(s, name, values), _("Selection {name} saved."))
        else:
            self._write(lambda s: svc.save_selection(s, current.name, values, description=current.description,
                                                     selection_id=current.id, expected_version=current.version),
                        _("Selection {name} saved."))

    def rename_selection(self, name: str | None = None) -> None:
        current = self.current
        if current is None:
            return
        name = name or files.ask_name(self, _("Rename selection"), _("New name"), current.name)
        if name:
            self._write(lambda s: svc.rename_selection(s, current.id, name), _("Selection renamed to {name}."))

    def delete_selection(self) -> None:
        current = self.current
        if current is None or not dialogs.confirm(self, _("Delete selection"), _(
                "Delete the selection {name}? The contacts stay; only the saved criteria go.").format(
                name=current.name), action=_("Delete")):
            return
        self.current = None

        def deleted(_result) -> None:
            self.note.setText(_("Selection {name} deleted.").format(name=current.name))

        operations.change(self.ctx, lambda s: svc.delete_selection(s, current.id), changes=(Change.MAILINGS,),
                          parent=self, on_success=deleted, on_error=self._refused)

    # -- from elsewhere ------------------------------------------------------------------------------

    def prepare(self, *, template: str | None = None, activity_id: int | None = None) -> None:
        """Open on the Write tab with a template and activity chosen (from an activity's Invite button)."""
        self.panel.choose(template, activity_id)
        self.tabs.setCurrentWidget(self.panel)
