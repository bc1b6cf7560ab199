"""The project's Funding tab: the programme it is submitted to (and the call), and per partner the
funding requested and granted. Saved on its own (the dated stages submitted / approved / rejected are
set with the project's status, General tab)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clustermanager.i18n import _
from clustermanager.models import Programme
from clustermanager.services import project_pipeline
from clustermanager.ui import operations
from clustermanager.ui.common.forms import form_layout
from clustermanager.ui.common.numbers import amount as as_amount
from clustermanager.ui.operations import Change


class FundingTab(QWidget):
    saved = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx, self.project_id, self.partners = ctx, None, []
        layout = QVBoxLayout(self)
        form = form_layout()
        self.programme = QComboBox()
        self.programme.addItem(_("(not submitted to a programme)"), None)
        for p in Programme:
            self.programme.addItem(_(p.label), p.value)
        self.call = QLineEdit()
        self.call.setPlaceholderText(_("the call's name or reference"))
        form.addRow(_("Programme"), self.programme)
        form.addRow(_("Call"), self.call)
        layout.addLayout(form)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Partner"), _("Requested"), _("Granted")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(_("Save funding"))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def load(self, record) -> None:
        self.project_id, self.partners = record.id, [(p.member_id, p.member_name) for p in record.partners]
        pid = record.id
        operations.query(self.ctx, lambda s: (project_pipeline.application(s, pid),
                                              project_pipeline.funding_by_member(s, pid)),
                         owner=self, key="funding", on_success=self._show)

    def _show(self, result) -> None:
        app, money = result
        self.programme.setCurrentIndex(0)
        self.call.setText("")
        if app is not None:
            self.programme.setCurrentIndex(max(0, self.programme.findData(app.programme.value if app.programme else None)))
            self.call.setText(app.call or "")
        self.table.setRowCount(len(self.partners))
        for row, (member_id, name) in enumerate(self.partners):
            item = QTableWidgetItem(name)
            item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
            self.table.setItem(row, 0, item)
            requested, granted = money.get(member_id, (None, None))
            self.table.setItem(row, 1, QTableWidgetItem(as_amount(requested)))
            self.table.setItem(row, 2, QTableWidgetItem(as_amount(granted)))

    def entries(self) -> dict[int, tuple[str, str]]:
        return {member_id: (self.table.item(r, 1).text(), self.table.item(r, 2).text())
                for r, (member_id, _name) in enumerate(self.partners)}

    def save(self) -> None:
        self.message.setText("")
        pid, programme, call = self.project_id, self.programme.currentData(), self.call.text()
        rows, names = self.entries(), dict(self.partners)
        self.save_button.setEnabled(False)

        def done(_result) -> None:
            self.save_button.setEnabled(True)
            self.saved.emit()

        def failed(exc) -> None:
            self.save_button.setEnabled(True)
            from clustermanager.errors import ValidationError

            if isinstance(exc, ValidationError):
                self.message.setText("; ".join(str(p) for p in exc.problems))
            else:
                from clustermanager.ui.common.errors import show_error

                show_error(self, exc)

        operations.change(self.ctx, lambda s: project_pipeline.save_funding(s, pid, programme, call, rows, names),
                          changes=(Change.PROJECTS,), on_success=done, parent=self, on_error=failed)
