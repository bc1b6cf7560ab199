"""The contacts of one member: a small table model, an edit form and the panel on the member detail."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clustermanager import validation as v
from clustermanager.errors import ValidationError
from clustermanager.i18n import N_, _
from clustermanager.services import members as service
from clustermanager.services.members import ContactData, ContactInput
from clustermanager.ui import operations
from clustermanager.ui.common import dialogs
from clustermanager.ui.common.dialog import Dialog
from clustermanager.ui.common.errors import show_error
from clustermanager.ui.common.forms import InlineValidation, form_layout
from clustermanager.ui.operations import Change
from clustermanager.ui.tables.list_model import Column, ListTableModel

CONTACT_COLUMNS = (
    Column("name", N_("Name"), lambda c: c.full_name),
    Column("role", N_("Role"), lambda c: c.role or ""),
    Column("email", N_("E-mail"), lambda c: c.email or ""),
    Column("phone", N_("Phone"), lambda c: c.phone or ""),
    Column("consent", N_("Consent"), lambda c: _("Yes") if c.consent else _("No")),
)


class ContactTableModel(ListTableModel):
    def __init__(self, parent=None):
        super().__init__(CONTACT_COLUMNS, parent)
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def contacts(self) -> list[ContactData]:
        return self.rows

    def role_data(self, c: ContactData, column: Column, role: int):
        if role == Qt.ItemDataRole.FontRole and c.is_main and column.key == "name":
            return self._bold  # the main contact
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Main contact") if c.is_main and column.key == "name" else (
                c.email if column.key == "email" else None)
        return None


class ContactDialog(Dialog):
    def __init__(self, contact: ContactData | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Contact") if contact is None else contact.full_name)
        self.resize(460, 0)  # as narrow as that; its layout widens it for a longer label (French)
        self.checks = InlineValidation(self)
        c = contact
        self.first_name = QLineEdit(c.first_name if c else "")
        self.last_name = QLineEdit(c.last_name if c else "")
        self.role = QLineEdit((c.role or "") if c else "")
        self.email = QLineEdit((c.email or "") if c else "")
        self.phone = QLineEdit((c.phone or "") if c else "")
        self.is_main = QCheckBox(_("Main contact of the member"))
        self.is_main.setChecked(bool(c and c.is_main))
        self.consent = QCheckBox(_("Agreed to receive the newsletter and invitations"))
        self.consent.setChecked(bool(c and c.consent))
        self.language = QComboBox()  # the language of the mailings this person gets
        self.language.addItem(_("the app's language"), None)
        for code, label in (("nl", N_("Dutch")), ("fr", N_("French")), ("en", N_("English"))):
            self.language.addItem(_(label), code)
        self.language.setCurrentIndex(max(0, self.language.findData(c.language if c else None)))
        form = form_layout()
        form.addRow(_("First name"), self.first_name)
        form.addRow(_("Last name"), self.last_name)
        form.addRow(_("Role"), self.role)
        form.addRow(_("E-mail"), self.checks.add("email", self.email, v.email))
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("Mail language"), self.language)
        form.addRow("", self.is_main)
        form.addRow("", self.consent)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.checks.valid_changed.connect(buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled)
        layout.addWidget(buttons)

    def data(self) -> ContactInput:
        return ContactInput(first_name=self.first_name.text(), last_name=self.last_name.text(),
                            email=self.email.text() or None, phone=self.phone.text() or None,
                            role=self.role.text() or None, is_main=self.is_main.isChecked(),
                            consent=self.consent.isChecked(), language=self.language.currentData())


def edit_contact_dialog(parent, contact: ContactData | None) -> ContactDialog:
    """The dialog for a new (None) or existing contact; tests replace this to fill it in."""
    return ContactDialog(contact, parent)


class ContactsPanel(QWidget):
    changed = Signal()

    def __init__(self, ctx, member_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        self.model = ContactTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the e-mail takes what is left
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.remove_button = QPushButton(_("Remove…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        member_id = self.member_id
        operations.query(self.ctx, lambda session: service.list_contacts(session, member_id), owner=self,
                         on_success=self.model.set_rows)

    def selected(self) -> ContactData | None:
        index = self.table.currentIndex()
        return self.model.contacts[index.row()] if index.isValid() else None

    def add(self) -> None:
        self._edit(None)

    def edit(self) -> None:
        contact = self.selected()
        if contact is not None:
            self._edit(contact)

    def _edit(self, contact: ContactData | None) -> None:
        import clustermanager.ui.members.contacts as module  # looked up at call time: tests patch it

        self._ask(module.edit_contact_dialog(self, contact), contact)

    def _ask(self, dialog, contact: ContactData | None) -> None:
        """Show the contact form; save on the task runner; a refused field reopens the form with it marked."""
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        data, member_id = dialog.data(), self.member_id

        def write(session):
            if contact is None:
                return service.add_contact(session, member_id, data)
            return service.update_contact(session, contact.id, data, expected_version=contact.version)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                dialog.message.setText("; ".join(str(p) for p in dialog.checks.show_problems(exc)))
                self._ask(dialog, contact)
            else:
                show_error(self, exc)
                self._changed()

        operations.change(self.ctx, write, changes=(Change.MEMBERS,), parent=self,
                          on_success=lambda _r: self._changed(), on_error=failed)

    def remove(self) -> None:
        contact = self.selected()
        if contact is None or not dialogs.confirm(
                self, _("Remove contact"),
                _("Remove {name} from this member? Their past participations stay counted.").format(
                    name=contact.full_name), action=_("Remove")):
            return
        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self._changed()

        operations.change(self.ctx, lambda session: service.remove_contact(session, contact.id),
                          changes=(Change.MEMBERS,), parent=self, on_success=lambda _r: self._changed(),
                          on_error=failed)

    def _changed(self) -> None:
        self.reload()
        self.changed.emit()
