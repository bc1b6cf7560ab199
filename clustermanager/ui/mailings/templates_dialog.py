"""Tools > Mail templates…: edit the subject and body of a template per language, with its fields listed;
reset to the app's text; add a template of your own."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from clustermanager import validation as v
from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.services import mail_templates as svc
from clustermanager.ui import operations
from clustermanager.ui.common.dialog import Dialog
from clustermanager.ui.common.forms import form_layout
from clustermanager.ui.mailings import files
from clustermanager.ui.mailings.criteria_form import LANGUAGE_LABELS
from clustermanager.ui.operations import Change


def fields_help() -> str:
    return "\n".join("{" + name + "}  " + _(what) for name, what in svc.FIELDS.items())


class TemplatesDialog(Dialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Mail templates"))
        self.setMinimumSize(900, 560)
        self.name = QComboBox()
        self.language = QComboBox()
        for code in v.MAIL_LANGUAGES:
            self.language.addItem(_(LANGUAGE_LABELS[code]), code)
        self.new_button = QPushButton(_("New template…"))
        self.state = QLabel()
        self.state.setObjectName("screenSubtitle")
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.fields = QPlainTextEdit(fields_help())
        self.fields.setReadOnly(True)
        self.body.setAccessibleName(_("Text"))  # for screen readers: the boxes have no label of their own
        self.fields.setAccessibleName(_("Fields you can use in the text"))
        self.fields.setMaximumWidth(360)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.reset_button = self.buttons.addButton(_("Back to the app's text"), QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(lambda: self.save())
        self.buttons.rejected.connect(self.reject)
        self.reset_button.clicked.connect(self.reset)
        self.new_button.clicked.connect(lambda: self.new_template())
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.language)
        top.addWidget(self.new_button)
        form = form_layout()
        form.addRow(_("Template"), top)
        form.addRow("", self.state)
        form.addRow(_("Subject"), self.subject)
        edit = QHBoxLayout()
        edit.addWidget(self.body, 2)
        edit.addWidget(self.fields, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(edit, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.name.currentIndexChanged.connect(lambda _i: self.load())
        self.language.currentIndexChanged.connect(lambda _i: self.load())
        self.reload_names()

    def reload_names(self, chosen: str | None = None) -> None:
        def shown(names) -> None:
            wanted = chosen or self.name.currentData()
            self.name.blockSignals(True)
            self.name.clear()
            for name in names:
                self.name.addItem(name, name)
            self.name.setCurrentIndex(max(0, self.name.findData(wanted)))
            self.name.blockSignals(False)
            self.load()

        operations.query(self.ctx, svc.template_names, owner=self, key="names", on_success=shown)

    def load(self) -> None:
        name, lang = self.name.currentData(), self.language.currentData()
        if not name:
            return
        operations.query(self.ctx, lambda s: svc.get_template(s, name, lang), owner=self, key="text",
                         on_success=self._show)

    def _show(self, t: svc.TemplateData) -> None:
        self.subject.setText(t.subject)
        self.body.setPlainText(t.body)
        self.message.clear()
        if t.edited and t.language == self.language.currentData():
            self.state.setText(_("Your text (the app's text comes back with “Back to the app's text”)."))
        elif t.language != self.language.currentData():
            self.state.setText(_("No text in this language yet: shown in {lang}; saving makes one.").format(
                lang=t.language))
        else:
            self.state.setText(_("The app's text. Saving keeps your own version in this database."))

    def save(self, name: str | None = None) -> None:
        name = name or self.name.currentData()
        lang, subject, body = self.language.currentData(), self.subject.text(), self.body.toPlainText()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                self.message.setText("; ".join(str(p) for p in exc.problems))
            else:
                from clustermanager.ui.common.errors import show_error

                show_error(self, exc)

        operations.change(self.ctx, lambda s: svc.set_template(s, name, lang, subject, body),
                          changes=(Change.MAILINGS,), parent=self, on_error=failed,
                          on_success=lambda t: self.reload_names(t.name))

    def reset(self) -> None:
        name, lang = self.name.currentData(), self.language.currentData()
        operations.change(self.ctx, lambda s: svc.reset_template(s, name, lang), changes=(Change.MAILINGS,),
                          parent=self, on_success=lambda _r: self.reload_names(name))

    def new_template(self, name: str | None = None) -> None:
        name = name or files.ask_name(self, _("New template"), _(
            "Name (lower-case letters, digits and dashes, e.g. project-news)"))
        if name:
            self.save(name.strip().lower())


def edit_templates(window) -> TemplatesDialog:
    """Tools > Mail templates…"""
    dialog = TemplatesDialog(window.ctx, window)
    dialog.open()
    return dialog
