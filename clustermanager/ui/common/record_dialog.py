"""A dialog over one record (an activity, a project): a header naming it, tabs, Save with conflict
handling, Delete.

Save runs in one transaction on the task runner (`operations.save`): a ValidationError is shown
beside its fields, a colleague's change offers the conflict dialog, anything else goes to show_error. Subclasses say how to load, write
and delete the record.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QTabWidget, QVBoxLayout

from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.ui import operations
from clustermanager.ui.common.dialog import Dialog
from clustermanager.ui.common.dialogs import confirm
from clustermanager.ui.common.record_header import MARGINS, RecordHeader


class RecordDialog(Dialog):
    """`saved(record_id)` after every successful save. Subclasses set `topic` and `self.form`."""

    saved = Signal(int)
    topic = ""
    new_title = ""  # the header of a record not saved yet ("New activity")

    def __init__(self, ctx, record_id: int | None, parent=None):
        super().__init__(parent)
        self.ctx, self.record_id = ctx, record_id
        self.record = None
        self.header = RecordHeader(_(self.new_title))
        self.setWindowTitle(_(self.new_title))
        self._shown = None  # what the form held right after the record was shown (for unsaved edits)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.setVisible(record_id is not None)
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self.delete)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*MARGINS)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    # -- what subclasses provide -------------------------------------------------------------------

    def read(self, session, record_id: int):
        """The record's detail dataclass (with `id`, `version`, `title`)."""
        raise NotImplementedError

    def show_record(self, record) -> None:
        raise NotImplementedError

    def collect(self):
        """What the form holds, read on the main thread (may raise ValidationError)."""
        raise NotImplementedError

    def write(self, session, data, expected_version: int | None):
        """Create (record_id None) or update the record from `data` (collect()'s); on the worker thread,
        so it touches no widget. Returns the saved detail."""
        raise NotImplementedError

    def remove(self, session) -> None:
        raise NotImplementedError

    def describe(self, record) -> str:
        """The header's line under the record's name (its kind, its dates)."""
        return ""

    def delete_question(self) -> str:
        return _("Delete {title}?").format(title=self.record.title)

    # -- shared behaviour --------------------------------------------------------------------------

    def load(self, record_id: int) -> None:
        """Read the record on the task runner; the form fills in when it arrives."""
        operations.query(self.ctx, lambda session: self.read(session, record_id), owner=self, key="record",
                         on_success=self._loaded)

    def _loaded(self, record) -> None:
        self.record = record
        self.show_record(record)
        self.header.show_record(self, record.title, self.describe(record))
        self._shown = self._form_now()

    def _form_now(self):
        try:
            return self.collect()
        except ValidationError:
            return None

    def has_unsaved_changes(self) -> bool:
        """The form differs from the record as it was shown (a new record: something was typed)."""
        now = self._form_now()
        return now is None or now != self._shown

    def save(self, *, expected_version: int | None = None, then: Callable[[], None] | None = None) -> bool:
        """Start the save (on the task runner); True if it started. The dialog closes when it succeeded,
        and then `then()` runs (only after a successful save: a refused one keeps the dialog open)."""
        if not self.form.checks.validate_all():
            return False
        if expected_version is None and self.record is not None:
            expected_version = self.record.version
        try:
            data = self.collect()
        except ValidationError as exc:
            self.message.setText("; ".join(str(p) for p in self.form.checks.show_problems(exc)))
            return False
        operations.save(self.ctx, self, lambda session, expected: self.write(session, data, expected),
                        expected_version=expected_version,
                        changes=(self.topic,), on_saved=lambda saved: self._saved(saved, then), checks=self.form.checks,
                        message=self.message, reload=lambda: self.load(self.record_id), busy=self.save_button)
        return True

    def _saved(self, saved, then: Callable[[], None] | None = None) -> None:
        self.record_id, self.record = saved.id, saved
        self._shown = self._form_now()
        self.saved.emit(saved.id)
        self.accept()
        if then is not None:
            then()

    def delete(self) -> None:
        if not confirm(self, self.windowTitle(), self.delete_question(), action=_("Delete")):
            return
        operations.change(self.ctx, self.remove, changes=(self.topic,), parent=self,
                          on_success=lambda _result: self.reject())
