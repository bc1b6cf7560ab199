"""Preferences: per-user settings (the language for now; features add their own rows later)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QVBoxLayout

from clustermanager.i18n import LANGUAGES, _
from clustermanager.ui.common.dialog import Dialog
from clustermanager.ui.common.forms import form_layout


class PreferencesDialog(Dialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Preferences"))
        self.resize(420, 0)  # as narrow as that; its layout widens it for a longer label
        form = form_layout()
        self.language = QComboBox()
        self.language.addItem(_("System language"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(ctx.settings.language)))
        form.addRow(_("Language"), self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = QLabel(_("A new language is used from the next start."))
        note.setObjectName("screenSubtitle")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.ctx.settings.language = self.language.currentData()
        self.ctx.settings.save()
        super().accept()
