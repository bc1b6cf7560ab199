"""First run: an empty database gets a choice between a new cluster (its profile) and the demo."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

from clustermanager.i18n import _
from clustermanager.services.cluster import has_profile
from clustermanager.ui.common.dialog import Dialog

NEW, DEMO = 1, 2


class FirstRunDialog(Dialog):
    """Two big choices; `choice` is NEW, DEMO or None (later)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to ClusterManager"))
        self.choice: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        title = QLabel(_("Welcome to ClusterManager"))
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        text = QLabel(_("This database is empty. Describe your cluster to start, or look around in a demo "
                        "cluster with made-up members, fees, activities and projects."))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.new_button = QPushButton(_("Create a new cluster…"))
        self.demo_button = QPushButton(_("Open the demo cluster"))
        self.new_button.setDefault(True)
        for button, choice in ((self.new_button, NEW), (self.demo_button, DEMO)):
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
            layout.addWidget(button)
        later = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        later.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Later"))
        later.rejected.connect(self.reject)
        layout.addWidget(later)
        self.resize(460, 0)  # as narrow as that; its layout widens it for a longer label

    def _choose(self, choice: int) -> None:
        self.choice = choice
        self.accept()


def ask_first_run(window) -> int | None:
    """NEW, DEMO or None; tests replace this function."""
    dialog = FirstRunDialog(window)
    dialog.exec()
    return dialog.choice


def offer_first_run(window) -> None:
    """If the window's database has no cluster profile yet, ask what to do."""
    from clustermanager.ui import operations

    operations.query(window.ctx, has_profile, owner=window, key="first run",
                     on_success=lambda found: None if found else _ask(window))


def _ask(window) -> None:
    import clustermanager.ui.database.first_run as module  # looked up at call time: tests patch it

    choice = module.ask_first_run(window)
    if choice == NEW:
        from clustermanager.ui.shell.profile_dialog import edit_profile

        edit_profile(window)
    elif choice == DEMO:
        window.files.open_demo()
