"""Small questions asked of the user, kept in one module so tests can answer them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
)

from clustermanager.i18n import _
from clustermanager.ui.common.dialog import Dialog


def confirm(parent, title: str, text: str, *, action: str) -> bool:
    """Yes/no with the action named on the button (never a bare "OK")."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_save_first(parent, title: str, text: str) -> str:
    """Save / Discard / Cancel before leaving a form with unsaved edits: SAVE, DISCARD or CANCEL."""
    buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
               | QMessageBox.StandardButton.Cancel)
    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
    box.button(QMessageBox.StandardButton.Save).setText(_("Save"))
    box.button(QMessageBox.StandardButton.Discard).setText(_("Discard"))
    box.button(QMessageBox.StandardButton.Cancel).setText(_("Cancel"))
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setObjectName("saveFirstQuestion")
    box.exec()
    clicked = box.clickedButton()
    if clicked is box.button(QMessageBox.StandardButton.Save):
        return SAVE
    return DISCARD if clicked is box.button(QMessageBox.StandardButton.Discard) else CANCEL


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(to_qdate(day or dt.date.today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def ask_date(parent, title: str, text: str, label: str, default: dt.date) -> dt.date | None:
    dialog = Dialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    message = QLabel(text)
    message.setWordWrap(True)
    layout.addWidget(message)
    form = QFormLayout()
    edit = date_edit(default)
    form.addRow(label, edit)
    layout.addLayout(form)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return from_qdate(edit.date())
