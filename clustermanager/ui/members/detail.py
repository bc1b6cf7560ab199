"""Create or edit one member: a form checked as it is typed, its contacts, and the registered extra tabs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clustermanager import validation as v
from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.models import MemberKind, SizeClass
from clustermanager.services import members as service
from clustermanager.services.fee_category_choices import CategoryChoice, fee_category_choices
from clustermanager.services.fees import category_label, fee_category_for
from clustermanager.services.members import MemberDetail, MemberInput
from clustermanager.ui import operations
from clustermanager.ui.common.dialog import Dialog
from clustermanager.ui.common.dialogs import date_edit, from_qdate, to_qdate
from clustermanager.ui.common.errors import show_error
from clustermanager.ui.common.forms import InlineValidation, form_layout
from clustermanager.ui.common.numbers import day
from clustermanager.ui.common.record_header import MARGINS, RecordHeader, facts
from clustermanager.ui.members import actions as member_actions
from clustermanager.ui.members.contacts import ContactsPanel
from clustermanager.ui.operations import Change
from clustermanager.ui.shell import registry
from clustermanager.ui.shell.registry import load_object


class MemberForm(QWidget):
    """The member's own fields; `input()` reads them as a MemberInput for the service."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.checks = InlineValidation(self)
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind in MemberKind:
            self.kind.addItem(_(kind.label), kind.value)  # plain text: Qt hands a StrEnum back as str
        self.size_class = QComboBox()
        self.size_class.addItem(_("(unknown)"), None)
        for size in SizeClass:
            self.size_class.addItem(_(size.label), size.value)
        self.enterprise_number = QLineEdit()
        self.enterprise_number.setPlaceholderText("0xxx.xxx.xxx")
        self.vat_number = QLineEdit()
        self.vat_number.setPlaceholderText(_("foreign members only, e.g. NL123456789B01"))
        self.street, self.postcode, self.municipality = QLineEdit(), QLineEdit(), QLineEdit()
        self.province, self.country = QLineEdit(), QLineEdit("BE")
        self.country.setMaxLength(2)
        self.country.setMaximumWidth(60)
        self.postcode.setMaximumWidth(90)
        self.website, self.email = QLineEdit(), QLineEdit()
        self.fee_category = QComboBox()  # the fee schedule's categories, by name (set_categories)
        self.fee_category.setToolTip(_("The row of the fee schedule this member's fee call takes"))
        self._categories: list[CategoryChoice] = []
        self._category: str | None = None
        self.peppol_id = QLineEdit()
        self.peppol_id.setPlaceholderText(_("empty: 0208 + the enterprise number"))
        self.einvoice_opt_out = QCheckBox(_("No e-invoices (PDF only)"))
        self.einvoice_opt_out.toggled.connect(lambda off: self.peppol_id.setEnabled(not off))
        self.enterprise_number.textChanged.connect(self._show_default_peppol_id)
        self.joined_on = date_edit()
        self.left_label = QLabel()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(110)

        # Two columns, so the whole form fits a 1280 x 720 laptop: who the member is on the left, where
        # it is and how to reach it on the right.
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 8, 0, 0)
        columns.setSpacing(24)
        form, where = form_layout(), form_layout()
        columns.addLayout(form, 1)
        columns.addLayout(where, 1)
        self.form_layout = form
        form.addRow(_("Name"), self.checks.add("name", self.name, lambda t: v.clean_text(t, "name", required=True)))
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Size"), self.size_class)
        form.addRow(_("Enterprise number"), self.checks.add("enterprise_number", self.enterprise_number,
                                                             v.enterprise_number))
        form.addRow(_("VAT number"), self.checks.add("vat_number", self.vat_number, v.foreign_vat_number))
        form.addRow(_("Fee category"), self.fee_category)
        form.addRow(_("Peppol ID"), self.checks.add("peppol_id", self.peppol_id, v.peppol_id))
        form.addRow("", self.einvoice_opt_out)
        form.addRow(_("Member since"), self.joined_on)
        form.addRow("", self.left_label)
        form.setRowVisible(self.left_label, False)
        where.addRow(_("Street"), self.street)
        where.addRow(_("Postcode"), self.postcode)
        where.addRow(_("Municipality"), self.checks.add("municipality", self.municipality))
        where.addRow(_("Province"), self.province)
        where.addRow(_("Country"), self.country)
        where.addRow(_("Website"), self.website)
        where.addRow(_("E-mail"), self.checks.add("email", self.email, v.email))
        where.addRow(_("Notes"), self.notes)
        order = (self.name, self.kind, self.size_class, self.enterprise_number, self.vat_number, self.fee_category,
                 self.peppol_id, self.einvoice_opt_out, self.joined_on, self.street, self.postcode,
                 self.municipality, self.province, self.country, self.website, self.email, self.notes)
        for first, second in zip(order, order[1:], strict=False):  # down the left column, then the right
            QWidget.setTabOrder(first, second)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.size_class.currentIndexChanged.connect(lambda _i: self._fill_categories())
        self._left_on = None
        self._fill_categories()

    def set_categories(self, choices: list[CategoryChoice]) -> None:
        """The schedule's categories (read on the task runner); the chosen one stays chosen."""
        self._category = self.fee_category.currentData() if self.fee_category.count() else self._category
        self._categories = list(choices)
        self._fill_categories()

    def _fill_categories(self) -> None:
        """First "By kind and size (Small company)", the category a member without its own gets."""
        chosen = self.fee_category.currentData() if self.fee_category.count() else self._category
        automatic = category_label(fee_category_for(MemberKind(self.kind.currentData()),
                                                    SizeClass(self.size_class.currentData())
                                                    if self.size_class.currentData() else None))
        self.fee_category.blockSignals(True)
        self.fee_category.clear()
        self.fee_category.addItem(_("By kind and size ({category})").format(category=automatic), None)
        for choice in self._categories:
            self.fee_category.addItem(choice.label, choice.code)
        if chosen and self.fee_category.findData(chosen) < 0:  # not read yet, or gone from the schedule
            self.fee_category.addItem(category_label(chosen), chosen)
        self.fee_category.setCurrentIndex(max(0, self.fee_category.findData(chosen)))
        self.fee_category.blockSignals(False)

    def _kind_changed(self) -> None:
        company = self.kind.currentData() == MemberKind.COMPANY.value
        self.size_class.setEnabled(company)
        if not company:
            self.size_class.setCurrentIndex(0)
        self._fill_categories()

    def _show_default_peppol_id(self, text: str) -> None:
        """The e-invoice address the member gets when the field is left empty, written out."""
        try:
            number = v.enterprise_number(text)
        except ValidationError:
            number = None
        self.peppol_id.setPlaceholderText(_("empty: {peppol_id}, from the enterprise number").format(
            peppol_id=f"0208:{number}") if number else _("empty: 0208 + the enterprise number"))

    def load(self, m: MemberDetail) -> None:
        self.name.setText(m.name)
        self.kind.setCurrentIndex(self.kind.findData(m.kind.value))
        self.size_class.setCurrentIndex(max(0, self.size_class.findData(m.size_class.value if m.size_class else None)))
        self.enterprise_number.setText(v.format_enterprise_number(m.enterprise_number))
        for name in ("vat_number", "street", "postcode", "municipality", "province", "country", "website",
                     "email"):
            getattr(self, name).setText(getattr(m, name) or "")
        self._category = m.fee_category.lower() if m.fee_category else None
        self.fee_category.setCurrentIndex(max(0, self.fee_category.findData(self._category)))
        if self.fee_category.currentData() != self._category:
            self.fee_category.clear()  # refilled with the member's category below
            self._fill_categories()
        self.notes.setPlainText(m.notes or "")
        self.peppol_id.setText(m.peppol_id or "")
        self.einvoice_opt_out.setChecked(m.einvoice_opt_out)
        self.joined_on.setDate(to_qdate(m.joined_on))
        self._left_on = m.left_on
        self.left_label.setText(_("Left on {date}").format(date=day(m.left_on))
                                if m.left_on else "")
        self.form_layout.setRowVisible(self.left_label, m.left_on is not None)
        self._kind_changed()

    def input(self) -> MemberInput:
        def text(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        return MemberInput(
            name=self.name.text(), kind=self.kind.currentData(), joined_on=from_qdate(self.joined_on.date()),
            size_class=self.size_class.currentData(), enterprise_number=text(self.enterprise_number),
            vat_number=text(self.vat_number), street=text(self.street), postcode=text(self.postcode),
            municipality=text(self.municipality), province=text(self.province),
            country=self.country.text().strip() or "BE", website=text(self.website), email=text(self.email),
            fee_category=self.fee_category.currentData(), notes=self.notes.toPlainText().strip() or None,
            left_on=self._left_on, peppol_id=text(self.peppol_id), einvoice_opt_out=self.einvoice_opt_out.isChecked(),
        )


def describe(m: MemberDetail) -> str:
    """"Company · Small · member since 17/07/2020" (or "left on …")."""
    membership = (_("left on {date}").format(date=day(m.left_on)) if m.left_on
                  else _("member since {date}").format(date=day(m.joined_on)))
    return facts(_(m.kind.label), _(m.size_class.label) if m.size_class else "", m.enterprise_number
                 and v.format_enterprise_number(m.enterprise_number), membership)


class MemberDialog(Dialog):
    """`saved(member_id)` is emitted after every successful save (and after ending the membership)."""

    saved = Signal(int)

    def __init__(self, ctx, member_id: int | None, parent=None):
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        self.member: MemberDetail | None = None
        self.resize(900, 630)  # room for the e-mail addresses on Contacts; the layout may widen it
        self.header = RecordHeader(_("New member"))
        self.setWindowTitle(_("New member"))
        self.form = MemberForm()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.form, _("General"))
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.end_button = QPushButton(_("End membership…"))
        self.delete_button = QPushButton(_("Delete…"))
        self.buttons.addButton(self.end_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.end_button.clicked.connect(self.end_membership)
        self.delete_button.clicked.connect(self.delete)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*MARGINS)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.form.checks.valid_changed.connect(lambda _valid: self._update_save())
        self.form.name.textChanged.connect(lambda _text: self._update_save())
        if member_id is None:
            operations.query(ctx, fee_category_choices, owner=self, key="categories",
                             on_success=self.form.set_categories)
        else:
            self._load(member_id)
        self.end_button.setVisible(member_id is not None)
        self.delete_button.setVisible(member_id is not None)
        self.end_button.setEnabled(False)  # until the member has been read
        self.delete_button.setEnabled(False)
        self._update_save()

    def _load(self, member_id: int) -> None:
        """Read the member on the task runner; the form fills in when it arrives."""
        def read(session):
            member = service.get_member(session, member_id)
            return member, fee_category_choices(session, member.fee_category)

        operations.query(self.ctx, read, owner=self, key="member", on_success=self._loaded)

    def _loaded(self, read: tuple[MemberDetail, list[CategoryChoice]]) -> None:
        self.member, categories = read
        self.form.set_categories(categories)
        self.form.load(self.member)
        self.end_button.setEnabled(True)
        self.delete_button.setEnabled(True)
        self.header.show_record(self, self.member.name, describe(self.member))
        if self.tabs.count() == 1:
            self._add_member_tabs()

    def _add_member_tabs(self) -> None:
        contacts = ContactsPanel(self.ctx, self.member_id)
        self.contacts = contacts
        self.tabs.addTab(contacts, _("Contacts"))
        for tab in registry.member_tabs():
            try:
                self.tabs.addTab(load_object(tab.target)(self.ctx, self.member_id), _(tab.title))
            except Exception as exc:  # noqa: BLE001 (a broken feature tab must not block the member)
                show_error(self, exc, where=f"member tab {tab.target}")

    def _update_save(self) -> None:
        self.save_button.setEnabled(self.form.checks.valid and bool(self.form.name.text().strip()))

    # -- actions ---------------------------------------------------------------------------------

    def save(self, *, expected_version: int | None = None) -> bool:
        """Start the save on the task runner; True if it started (the dialog closes when it succeeded)."""
        if not self.form.checks.validate_all():
            self._update_save()
            return False
        data, member_id = self.form.input(), self.member_id
        version = expected_version if expected_version is not None or self.member is None else self.member.version

        def write(session, expected):
            if member_id is None:
                return service.create_member(session, data)
            return service.update_member(session, member_id, data, expected_version=expected)

        operations.save(self.ctx, self, write, expected_version=version, changes=(Change.MEMBERS,),
                        on_saved=self._saved, checks=self.form.checks, message=self.message,
                        reload=lambda: self._load(self.member_id), busy=self.save_button)
        return True

    def _saved(self, saved) -> None:
        self.member_id, self.member = saved.id, saved
        self._update_save()
        self.saved.emit(saved.id)
        self.accept()

    def end_membership(self) -> None:
        def ended(_day) -> None:
            self._load(self.member_id)
            self.saved.emit(self.member_id)

        member_actions.end_membership(self, self.ctx, self.member_id, self.member.name, on_done=ended)

    def delete(self) -> None:
        member_actions.delete_member(self, self.ctx, self.member_id, self.member.name,
                                     on_done=lambda: self.reject())
