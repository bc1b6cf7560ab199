"""The row above the member register: search box, kind, size class and membership status."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from clustermanager.i18n import _
from clustermanager.models import MemberKind, SizeClass
from clustermanager.services.register_query import RegisterFilter as MemberFilter
from clustermanager.ui.common.dialogs import date_edit, from_qdate


class MemberFilterBar(QWidget):
    """`typed()` when the search text changes, `changed()` when a choice changes."""

    typed = Signal()
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(8)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search name, enterprise number, municipality, contact…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.typed.emit())
        self.kind = QComboBox()
        self.kind.addItem(_("All kinds"), "")
        for kind in MemberKind:
            self.kind.addItem(_(kind.label), kind.value)  # plain text: Qt hands a StrEnum back as str
        self.size = QComboBox()
        self.size.addItem(_("All sizes"), "")
        for size in SizeClass:
            self.size.addItem(_(size.label), size.value)
        self.status = QComboBox()
        for text, key in ((_("Active today"), "active"), (_("Active on…"), "active_on"),
                          (_("Former members"), "former"), (_("Everyone"), "all")):
            self.status.addItem(text, key)
        self.day = date_edit()
        self.day.setVisible(False)
        self.status.currentIndexChanged.connect(
            lambda _i: self.day.setVisible(self.status.currentData() == "active_on"))
        for combo in (self.kind, self.size, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.day.dateChanged.connect(lambda _d: self.changed.emit())
        bar.addWidget(self.search, 1)
        for widget in (self.kind, self.size, self.status, self.day):
            bar.addWidget(widget)

    def current_filter(self) -> MemberFilter:
        status, kind, size = self.status.currentData(), self.kind.currentData(), self.size.currentData()
        return MemberFilter(
            text=self.search.text(), kind=MemberKind(kind) if kind else None,
            size_class=SizeClass(size) if size else None,
            status="active" if status == "active_on" else status,
            day=from_qdate(self.day.date()) if status == "active_on" else None)
