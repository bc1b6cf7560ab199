"""The trash: deleted members, activities and projects with when and by whom, restorable with what
hung on them; emptied after the retention the user sets here, never without asking."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSpinBox, QTableView, QVBoxLayout

from clustermanager.i18n import N_, _
from clustermanager.services.history import trash
from clustermanager.ui import operations
from clustermanager.ui.common import dialogs
from clustermanager.ui.common.header import screen_header
from clustermanager.ui.common.numbers import count, day
from clustermanager.ui.common.register_screen import configure_table
from clustermanager.ui.common.screen import Screen
from clustermanager.ui.history.changes_table import when
from clustermanager.ui.operations import Change
from clustermanager.ui.tables.filter_proxy import FilterProxy
from clustermanager.ui.tables.list_model import ROW_ID_ROLE, Column, ListTableModel


def _kept_until(item, days: int) -> dt.date:
    return (item.deleted_at + dt.timedelta(days=days)).date()


def trash_columns(days: int) -> tuple[Column, ...]:
    return (
        Column("kind", N_("What"), lambda i: i.kind, lambda i: i.kind, 90),
        Column("name", N_("Name"), lambda i: i.name, lambda i: i.name.lower(), 220),
        Column("deleted_at", N_("Deleted"), lambda i: when(i.deleted_at), lambda i: i.deleted_at, 120),
        Column("user", N_("By"), lambda i: i.user, lambda i: i.user.lower(), 90),
        Column("rows", N_("Records"), lambda i: count(i.rows), lambda i: i.rows, 80, align_right=True),
        Column("until", N_("Kept until"), lambda i: day(_kept_until(i, days)), lambda i: i.deleted_at, 100),
    )


def load_trash(session):
    return trash.list_trash(session), trash.retention_days(session)


class TrashModel(ListTableModel):
    def __init__(self, parent=None):
        super().__init__(trash_columns(trash.DEFAULT_RETENTION_DAYS), parent,
                         search_text=lambda i: f"{i.kind} {i.name} {i.user}".lower())

    def set_retention(self, days: int) -> None:
        self.columns = trash_columns(days)


class TrashScreen(Screen):
    topics = tuple(Change)  # a deletion anywhere puts something here

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.items: list = []
        self.days = trash.DEFAULT_RETENTION_DAYS
        self.model = TrashModel(self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(12)
        top = QHBoxLayout()
        header, self.subtitle = screen_header(_("Trash"))
        self.subtitle.setWordWrap(True)  # "N items, the oldest from …" grows with the trash
        top.addLayout(header, 1)
        self.restore_button = QPushButton(_("&Restore"))
        self.restore_button.setObjectName("primary")
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button = QPushButton(_("&Empty trash…"))
        self.empty_button.clicked.connect(lambda: self.empty(everything=True))
        for button in (self.restore_button, self.empty_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        banner = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.empty_due_button = QPushButton(_("Empty them…"))
        self.empty_due_button.clicked.connect(lambda: self.empty(everything=False))
        banner.addWidget(self.banner_text, 1)
        banner.addWidget(self.empty_due_button)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.table = QTableView()
        configure_table(self.table, self.proxy, self.model.columns)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.table, 1)
        keep = QHBoxLayout()
        keep_label = QLabel(_("&Keep deleted items for"))
        keep.addWidget(keep_label)
        self.retention = QSpinBox()
        keep_label.setBuddy(self.retention)
        for control in (self.retention, self.retention.lineEdit()):  # a screen reader names the field
            control.setAccessibleName(_("Keep deleted items for (days)"))
        self.retention.setRange(1, 3650)
        self.retention.setSuffix(_(" days"))
        self.retention.setValue(self.days)
        self.retention.editingFinished.connect(self.save_retention)
        keep.addWidget(self.retention)
        self.retention_note = QLabel(_("then they may be emptied; the trash asks first."))
        self.retention_note.setObjectName("screenSubtitle")
        self.retention_note.setWordWrap(True)  # long in Dutch and French: wraps rather than widen the screen
        keep.addWidget(self.retention_note, 1)
        layout.addLayout(keep)
        self._update_buttons()

    # -- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        operations.query(self.ctx, load_trash, owner=self, key="trash", label=_("Loading the trash…"),
                         on_success=self._loaded)

    def reset(self) -> None:
        self.model.set_rows([])

    def _loaded(self, result) -> None:
        self.items, self.days = result
        self.model.set_retention(self.days)
        self.model.set_rows(self.items)
        self.retention.blockSignals(True)
        self.retention.setValue(self.days)
        self.retention.blockSignals(False)
        due = [i for i in self.items if i.due]
        self.banner.setVisible(bool(due))
        self.banner_text.setText(_("{n} deleted items are older than {days} days.").format(
            n=count(len(due)), days=count(self.days)) if due else "")
        self.subtitle.setText(_("{n} deleted items; restoring one brings back what hung on it (contacts, "
                                "participants, partners).").format(n=count(len(self.items))) if self.items
                              else _("Nothing in the trash: a deleted member, activity or project waits "
                                     "here until you empty it."))
        self._update_buttons()
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        return _("{n} in the trash").format(n=count(len(self.items)))

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)
        self.empty_button.setEnabled(bool(self.items))

    def selected(self):
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        item_id = index.data(ROW_ID_ROLE)
        return next((i for i in self.items if i.id == item_id), None)

    # -- actions ---------------------------------------------------------------------------------

    def restore_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        self.restore_button.setEnabled(False)
        operations.change(self.ctx, lambda session: trash.restore(session, item.id), changes=tuple(Change),
                          parent=self, label=_("Restoring…"), on_success=lambda _r: self._restored(item))

    def _restored(self, item) -> None:
        self.window().statusBar().showMessage(_("Restored {what} {name}").format(what=item.kind, name=item.name), 8000)

    def empty(self, *, everything: bool) -> None:
        items = self.items if everything else [i for i in self.items if i.due]
        if not items:
            return
        question = (_("Empty the trash? The {n} deleted items can no longer be restored; the history keeps "
                      "that they were deleted, and by whom.") if everything else
                    _("Empty the {n} items deleted more than {days} days ago? They can no longer be restored; "
                      "the history keeps that they were deleted, and by whom."))
        if not dialogs.confirm(self, _("Empty the trash"), question.format(n=count(len(items)), days=self.days),
                               action=_("Empty")):
            return
        operations.change(self.ctx, lambda session: trash.empty(session, everything=everything),
                          changes=(Change.HISTORY,), parent=self, label=_("Emptying the trash…"),
                          on_success=lambda n: self.window().statusBar().showMessage(
                              _("{n} items emptied from the trash").format(n=count(n)), 8000))

    def save_retention(self) -> None:
        days = self.retention.value()
        if days == self.days:
            return
        self.days = days
        operations.change(self.ctx, lambda session: trash.set_retention_days(session, days),
                          changes=(Change.HISTORY,), parent=self, label=_("Saving…"))
