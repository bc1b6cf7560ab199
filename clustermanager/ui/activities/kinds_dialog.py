"""Tools > Activity kinds: the built-in kinds and the cluster's own, which can be added and removed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from clustermanager.i18n import _
from clustermanager.models import ACTIVITY_KINDS
from clustermanager.services import activities as service
from clustermanager.ui import operations
from clustermanager.ui.common.dialog import Dialog


class ActivityKindsDialog(Dialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Activity kinds"))
        self.setMinimumSize(440, 400)
        intro = QLabel(_("The kinds offered for an activity. Add your own beside the built-in ones; a kind "
                         "still used by an activity cannot be removed."))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.new_kind = QLineEdit()
        self.new_kind.setPlaceholderText(_("A kind of your own, e.g. Hackathon"))
        add = QPushButton(_("Add"))
        add.clicked.connect(self.add_kind)
        self.new_kind.returnPressed.connect(self.add_kind)
        remove = QPushButton(_("Remove"))
        remove.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.new_kind, 1)
        row.addWidget(add)
        row.addWidget(remove)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        operations.query(self.ctx, service.activity_kinds, owner=self, on_success=self._show)

    def _show(self, kinds) -> None:
        self.list.clear()
        for code, label in kinds.items():
            item = QListWidgetItem(label + ("" if code not in ACTIVITY_KINDS else "  " + _("(built in)")))
            item.setData(Qt.ItemDataRole.UserRole, code)
            if code in ACTIVITY_KINDS:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.list.addItem(item)

    def _change(self, fn, on_done=None) -> None:
        def done(_result) -> None:
            self.reload()
            if on_done is not None:
                on_done()

        operations.change(self.ctx, fn, changes=(operations.Change.ACTIVITIES,), parent=self, on_success=done)

    def add_kind(self) -> None:
        label = self.new_kind.text()
        self._change(lambda s: service.add_activity_kind(s, label), self.new_kind.clear)

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole) not in ACTIVITY_KINDS:
            code = item.data(Qt.ItemDataRole.UserRole)
            self._change(lambda s: service.remove_activity_kind(s, code))


def edit_activity_kinds(window) -> None:
    ActivityKindsDialog(window.ctx, window).exec()
