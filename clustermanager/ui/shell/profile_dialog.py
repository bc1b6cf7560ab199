"""The cluster profile form: who the cluster is (name, kind, numbers, address, funding)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from clustermanager import validation as v
from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.models import ClusterKind
from clustermanager.services.cluster import ProfileData, get_profile, save_profile
from clustermanager.ui import operations
from clustermanager.ui.common.errors import show_error
from clustermanager.ui.common.forms import InlineValidation, form_layout
from clustermanager.ui.common.numbers import day


def _date(text: str, field: str):
    return v.parse_date_text(text, field)


class ProfileDialog(QDialog):
    def __init__(self, profile: ProfileData | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Cluster profile"))
        self.setMinimumWidth(520)
        self.result_data: ProfileData | None = None
        p = profile or ProfileData(name="", kind=ClusterKind.IBN)
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
                                                        lambda t: _date(t, "funding_start")))
        form.addRow(_("Funding until"), self.checks.add("funding_end", self.funding_end,
                                                         lambda t: _date(t, "funding_end")))
        form.addRow(_("Funding rate"), self.funding_rate)
        layout = QVBoxLayout(self)
        intro = QLabel(_("This appears on invoices and progress reports."))
        intro.setObjectName("screenSubtitle")
        layout.addWidget(intro)
        layout.addLayout(form)
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

    def data(self) -> ProfileData:
        return ProfileData(
            name=self.name.text().strip(), kind=ClusterKind(self.kind.currentData()),
            enterprise_number=self.enterprise_number.text() or None, street=self.street.text() or None,
            postcode=self.postcode.text() or None, municipality=self.municipality.text() or None,
            email=self.email.text() or None, iban=self.iban.text() or None,
            funding_start=_date(self.funding_start.text(), "funding_start"),
            funding_end=_date(self.funding_end.text(), "funding_end"),
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
