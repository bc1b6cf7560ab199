"""The cluster profile form: who the cluster is (name, kind, address, funding) and, on its second tab,
the legal identity its invoices carry (legal form, register, VAT, bank account, Peppol ID)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clustermanager import validation as v
from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.models import ClusterKind
from clustermanager.services.cluster import (
    LEGAL_FORMS,
    LEGAL_REGISTERS,
    ProfileData,
    get_profile,
    save_profile,
)
from clustermanager.ui import operations
from clustermanager.ui.common.dialog import Dialog
from clustermanager.ui.common.errors import show_error
from clustermanager.ui.common.forms import InlineValidation, form_layout
from clustermanager.ui.common.numbers import day


class ProfileDialog(Dialog):
    def __init__(self, profile: ProfileData | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Cluster profile"))
        self.result_data: ProfileData | None = None
        p = profile or ProfileData(name="", kind=ClusterKind.IBN)
        self.original = p
        self.checks = InlineValidation(self)
        form = form_layout()
        form.setVerticalSpacing(8)
        self.name = QLineEdit(p.name)
        self.kind = QComboBox()
        for kind in ClusterKind:
            self.kind.addItem(_(kind.label), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(ClusterKind(p.kind).value))
        self.enterprise_number = QLineEdit(v.format_enterprise_number(p.enterprise_number))
        self.street = QLineEdit(p.street or "")
        self.postcode = QLineEdit(p.postcode or "")
        self.municipality = QLineEdit(p.municipality or "")
        self.email = QLineEdit(p.email or "")
        self.iban = QLineEdit(p.iban or "")
        self.funding_start = QLineEdit(day(p.funding_start))
        self.funding_end = QLineEdit(day(p.funding_end))
        for edit in (self.funding_start, self.funding_end):
            edit.setPlaceholderText(_("dd/mm/yyyy"))
        self.funding_rate = QDoubleSpinBox()
        self.funding_rate.setRange(0, 100)
        self.funding_rate.setDecimals(1)
        self.funding_rate.setSuffix(" %")
        self.funding_rate.setValue(float(p.funding_rate * 100))

        form.addRow(_("Name"), self.checks.add("name", self.name,
                                                lambda t: v.clean_text(t, "name", required=True)))
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Enterprise number"), self.checks.add("enterprise_number", self.enterprise_number,
                                                             v.enterprise_number))
        form.addRow(_("Street"), self.street)
        form.addRow(_("Postcode"), self.postcode)
        form.addRow(_("Municipality"), self.municipality)
        form.addRow(_("E-mail"), self.checks.add("email", self.email, v.email))
        form.addRow(_("IBAN"), self.checks.add("iban", self.iban, v.iban))
        form.addRow(_("Funding from"), self.checks.add("funding_start", self.funding_start,
                                                        lambda t: v.parse_date_text(t, "funding_start")))
        form.addRow(_("Funding until"), self.checks.add("funding_end", self.funding_end,
                                                         lambda t: v.parse_date_text(t, "funding_end")))
        form.addRow(_("Funding rate"), self.funding_rate)
        layout = QVBoxLayout(self)
        intro = QLabel(_("This appears on invoices and progress reports."))
        intro.setObjectName("screenSubtitle")
        layout.addWidget(intro)
        self.tabs = QTabWidget()
        general = QWidget()
        general.setLayout(form)
        self.tabs.addTab(general, _("General"))
        self.tabs.addTab(self._legal_tab(p), _("Legal identity"))
        layout.addWidget(self.tabs)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.checks.valid_changed.connect(save.setEnabled)
        save.setEnabled(self.checks.validate_all() and bool(p.name))
        self.name.textChanged.connect(lambda text: save.setEnabled(self.checks.valid and bool(text.strip())))

    def _legal_tab(self, p: ProfileData) -> QWidget:
        """Legal form, register and court division, VAT, bank, contact and Peppol ID: what invoices carry."""
        form = form_layout()
        form.setVerticalSpacing(8)
        self.legal_form = QComboBox()
        self.legal_form.setEditable(True)
        self.legal_form.addItems(["", *LEGAL_FORMS])
        self.legal_form.setCurrentText(p.legal_form or "")
        self.legal_register = QComboBox()
        self.legal_register.addItems(["", *LEGAL_REGISTERS])
        self.legal_register.setCurrentText(p.legal_register or "")
        self.court_division = QLineEdit(p.court_division or "")
        self.court_division.setPlaceholderText(_("e.g. Gent, afdeling Gent"))
        self.registered_office = QLineEdit(p.registered_office or "")
        self.registered_office.setPlaceholderText(_("empty: the address on the first tab"))
        self.vat_registered = QCheckBox(_("VAT-registered: the fees carry VAT"))
        self.vat_registered.setChecked(p.vat_registered)
        self.vat_number = QLineEdit(p.vat_number or "")
        self.vat_number.setPlaceholderText(_("BE + the enterprise number"))
        self.vat_registered.toggled.connect(self.vat_number.setEnabled)
        self.vat_number.setEnabled(p.vat_registered)
        self.bic = QLineEdit(p.bic or "")
        self.phone = QLineEdit(p.phone or "")
        self.website = QLineEdit(p.website or "")
        self.peppol_id = QLineEdit(p.peppol_id or "")
        self.peppol_id.setPlaceholderText(_("empty: 0208 + the enterprise number"))
        form.addRow(_("Legal form"), self.legal_form)
        form.addRow(_("Register of legal entities"), self.legal_register)
        form.addRow(_("Court division"), self.court_division)
        form.addRow(_("Registered office"), self.registered_office)
        form.addRow("", self.vat_registered)
        form.addRow(_("VAT number"), self.vat_number)
        form.addRow(_("BIC"), self.bic)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("Website"), self.website)
        form.addRow(_("Peppol ID"), self.checks.add("peppol_id", self.peppol_id, v.peppol_id))
        tab = QWidget()
        tab.setLayout(form)
        return tab

    def data(self) -> ProfileData:
        return dataclasses.replace(
            self.original,  # what the form does not show (country, notes) is kept
            legal_form=self.legal_form.currentText().strip() or None,
            legal_register=self.legal_register.currentText() or None,
            court_division=self.court_division.text().strip() or None,
            registered_office=self.registered_office.text().strip() or None,
            vat_registered=self.vat_registered.isChecked(),
            vat_number=(self.vat_number.text().strip() or None) if self.vat_registered.isChecked() else None,
            bic=self.bic.text().strip() or None, phone=self.phone.text().strip() or None,
            website=self.website.text().strip() or None, peppol_id=self.peppol_id.text().strip() or None,
            name=self.name.text().strip(), kind=ClusterKind(self.kind.currentData()),
            enterprise_number=self.enterprise_number.text() or None, street=self.street.text() or None,
            postcode=self.postcode.text() or None, municipality=self.municipality.text() or None,
            email=self.email.text() or None, iban=self.iban.text() or None,
            funding_start=v.parse_date_text(self.funding_start.text(), "funding_start"),
            funding_end=v.parse_date_text(self.funding_end.text(), "funding_end"),
            funding_rate=(Decimal(str(self.funding_rate.value())) / 100).quantize(Decimal("0.001")),
        )


def edit_profile(window) -> None:
    """Read the profile on the task runner, show its form, save it (PROFILE is announced once saved)."""
    operations.query(window.ctx, get_profile, owner=window, key="profile",
                     on_success=lambda profile: _ask(window, ProfileDialog(profile, window)))


def _ask(window, dialog: ProfileDialog) -> None:
    """Until saved or cancelled: a refused field reopens the form with the problem beside it."""
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        data = dialog.data()
    except ValidationError as exc:
        _refused(window, dialog, exc)
        return

    def failed(exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            _refused(window, dialog, exc)
        else:
            show_error(window, exc)

    operations.change(window.ctx, lambda session: save_profile(session, data),
                      changes=(operations.Change.PROFILE,), parent=window, on_error=failed)


def _refused(window, dialog: ProfileDialog, exc: ValidationError) -> None:
    dialog.message.setText("; ".join(str(p) for p in dialog.checks.show_problems(exc)))
    _ask(window, dialog)
