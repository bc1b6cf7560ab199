"""Inline validation for forms: each field is checked as it is typed, its error shown right under it.

The checks are the core's own validators (clustermanager.validation), so a form refuses exactly
what the services refuse. A service's ValidationError after Save is shown the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from clustermanager.errors import FieldProblem, ValidationError


class Field(QWidget):
    """A QLineEdit with its error line (hidden while the value is fine)."""

    def __init__(self, edit: QLineEdit, check: Callable[[str], object] | None, parent=None):
        super().__init__(parent)
        self.edit, self.check = edit, check
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(edit)
        layout.addWidget(self.error)
        # Only as tall as the field (and its error): never stretched by a form with room to spare.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def validate(self) -> bool:
        if self.check is None:
            self.set_error("")
            return True
        try:
            self.check(self.edit.text())
        except ValidationError as exc:
            self.set_error(exc.problems[0].message)
            return False
        self.set_error("")
        return True

    def set_error(self, message: str) -> None:
        self.error.setText(message[:1].upper() + message[1:])  # the core says "is not valid…"
        self.error.setVisible(bool(message))
        self.edit.setProperty("invalid", bool(message))  # the red frame: shell/style.py
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)


class InlineValidation(QObject):
    """The fields of one form; `valid_changed(bool)` drives the Save button."""

    valid_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.fields: dict[str, Field] = {}
        self._valid = True

    def add(self, name: str, edit: QLineEdit, check: Callable[[str], object] | None = None) -> Field:
        field = Field(edit, check)
        self.fields[name] = field
        edit.textChanged.connect(lambda _text, f=field: self._changed(f))
        return field

    def _changed(self, field: Field) -> None:
        field.validate()
        self._update()

    def validate_all(self) -> bool:
        results = [field.validate() for field in self.fields.values()]
        self._update()
        return all(results)

    @property
    def valid(self) -> bool:
        return self._valid

    def _update(self) -> None:
        valid = not any(f.error.isVisibleTo(f) for f in self.fields.values())
        if valid != self._valid:
            self._valid = valid
            self.valid_changed.emit(valid)

    def show_problems(self, exc: ValidationError) -> list[FieldProblem]:
        """Put each problem beside its field; returns the problems that belong to no field here."""
        rest = []
        for problem in exc.problems:
            field = self.fields.get(problem.field)
            if field is None:
                rest.append(problem)
            else:
                field.set_error(problem.message)
        self._update()
        return rest


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """Every form of the window looks the same: labels right-aligned against their fields, even rows."""
    form = QFormLayout(parent) if parent is not None else QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setVerticalSpacing(10)
    form.setHorizontalSpacing(12)
    return form
