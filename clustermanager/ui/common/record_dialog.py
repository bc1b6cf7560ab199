"""A dialog over one record (an activity, a project): tabs, Save with conflict handling, Delete.

Save runs in one transaction; a ValidationError is shown beside its fields, a colleague's change
offers the conflict dialog, anything else goes to show_error. Subclasses say how to load, write
and delete the record.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QTabWidget, QVBoxLayout

from clustermanager.errors import ConflictError, ValidationError
from clustermanager.i18n import _
from clustermanager.ui.common import conflict_dialog
from clustermanager.ui.common.dialogs import confirm
from clustermanager.ui.common.errors import show_error


class RecordDialog(QDialog):
    """`saved(record_id)` after every successful save. Subclasses set `topic` and `self.form`."""

    saved = Signal(int)
    topic = ""

    def __init__(self, ctx, record_id: int | None, parent=None):
        super().__init__(parent)
        self.ctx, self.record_id = ctx, record_id
        self.record = None
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
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    # -- what subclasses provide -------------------------------------------------------------------

    def read(self, session, record_id: int):
        """The record's detail dataclass (with `id`, `version`, `title`)."""
        raise NotImplementedError

    def show_record(self, record) -> None:
        raise NotImplementedError

    def write(self, session, expected_version: int | None):
        """Create (record_id None) or update the record from the form; returns the saved detail."""
        raise NotImplementedError

    def remove(self, session) -> None:
        raise NotImplementedError

    def delete_question(self) -> str:
        return _("Delete {title}?").format(title=self.record.title)

    # -- shared behaviour --------------------------------------------------------------------------

    def load(self, record_id: int) -> None:
        with self.ctx.db.session() as session:
            self.record = self.read(session, record_id)
        self.show_record(self.record)
        self.setWindowTitle(self.record.title)

    def save(self, *, expected_version: int | None = None) -> bool:
        if not self.form.checks.validate_all():
            return False
        if expected_version is None and self.record is not None:
            expected_version = self.record.version
        try:
            with self.ctx.db.session() as session:
                saved = self.write(session, expected_version)
        except ValidationError as exc:
            rest = self.form.checks.show_problems(exc)
            self.message.setText("; ".join(str(p) for p in rest))
            return False
        except ConflictError as exc:
            choice = conflict_dialog.resolve_conflict(self, exc.message, exc.theirs, exc.mine)
            if choice == conflict_dialog.KEEP_MINE:
                return self.save(expected_version=exc.theirs.version)
            if choice == conflict_dialog.TAKE_THEIRS:
                self.load(self.record_id)
            return False
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        self.record_id, self.record = saved.id, saved
        self.ctx.notify(self.topic)
        self.saved.emit(saved.id)
        self.accept()
        return True

    def delete(self) -> None:
        if not confirm(self, self.windowTitle(), self.delete_question(), action=_("Delete")):
            return
        try:
            with self.ctx.db.session() as session:
                self.remove(session)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.ctx.notify(self.topic)
        self.reject()
