"""The criteria of a selection as a form: member kind and size, province, fee status, activities attended,
project partners, role, main contact, language, mailings received, former members.

`values()` reads the form as plain values for `selection_criteria.criteria_from_dict`, which checks them
(a refused value names its field); `load(criteria)` shows saved criteria. `changed` is emitted on every
edit, so the screen can count again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from clustermanager import validation as v
from clustermanager.i18n import N_, _
from clustermanager.models import MemberKind, ProjectStatus, SizeClass
from clustermanager.services.selection_criteria import FEE_STATUSES, Criteria
from clustermanager.ui.common.forms import form_layout

FEE_STATUS_LABELS = {"paid": N_("paid"), "partly_paid": N_("partly paid"), "open": N_("open"),
                     "overdue": N_("overdue"), "credited": N_("credited"), "cancelled": N_("cancelled"),
                     "none": N_("no fee call")}
LANGUAGE_LABELS = {"nl": N_("Dutch"), "fr": N_("French"), "en": N_("English")}
NO_YEAR = 1999  # the spin boxes' "any year"


def _year_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(NO_YEAR, 2200)
    box.setSpecialValueText("—")
    box.setValue(NO_YEAR)
    return box


class Checks(QWidget):
    """A row of check boxes, one per code."""

    def __init__(self, options: dict[str, str], parent=None):
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for code, label in options.items():
            self.boxes[code] = box = QCheckBox(label)
            row.addWidget(box)
        row.addStretch(1)

    def chosen(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_chosen(self, codes) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in codes)


def _words(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class CriteriaForm(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kinds = Checks({k.value: _(k.label) for k in MemberKind})
        self.sizes = Checks({s.value: _(s.label) for s in SizeClass})
        self.provinces = QLineEdit()
        self.provinces.setPlaceholderText(_("comma-separated, e.g. Antwerpen, Limburg"))
        self.fee_year = _year_box()
        self.fee_year.setMaximumWidth(90)
        self.fee_statuses = Checks({code: _(FEE_STATUS_LABELS[code]) for code in FEE_STATUSES})
        self.attended_from, self.attended_to = QLineEdit(), QLineEdit()
        for edit in (self.attended_from, self.attended_to):
            edit.setPlaceholderText(_("dd/mm/yyyy"))
            edit.setMaximumWidth(120)
        self.activity_kinds = QLineEdit()
        self.activity_kinds.setPlaceholderText(_("kinds, comma-separated, e.g. workshop, training"))
        self.project_partners = QCheckBox(_("Partner in a project"))
        self.project_statuses = Checks({s.value: _(s.label) for s in ProjectStatus})
        self.roles = QLineEdit()
        self.roles.setPlaceholderText(_("a word in the role, e.g. CEO, innovation"))
        self.main_contact_only = QCheckBox(_("Main contacts only"))
        self.languages = Checks({code: _(LANGUAGE_LABELS[code]) for code in v.MAIL_LANGUAGES})
        self.received_template = QComboBox()
        self.received_template.addItem("—", "")
        self.received_year = _year_box()
        self.not_received = QCheckBox(_("did NOT receive it"))
        self.former = QCheckBox(_("Include members who left"))

        form = form_layout(self)
        form.addRow(_("Member kind"), self.kinds)
        form.addRow(_("Size"), self.sizes)
        form.addRow(_("Province"), self.provinces)
        form.addRow(_("Fee status in"), self.fee_year)
        form.addRow("", self.fee_statuses)
        period = QHBoxLayout()
        period.addWidget(self.attended_from)
        period.addWidget(self.attended_to)
        period.addWidget(self.activity_kinds, 1)
        form.addRow(_("Attended from – to"), period)
        projects = QHBoxLayout()
        projects.addWidget(self.project_partners)
        projects.addWidget(self.project_statuses, 1)
        form.addRow(_("Projects"), projects)
        form.addRow(_("Role"), self.roles)
        form.addRow(_("Language"), self.languages)
        received = QHBoxLayout()
        received.addWidget(self.received_template, 1)
        received.addWidget(self.received_year)
        form.addRow(_("Received the mailing"), received)
        flags = QHBoxLayout()
        for box in (self.not_received, self.main_contact_only, self.former):
            flags.addWidget(box)
        flags.addStretch(1)
        form.addRow("", flags)

        for checks in (self.kinds, self.sizes, self.fee_statuses, self.project_statuses, self.languages):
            for box in checks.boxes.values():
                box.toggled.connect(self.changed)
        for box in (self.project_partners, self.main_contact_only, self.not_received, self.former):
            box.toggled.connect(self.changed)
        for edit in (self.provinces, self.attended_from, self.attended_to, self.activity_kinds, self.roles):
            edit.textChanged.connect(self.changed)
        for spin in (self.fee_year, self.received_year):
            spin.valueChanged.connect(self.changed)
        self.received_template.currentIndexChanged.connect(self.changed)

    def set_templates(self, names: list[str]) -> None:
        current = self.received_template.currentData()
        self.received_template.blockSignals(True)
        self.received_template.clear()
        self.received_template.addItem("—", "")
        for name in names:
            self.received_template.addItem(name, name)
        self.received_template.setCurrentIndex(max(0, self.received_template.findData(current)))
        self.received_template.blockSignals(False)

    def values(self) -> dict:
        def year(box: QSpinBox):
            return None if box.value() == NO_YEAR else box.value()

        return {
            "kinds": self.kinds.chosen(), "sizes": self.sizes.chosen(), "provinces": _words(self.provinces.text()),
            "fee_year": year(self.fee_year), "fee_statuses": self.fee_statuses.chosen(),
            "attended_from": self.attended_from.text().strip() or None,
            "attended_to": self.attended_to.text().strip() or None,
            "activity_kinds": _words(self.activity_kinds.text()),
            "project_partners": self.project_partners.isChecked(),
            "project_statuses": self.project_statuses.chosen(), "roles": _words(self.roles.text()),
            "main_contact_only": self.main_contact_only.isChecked(), "languages": self.languages.chosen(),
            "received_template": self.received_template.currentData() or None,
            "received_year": year(self.received_year), "not_received": self.not_received.isChecked(),
            "include_former_members": self.former.isChecked(),
        }

    def load(self, c: Criteria) -> None:
        self.blockSignals(True)
        try:
            self.kinds.set_chosen(c.kinds)
            self.sizes.set_chosen(c.sizes)
            self.provinces.setText(", ".join(c.provinces))
            self.fee_year.setValue(c.fee_year or NO_YEAR)
            self.fee_statuses.set_chosen(c.fee_statuses)
            self.attended_from.setText(c.attended_from.strftime("%d/%m/%Y") if c.attended_from else "")
            self.attended_to.setText(c.attended_to.strftime("%d/%m/%Y") if c.attended_to else "")
            self.activity_kinds.setText(", ".join(c.activity_kinds))
            self.project_partners.setChecked(c.project_partners)
            self.project_statuses.set_chosen(c.project_statuses)
            self.roles.setText(", ".join(c.roles))
            self.main_contact_only.setChecked(c.main_contact_only)
            self.languages.set_chosen(c.languages)
            if c.received_template and self.received_template.findData(c.received_template) < 0:
                self.received_template.addItem(c.received_template, c.received_template)
            self.received_template.setCurrentIndex(max(0, self.received_template.findData(c.received_template or "")))
            self.received_year.setValue(c.received_year or NO_YEAR)
            self.not_received.setChecked(c.not_received)
            self.former.setChecked(c.include_former_members)
        finally:
            self.blockSignals(False)
        self.changed.emit()
